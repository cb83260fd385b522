import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository root (`/work/main` in development). */
export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
export const SAMPLES_DIR = join(REPO_ROOT, '..', 'shared', 'data', 'ecommerce-events');

/**
 * The real REES46 samples folder, or null (with a message) when it is absent; under CI a missing
 * folder is an error, so that the test cannot pass by skipping.
 */
export function samplesDir(): string | null {
  if (existsSync(SAMPLES_DIR)) return SAMPLES_DIR;
  if (process.env['CI'] === 'true') throw new Error(`shared data missing under CI: ${SAMPLES_DIR}`);
  console.warn(`skipped: the REES46 samples are absent (${SAMPLES_DIR})`);
  return null;
}

export async function tempDir(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `almanac-${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** A file's lines as the loader numbers them: index 0 is line 1 (the header); CR removed. */
export async function fileLines(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8');
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
