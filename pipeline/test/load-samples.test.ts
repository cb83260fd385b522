import { copyFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseEventRow } from '../src/event-row.js';
import { LocalLandingZone } from '../src/landing/local-landing-zone.js';
import { loadLanding } from '../src/load/load-landing.js';
import { fileReportSchema, type FileReport } from '../src/report/run-report.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { fileLines, samplesDir, tempDir } from './support/files.js';
import { eventsAsCsv } from './support/roundtrip.js';

const samples = samplesDir();
const SAMPLE_FILES = ['events-2019-10-sample-1k.csv', 'events-2019-10-sample-5k.csv'];

(samples ? describe : describe.skip)('loading the real REES46 samples', () => {
  let db: TestDatabase;
  let landing: { path: string; remove(): Promise<void> };
  let reports: FileReport[];

  beforeAll(async () => {
    db = await createTestDatabase();
    landing = await tempDir('samples');
    // The shared folder is read-only and loading archives files: work on copies.
    for (const name of SAMPLE_FILES)
      await copyFile(join(samples ?? '', name), join(landing.path, name));
    reports = await loadLanding(db.pool, new LocalLandingZone(landing.path));
  });

  afterAll(async () => {
    await db.drop();
    await landing.remove();
  });

  it('reads every line, and every line read is loaded or quarantined', async () => {
    expect(reports.map((r) => [r.name, r.rowsRead])).toEqual([
      ['events-2019-10-sample-1k.csv', 1000],
      ['events-2019-10-sample-5k.csv', 5019],
    ]);
    for (const report of reports) {
      expect(fileReportSchema.parse(report)).toEqual(report);
      expect(report.error).toBeUndefined();
      expect(report.source).toBe('events');
      expect(report.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(report.rowsRead).toBe(report.rowsLoaded + report.rowsQuarantined);
      const lines = (await fileLines(join(samples ?? '', report.name))).slice(1);
      const valid = lines.filter((line) => parseEventRow(line).ok).length;
      expect(report.rowsLoaded).toBe(valid);
      expect(
        await db.count('SELECT count(*) AS n FROM raw.events WHERE _file = $1', [report.name]),
      ).toBe(valid);
      expect(
        await db.count('SELECT count(*) AS n FROM raw.quarantine WHERE file = $1', [report.name]),
      ).toBe(report.rowsQuarantined);
    }
    expect(await db.count('SELECT count(*) AS n FROM pipeline.load_ledger')).toBe(2);
  });

  it('loads every value exactly as written, 19-digit category ids included', async () => {
    for (const name of SAMPLE_FILES) {
      const lines = await fileLines(join(samples ?? '', name));
      const loaded = await eventsAsCsv(db.pool, name);
      const differing = [...loaded].filter(([n, line]) => lines[n - 1] !== line);
      expect(differing).toEqual([]);
    }
    const { rows } = await db.pool.query<{ id: string }>(
      `SELECT category_id::text AS id FROM raw.events WHERE _file = $1 AND _line = 2`,
      [SAMPLE_FILES[0]],
    );
    expect(rows[0]?.id).toBe('2103807459595387724');
  });

  it('archives the loaded files', async () => {
    expect(await readdir(landing.path)).toEqual(['archive']);
    expect((await readdir(join(landing.path, 'archive'))).sort()).toEqual(SAMPLE_FILES);
  });
});
