import { join } from 'node:path';
import { generateShopData } from '../src/generate/generate-shop-data.js';
import type { DirtKind } from '../src/generate/dirt.js';
import type { ShopDataSummary } from '../src/generate/summary.js';
import { LocalLandingZone } from '../src/landing/local-landing-zone.js';
import { loadLanding } from '../src/load/load-landing.js';
import type { FileReport } from '../src/report/run-report.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { fileLines, tempDir } from './support/files.js';
import { eventsAsCsv, quarantined } from './support/roundtrip.js';

/** How each kind of dirt the generator writes must be explained in quarantine. */
const REASONS: Partial<Record<DirtKind, RegExp>> = {
  negative_price: /^price -[\d.]+ is negative$/,
  missing_price: /^price "" is missing or not a decimal number$/,
  bad_timestamp: /^event_time ".*" is not like 2019-10-01 00:00:00 UTC$/,
  wrong_field_count: /^expected 9 fields, found (8|10)$/,
  garbage: /^(expected 9 fields, found 1|line contains NUL bytes)$/,
  missing_session: /^user_session is missing$/,
  unknown_event_type: /^event_type "(click|VIEW|wishlist|pageview)" is not one of/,
  truncated_line: /^truncated last line \(no line ending\): expected 9 fields, found [1-6]$/,
  bad_birth_date: /^birth_date ".*" is not a date like 2019-10-01$/,
  negative_cost_price: /^cost_price -[\d.]+ is negative$/,
  bad_quantity: /^quantity_on_hand ".*" is not a whole number/,
};

describe('loading generated shop data with every kind of dirt', () => {
  let db: TestDatabase;
  let landing: { path: string; remove(): Promise<void> };
  let summary: ShopDataSummary;
  let reports: FileReport[];
  const archived = (name: string) => join(landing.path, 'archive', name);

  beforeAll(async () => {
    db = await createTestDatabase();
    landing = await tempDir('dirt');
    summary = await generateShopData({
      events: 20_000,
      seed: 11,
      outDir: landing.path,
      files: 3,
      dirtRate: 0.03,
    });
    reports = await loadLanding(db.pool, new LocalLandingZone(landing.path));
  });

  afterAll(async () => {
    await db.drop();
    await landing.remove();
  });

  it('quarantines exactly the invalid lines and loads all the others', () => {
    expect(reports.map((r) => r.name).sort()).toEqual(summary.files.map((f) => f.name).sort());
    for (const file of summary.files) {
      const report = reports.find((r) => r.name === file.name);
      expect(report).toMatchObject({
        source: file.source,
        skipped: false,
        rowsRead: file.rows,
        rowsQuarantined: file.invalidRows,
        rowsLoaded: file.rows - file.invalidRows,
      });
      expect(report?.error).toBeUndefined();
    }
  });

  it('keeps file, line number, raw text and reason of every quarantined line', async () => {
    const seen = new Set<DirtKind>();
    const unexplained: string[] = [];
    for (const file of summary.files) {
      const lines = await fileLines(archived(file.name));
      const rows = await quarantined(db.pool, file.name);
      expect(rows).toHaveLength(file.invalidRows);
      for (const row of rows) {
        expect(row.source).toBe(file.source);
        expect(row.raw_text).toBe(lines[row.line_number - 1]?.replaceAll('\u0000', '\uFFFD'));
        const kinds = Object.entries(REASONS).filter(([, reason]) => reason.test(row.reason));
        if (kinds.length === 0) unexplained.push(row.reason);
        for (const [kind] of kinds) seen.add(kind as DirtKind);
      }
    }
    expect(unexplained).toEqual([]);
    const written = Object.keys(summary.dirt).filter((kind) => kind in REASONS);
    expect([...seen].filter((kind) => written.includes(kind)).sort()).toEqual(written.sort());
  });

  it('loads event values exactly as written, from the CRLF file too, duplicates included', async () => {
    for (const file of summary.files.filter((f) => f.source === 'events')) {
      const lines = await fileLines(archived(file.name));
      const loaded = await eventsAsCsv(db.pool, file.name);
      expect(loaded.size).toBe(file.rows - file.invalidRows);
      expect([...loaded].filter(([n, line]) => lines[n - 1] !== line)).toEqual([]);
    }
    const extra = await db.count(`
      SELECT coalesce(sum(copies - 1), 0) AS n FROM (
        SELECT count(*) AS copies FROM raw.events
         GROUP BY event_time, event_type, product_id, category_id, category_code, brand, price,
                  user_id, user_session
        HAVING count(*) > 1) duplicates`);
    expect(extra).toBe(summary.dirt.duplicate);
  });

  it('loads customers with personal data, keeping a missing e-mail as NULL', async () => {
    expect(await db.count('SELECT count(*) AS n FROM raw.customers WHERE email IS NULL')).toBe(
      summary.dirt.missing_email,
    );
    const { rows } = await db.pool.query<{ b2b: string; companies: string; ips: string }>(`
      SELECT count(*) FILTER (WHERE customer_type = 'b2b') AS b2b,
             count(company_name) FILTER (WHERE customer_type = 'b2b') AS companies,
             count(signup_ip) AS ips
        FROM raw.customers`);
    expect(Number(rows[0]?.b2b)).toBeGreaterThan(0);
    expect(rows[0]?.companies).toBe(rows[0]?.b2b);
    expect(Number(rows[0]?.ips)).toBe(summary.rows.customers - (summary.dirt.bad_birth_date ?? 0));
  });

  it('records every file in the ledger and archives it', async () => {
    expect(await db.count('SELECT count(*) AS n FROM pipeline.load_ledger')).toBe(
      summary.files.length,
    );
    expect(await new LocalLandingZone(landing.path).list()).toEqual([]);
  });
});
