import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** The shared third-party data: `../shared/data` relative to the repository root. */
export const SHARED_DBT_DATA = resolve(import.meta.dirname, '../../../../shared/data/dbt');

/**
 * Whether the shared data is present. Outside CI a missing folder skips the data-driven tests
 * with a message; under `CI=true` it is an error, so the suites cannot silently pass.
 */
export function sharedDataAvailable(): boolean {
  if (existsSync(SHARED_DBT_DATA)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but the shared dbt data is missing at ${SHARED_DBT_DATA}`);
  }
  console.log(`Skipping dbt artifact tests: ${SHARED_DBT_DATA} does not exist`);
  return false;
}

/** JSON files under `folder` of the shared dbt data, as paths relative to it, sorted. */
export function artifactFiles(folder: string): string[] {
  const root = join(SHARED_DBT_DATA, folder);
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .map((file) => relative(SHARED_DBT_DATA, join(root, file)))
    .sort();
}

export function dataPath(file: string): string {
  return join(SHARED_DBT_DATA, file);
}

export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(dataPath(file), 'utf8'));
}
