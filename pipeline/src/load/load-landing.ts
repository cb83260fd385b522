import type pg from 'pg';
import type { LandingZone } from '../landing/landing-zone.js';
import type { FileReport } from '../report/run-report.js';
import { ensureRawSchema } from '../warehouse/ddl.js';
import { loadFile } from './load-file.js';

/**
 * Loads every file waiting in the landing zone, one after the other in name order, after making
 * sure the raw tables exist. One file's failure does not stop the others: it is in its report.
 */
export async function loadLanding(pool: pg.Pool, zone: LandingZone): Promise<FileReport[]> {
  await ensureRawSchema(pool);
  const reports: FileReport[] = [];
  for (const file of await zone.list()) reports.push(await loadFile(pool, zone, file));
  return reports;
}
