import { PostgresSource, type TableSample } from '../src/index.js';
import { createShopDatabase, type TestDatabase } from './support/database.js';

async function collect(source: PostgresSource): Promise<TableSample[]> {
  const samples: TableSample[] = [];
  for await (const sample of source.samples()) samples.push(sample);
  return samples;
}

describe('PostgresSource samples', () => {
  let db: TestDatabase;
  const fqn = (...parts: string[]) => ['shop_pg', db.name, ...parts].join('.');
  const sampling = (sampleRows: number, schemas?: string[]) =>
    PostgresSource.fromConfig({
      url: db.url,
      serviceName: 'shop_pg',
      sampleRows,
      ...(schemas ? { schemas } : {}),
    });

  beforeAll(async () => {
    db = await createShopDatabase();
  });

  afterAll(() => db.drop());

  it('reads nothing when sampling is off (the default)', async () => {
    await expect(collect(sampling(0))).resolves.toEqual([]);
    const byDefault = PostgresSource.fromConfig({ url: db.url });
    await expect(collect(byDefault)).resolves.toEqual([]);
  });

  it('reads up to N rows of each table, materialized view and partitioned table', async () => {
    const samples = await collect(sampling(3));
    expect(samples.map((s) => [s.table, s.rows.length])).toEqual([
      [`shop_pg.${db.name}.marketing."Promo ""Codes"".v2"`, 1],
      [fqn('marketing', 'campaigns'), 2],
      [fqn('public', 'Order Items'), 3],
      [fqn('public', 'customer_revenue'), 3],
      [fqn('public', 'customers'), 3],
      [fqn('public', 'events'), 3],
      [fqn('public', 'orders'), 3],
    ]);
  });

  it('quotes odd identifiers and returns every value as text, NULL as null', async () => {
    const samples = await collect(sampling(5, ['public', 'marketing']));
    const items = samples.find((s) => s.table === fqn('public', 'Order Items'));
    expect(items?.columns).toEqual(['order_id', 'line_no', 'sku', 'Unit Price', 'quantity']);
    expect(items?.rows.every((row) => row[3] === '3.25' && row[4] === '2')).toBe(true);
    const promo = samples.find((s) => s.table.endsWith('."Promo ""Codes"".v2"'));
    expect(promo?.rows).toEqual([['1', 'WELCOME', '10', '10% off']]);
    const campaigns = samples.find((s) => s.table === fqn('marketing', 'campaigns'));
    expect(campaigns?.rows).toEqual(
      expect.arrayContaining([
        ['spring', 'Spring sale', '1000.00'],
        ['fall', 'Fall sale', null],
      ]),
    );
    const customers = samples.find((s) => s.table === fqn('public', 'customers'));
    expect(customers?.rows[0]?.[5]).toBe('{vip,b2c}');
  });

  it('warns about a table it cannot read and goes on with the others', async () => {
    await db.run('CREATE MATERIALIZED VIEW marketing.stale AS SELECT 1 AS one WITH NO DATA');
    try {
      const source = sampling(1, ['marketing']);
      const samples = await collect(source);
      expect(samples.map((s) => s.table)).toContain(fqn('marketing', 'campaigns'));
      expect(source.warnings).toEqual([
        expect.stringMatching(
          /^table marketing\.stale: not sampled: materialized view "stale" has not been populated/,
        ),
      ]);
    } finally {
      await db.run('DROP MATERIALIZED VIEW marketing.stale');
    }
  });
});
