import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EVENT_HEADER } from '../src/event-row.js';
import { LocalLandingZone } from '../src/landing/local-landing-zone.js';
import { loadLanding } from '../src/load/load-landing.js';
import { PRODUCT_HEADER } from '../src/load/product-row.js';
import type { FileReport } from '../src/report/run-report.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { tempDir } from './support/files.js';
import { eventsAsCsv, quarantined } from './support/roundtrip.js';

const HEADER = EVENT_HEADER.join(',');

/** A valid event line; `tag` makes lines (and so files and checksums) differ between tests. */
function event(tag: string, i: number, overrides: Partial<Record<string, string>> = {}): string {
  const v = {
    time: `2019-10-0${1 + (i % 9)} 10:${String(i % 60).padStart(2, '0')}:00 UTC`,
    type: 'view',
    product: String(1_000_000 + i),
    category: '2053013552326770905',
    code: 'appliances.kitchen.blender',
    brand: 'bosch',
    price: '35.79',
    user: '541312140',
    session: `${tag}-${i}`,
    ...overrides,
  };
  return [v.time, v.type, v.product, v.category, v.code, v.brand, v.price, v.user, v.session].join(
    ',',
  );
}

function eventFile(tag: string, count: number, eol = '\n'): string {
  const lines = [HEADER, ...Array.from({ length: count }, (_, i) => event(tag, i))];
  return lines.join(eol) + eol;
}

