import type pg from 'pg';
import type { LandingZone } from '../landing/landing-zone.js';
import type { FileReport } from '../report/run-report.js';
import { ensureRawSchema } from '../warehouse/ddl.js';
import { qualifiedName, RAW_TABLES } from '../warehouse/raw-tables.js';
import { loadFile } from './load-file.js';

/** How far a load got, in bytes of the landed files (as stored). */
export interface LoadProgress {
  file: string;
  /** 1-based position of the file among those waiting. */
  fileNumber: number;
  files: number;
  bytesDone: number;
  bytesTotal: number;
}

/**
 * Loads every file waiting in the landing zone, one after the other in name order, after making
 * sure the raw tables exist. One file's failure does not stop the others: it is in its report.
 */
export async function loadLanding(
  pool: pg.Pool,
  zone: LandingZone,
  onProgress?: (progress: LoadProgress) => void,
): Promise<FileReport[]> {
  await ensureRawSchema(pool);
  const files = await zone.list();
  const bytesTotal = files.reduce((sum, file) => sum + file.size, 0);
  let finished = 0;
  const reports: FileReport[] = [];
  for (const [index, file] of files.entries()) {
    let current = 0;
    const tell = (): void =>
      onProgress?.({
        file: file.name,
        fileNumber: index + 1,
        files: files.length,
        bytesDone: finished + current,
        bytesTotal,
      });
    tell();
    reports.push(
      await loadFile(pool, zone, file, (bytes) => {
        current = Math.min(file.size, current + bytes);
        tell();
      }),
    );
    finished += file.size;
  }
  await analyzeLoadedTables(pool, reports);
  return reports;
}

/** Below this many new rows, autovacuum's statistics are close enough. */
const ANALYZE_AFTER_ROWS = 50_000;

/** Fresh statistics after a big load, so the models' first queries are planned for the real size. */
async function analyzeLoadedTables(pool: pg.Pool, reports: readonly FileReport[]): Promise<void> {
  const loaded = new Map<string, number>();
  for (const report of reports)
    loaded.set(report.source, (loaded.get(report.source) ?? 0) + report.rowsLoaded);
  for (const table of RAW_TABLES) {
    if ((loaded.get(table.name) ?? 0) >= ANALYZE_AFTER_ROWS)
      await pool.query(`ANALYZE ${qualifiedName(table)}`);
  }
}
