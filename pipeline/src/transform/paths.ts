import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// From src/transform/ or dist/transform/ the package root is two levels up; a bundled
// dist/index.js would be one level up.
const CANDIDATES = ['../../models', '../models'];

/** Finds the package's models/ folder (beside its package.json) from a module URL inside src/ or dist/. */
export function resolveModelsDir(moduleUrl: string): string {
  const here = dirname(fileURLToPath(moduleUrl));
  for (const candidate of CANDIDATES) {
    const dir = resolve(here, candidate);
    const packageRoot = existsSync(resolve(dir, '..', 'package.json'));
    if (packageRoot && existsSync(dir) && statSync(dir).isDirectory()) return dir;
  }
  throw new Error(`no models/ folder next to ${here}; pass modelsDir explicitly`);
}

/** The models/ folder shipped with @almanac/pipeline. */
export function defaultModelsDir(): string {
  return resolveModelsDir(import.meta.url);
}