describe('loading edge cases', () => {
  let db: TestDatabase;
  let landing: { path: string; remove(): Promise<void> };
  let zone: LocalLandingZone;
  const land = (name: string, content: string | Buffer) =>
    writeFile(join(landing.path, name), content);
  const load = async (): Promise<Record<string, FileReport>> =>
    Object.fromEntries((await loadLanding(db.pool, zone)).map((r) => [r.name, r]));
  const rowsOf = (file: string) =>
    db.count('SELECT count(*) AS n FROM raw.events WHERE _file = $1', [file]);
  const waiting = async () => (await zone.list()).map((f) => f.name);

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(() => db.drop());

  beforeEach(async () => {
    landing = await tempDir('edge');
    zone = new LocalLandingZone(landing.path);
  });

  afterEach(() => landing.remove());

  it('loads the same content once, however often and under whatever name it lands', async () => {
    const content = eventFile('twice', 5);
    await land('events-a.csv', content);
    const first = await load();
    expect(first['events-a.csv']).toMatchObject({ skipped: false, rowsRead: 5, rowsLoaded: 5 });
    await land('events-a.csv', content);
    await land('events-b.csv', content);
    const second = await load();
    for (const name of ['events-a.csv', 'events-b.csv']) {
      expect(second[name]).toMatchObject({
        skipped: true,
        rowsRead: 5,
        rowsLoaded: 5,
        rowsQuarantined: 0,
        checksum: first['events-a.csv']?.checksum,
      });
      expect(second[name]?.error).toBeUndefined();
    }
    expect(await rowsOf('events-a.csv')).toBe(5);
    expect(await rowsOf('events-b.csv')).toBe(0);
    expect((await readdir(join(landing.path, 'archive'))).sort()).toEqual([
      'events-a.csv',
      'events-a~2.csv',
      'events-b.csv',
    ]);
  });

  it('streams gzip files', async () => {
    await land('events-c.csv.gz', gzipSync(eventFile('gzip', 3_000)));
    const reports = await load();
    expect(reports['events-c.csv.gz']).toMatchObject({
      rowsRead: 3_000,
      rowsLoaded: 3_000,
      rowsQuarantined: 0,
    });
    expect(await rowsOf('events-c.csv.gz')).toBe(3_000);
  });

  it('fails a truncated gzip cleanly: an error naming the file, nothing half-written', async () => {
    const whole = gzipSync(eventFile('cut-gzip', 40_000));
    await land('events-d.csv.gz', whole.subarray(0, Math.floor(whole.length * 0.7)));
    const before = await db.count('SELECT count(*) AS n FROM raw.quarantine');
    const reports = await load();
    expect(reports['events-d.csv.gz']?.error).toMatch(
      /^events-d\.csv\.gz: gzip data is truncated or corrupt \(unexpected end of file\); nothing of it was loaded$/,
    );
    expect(reports['events-d.csv.gz']).toMatchObject({
      rowsRead: 0,
      rowsLoaded: 0,
      rowsQuarantined: 0,
    });
    expect(await rowsOf('events-d.csv.gz')).toBe(0);
    expect(await db.count('SELECT count(*) AS n FROM raw.quarantine')).toBe(before);
    expect(
      await db.count(
        `SELECT count(*) AS n FROM pipeline.load_ledger WHERE file = 'events-d.csv.gz'`,
      ),
    ).toBe(0);
    expect(await waiting()).toEqual(['events-d.csv.gz']);
    // The connection that saw the failed COPY is usable again.
    await land('events-d2.csv', eventFile('after-cut', 2));
    expect((await load())['events-d2.csv']).toMatchObject({ rowsLoaded: 2 });
  });

  it('refuses a whole file with a wrong header, and leaves it in the landing zone', async () => {
    await land('events-e.csv', `time,type,product\n${event('header', 1)}\n`);
    const report = (await load())['events-e.csv'];
    expect(report?.error).toMatch(
      /^events-e\.csv: wrong header "time,type,product": expected ".*"; the whole file is refused/,
    );
    expect(report).toMatchObject({
      rowsRead: 0,
      rowsLoaded: 0,
      rowsQuarantined: 0,
      skipped: false,
    });
    expect(await waiting()).toEqual(['events-e.csv']);
    expect(
      await db.count(`SELECT count(*) AS n FROM raw.quarantine WHERE file = 'events-e.csv'`),
    ).toBe(0);
  });

  it('reports empty files: zero bytes is refused, a header alone is an empty load', async () => {
    await land('events-f.csv', '');
    await land('products-g.csv', `${PRODUCT_HEADER.join(',')}\n`);
    const reports = await load();
    expect(reports['events-f.csv']?.error).toMatch(/^events-f\.csv is empty \(0 bytes\)/);
    expect(reports['products-g.csv']).toMatchObject({
      source: 'products',
      rowsRead: 0,
      rowsLoaded: 0,
    });
    expect(reports['products-g.csv']?.error).toBeUndefined();
    expect(await waiting()).toEqual(['events-f.csv']);
  });

  it('handles CRLF, a byte-order mark and a truncated last line', async () => {
    const cut = event('crlf', 4).slice(0, 40);
    await land('events-h.csv', `\uFEFF${eventFile('crlf', 3, '\r\n')}${cut}`);
    await land('events-i.csv', eventFile('unterminated', 2).trimEnd());
    const reports = await load();
    expect(reports['events-h.csv']).toMatchObject({
      rowsRead: 4,
      rowsLoaded: 3,
      rowsQuarantined: 1,
    });
    expect(await quarantined(db.pool, 'events-h.csv')).toEqual([
      {
        source: 'events',
        line_number: 5,
        raw_text: cut,
        reason: 'truncated last line (no line ending): expected 9 fields, found 4',
      },
    ]);
    expect([...(await eventsAsCsv(db.pool, 'events-h.csv')).values()].sort()).toEqual(
      [0, 1, 2].map((i) => event('crlf', i)).sort(),
    );
    // A last line without a line ending that parses is a complete row.
    expect(reports['events-i.csv']).toMatchObject({
      rowsRead: 2,
      rowsLoaded: 2,
      rowsQuarantined: 0,
    });
  });

  it('leaves files it does not know in the landing zone, with an error', async () => {
    await land('orders-1.csv', 'a,b\n');
    const report = (await load())['orders-1.csv'];
    expect(report).toMatchObject({ source: 'unknown', rowsRead: 0 });
    expect(report?.error).toMatch(/not a file the pipeline reads/);
    expect(await waiting()).toEqual(['orders-1.csv']);
  });

  it('never lets one odd value fail a file: it is loaded exactly or quarantined', async () => {
    const odd: [string, string | RegExp][] = [
      [event('odd', 1, { time: '0000-01-01 00:00:00 UTC' }), /event_time/],
      [
        event('odd', 2, { time: '2019-02-30 10:00:00 UTC' }),
        /event_time "2019-02-30 10:00:00 UTC" is not a real UTC time/,
      ],
      [event('odd', 3, { time: '2019-10-01 24:00:00 UTC' }), /event_time/],
      [
        event('odd', 4, { product: '9223372036854775808' }),
        /product_id 9223372036854775808 is too large/,
      ],
      [event('odd', 5, { category: '1'.repeat(21) }), /category_id .* has more than 20 digits/],
      [event('odd', 6, { price: '1e400' }), /price "1e400" is missing or not a decimal number/],
      [event('odd', 7, { price: '99999999999' }), /price .* too large/],
      [event('odd', 8, { session: 'a\u0000b' }), 'line contains NUL bytes'],
      ['', 'empty line'],
      ['   ', 'expected 9 fields, found 1'],
    ];
    const exotic = [
      event('odd', 20, { brand: 'tab\there' }),
      event('odd', 21, { brand: 'back\\slash' }),
      event('odd', 22, { brand: '"acme, ""inc"""' }),
      event('odd', 23, { code: '', brand: '', price: '0.00' }),
      event('odd', 24, { time: '2020-02-29 23:59:59 UTC', price: '1234567890.12' }),
      event('odd', 25, { brand: 'ünïcødé' }),
    ];
    const lines = [HEADER, ...odd.map(([line]) => line), ...exotic];
    const bytes = Buffer.concat([
      Buffer.from(`${lines.join('\n')}\n`),
      Buffer.from([0xff, 0xfe, 0x2c, 0x0a]),
    ]);
    await land('events-j.csv', bytes);
    const report = (await load())['events-j.csv'];
    expect(report?.error).toBeUndefined();
    expect(report).toMatchObject({ rowsRead: lines.length, rowsLoaded: exotic.length });
    const rows = await quarantined(db.pool, 'events-j.csv');
    odd.forEach(([, reason], i) => expect(rows[i]?.reason).toMatch(reason));
    expect(rows[odd.length]?.reason).toBe('line is not valid UTF-8 (or holds U+FFFD)');
    const { rows: brands } = await db.pool.query<{ brand: string | null; code: string | null }>(
      `SELECT brand, category_code AS code FROM raw.events WHERE _file = 'events-j.csv' ORDER BY _line`,
    );
    expect(brands.map((b) => b.brand)).toEqual([
      'tab\there',
      'back\\slash',
      'acme, "inc"',
      null,
      'bosch',
      'ünïcødé',
    ]);
    expect(brands[3]?.code).toBeNull();
  });

  it('refuses customer, product and inventory values the columns cannot hold', async () => {
    const customers = [
      'customer_id,email,first_name,last_name,phone,street_address,city,country,birth_date,signup_ip,marketing_consent,last_activity_at,customer_type,company_name',
      '1,a@example.com,Ann,Lee,+49301234567,"1 Main Street, Apt 2",Berlin,DE,1980-02-29,10.0.0.1,true,2019-10-01 10:00:00 UTC,b2c,',
      '2,,Bo,Ek,,,,,,,,,b2b,"Ek, Sons & Co"',
      '3,c@example.com,Cy,Do,,,,,0000-01-01,,,,b2c,',
      '4,d@example.com,Di,Fo,,,,,,fe80::1%eth0,,,b2c,',
      '5,e@example.com,Ed,Go,,,,,,,yes,,b2c,',
      '6,f@example.com,Fa,Ho,,,,,,,,,shop,',
    ];
    const products = [
      PRODUCT_HEADER.join(','),
      '1004856,samsung,2053013555631882655,electronics.smartphone,Galaxy A50,99.10,130.76',
      '1004857,,2053013555631882655,,,,130.76',
      '1004858,apple,2053013555631882655,,iPhone,,99999999999.99',
      '1004859,apple,2053013555631882655,,iPhone,10,',
    ];
    const inventory = [
      'snapshot_date,product_id,quantity_on_hand',
      '2019-10-01,1004856,12',
      '2019-10-01,1004857,-3',
      '2019-10-01,1004858,3000000000',
    ];
    await land('customers-k.csv', `${customers.join('\n')}\n`);
    await land('products-k.csv', `${products.join('\n')}\n`);
    await land('inventory-k.csv', `${inventory.join('\n')}\n`);
    const reports = await load();
    expect(reports['customers-k.csv']).toMatchObject({
      rowsRead: 6,
      rowsLoaded: 2,
      rowsQuarantined: 4,
    });
    expect(reports['products-k.csv']).toMatchObject({
      rowsRead: 4,
      rowsLoaded: 2,
      rowsQuarantined: 2,
    });
    expect(reports['inventory-k.csv']).toMatchObject({
      rowsRead: 3,
      rowsLoaded: 2,
      rowsQuarantined: 1,
    });
    expect((await quarantined(db.pool, 'customers-k.csv')).map((q) => q.reason)).toEqual([
      'birth_date "0000-01-01" is not a date like 2019-10-01',
      'signup_ip "fe80::1%eth0" is not an IP address',
      'marketing_consent "yes" is not true or false',
      'customer_type "shop" is not one of b2b, b2c',
    ]);
    const { rows } = await db.pool.query<{
      street: string;
      company: string | null;
      birth: string;
      active: string;
    }>(
      `SELECT street_address AS street, company_name AS company, birth_date::text AS birth,
              last_activity_at::text AS active FROM raw.customers ORDER BY customer_id`,
    );
    expect(rows[0]).toEqual({
      street: '1 Main Street, Apt 2',
      company: null,
      birth: '1980-02-29',
      active: '2019-10-01 10:00:00+00',
    });
    expect(rows[1]?.company).toBe('Ek, Sons & Co');
    expect((await quarantined(db.pool, 'products-k.csv')).map((q) => q.reason)).toEqual([
      'list_price 99999999999.99 is too large',
      'list_price is missing',
    ]);
  });

  it('spills a large quarantine to disk and still loads it all', async () => {
    const garbage = Array.from(
      { length: 100_000 },
      (_, i) => `garbage line ${i} ${'x'.repeat(90)}`,
    );
    await land(
      'inventory-l.csv',
      `snapshot_date,product_id,quantity_on_hand\n${garbage.join('\n')}\n`,
    );
    const report = (await load())['inventory-l.csv'];
    expect(report).toMatchObject({ rowsRead: 100_000, rowsLoaded: 0, rowsQuarantined: 100_000 });
    expect(
      await db.count(
        `SELECT count(DISTINCT line_number) AS n FROM raw.quarantine WHERE file = 'inventory-l.csv'`,
      ),
    ).toBe(100_000);
  });
});
