import { sourceReportSchema } from '../src/report/run-report.js';
import { ensureRawSchema } from '../src/warehouse/ddl.js';
import { LOAD_LEDGER, RAW_TABLES } from '../src/warehouse/raw-tables.js';
import { rawSources } from '../src/warehouse/sources.js';
import { WarehouseClient } from '../src/warehouse/warehouse-client.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

const EXPECTED: Record<string, string> = {
  'raw.events':
    'event_time timestamptz, event_type text, product_id bigint, category_id numeric(20,0), category_code text, brand text, price numeric(12,2), user_id bigint, user_session text, _file text not null, _line integer not null, _loaded_at timestamptz not null default now()',
  'raw.customers':
    'customer_id bigint, email text, first_name text, last_name text, phone text, street_address text, city text, country text, birth_date date, signup_ip inet, marketing_consent boolean, last_activity_at timestamptz, customer_type text, company_name text, _file text not null, _line integer not null, _loaded_at timestamptz not null default now()',
  'raw.products':
    'product_id bigint, brand text, category_id numeric(20,0), category_code text, name text, cost_price numeric(12,2), list_price numeric(12,2), _file text not null, _line integer not null, _loaded_at timestamptz not null default now()',
  'raw.inventory':
    'snapshot_date date, product_id bigint, quantity_on_hand integer, _file text not null, _line integer not null, _loaded_at timestamptz not null default now()',
  'raw.quarantine':
    'source text not null, file text not null, line_number integer not null, raw_text text not null, reason text not null, quarantined_at timestamptz not null default now()',
  'pipeline.load_ledger':
    'checksum text not null, file text not null, source text not null, rows_read bigint, rows_loaded bigint, rows_quarantined bigint, loaded_at timestamptz not null default now()',
};

describe('warehouse schema', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(() => db.drop());

  it('creates exactly the agreed tables, and can run again', async () => {
    await ensureRawSchema(db.pool);
    await Promise.all([ensureRawSchema(db.pool), ensureRawSchema(db.pool)]);
    const { rows } = await db.pool.query<{ relation: string; columns: string }>(`
      SELECT c.table_schema || '.' || c.table_name AS relation,
             string_agg(
               c.column_name || ' ' ||
               replace(format_type(a.atttypid, a.atttypmod), 'timestamp with time zone', 'timestamptz') ||
               CASE WHEN c.is_nullable = 'NO' THEN ' not null' ELSE '' END ||
               CASE WHEN c.column_default IS NOT NULL THEN ' default ' || c.column_default ELSE '' END,
               ', ' ORDER BY c.ordinal_position) AS columns
        FROM information_schema.columns c
        JOIN pg_attribute a ON a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass
                           AND a.attname = c.column_name
       WHERE c.table_schema IN ('raw', 'pipeline')
       GROUP BY 1 ORDER BY 1`);
    expect(Object.fromEntries(rows.map((r) => [r.relation, r.columns]))).toEqual(EXPECTED);
    const key = await db.count(
      `SELECT count(*) AS n FROM information_schema.table_constraints
        WHERE table_schema = 'pipeline' AND table_name = 'load_ledger' AND constraint_type = 'PRIMARY KEY'`,
    );
    expect(key).toBe(1);
  });

  it('describes the raw tables as run-report sources', () => {
    const sources = rawSources();
    expect(sources.map((s) => s.name)).toEqual(RAW_TABLES.map((t) => `${t.schema}.${t.name}`));
    for (const source of sources) {
      expect(() => sourceReportSchema.parse(source)).not.toThrow();
      expect(source.description.length).toBeGreaterThan(10);
      expect(source.columns.every((c) => (c.description ?? '').length > 0)).toBe(true);
    }
    const events = sources.find((s) => s.name === 'raw.events');
    expect(events?.columns.find((c) => c.name === 'category_id')).toMatchObject({
      dataType: 'numeric(20,0)',
      ordinal: 4,
      nullable: true,
    });
    expect(LOAD_LEDGER.primaryKey).toBe('checksum');
  });

  it('opens a pool from a URL and reports where it points', async () => {
    const url = new URL(
      process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    );
    url.pathname = `/${db.name}`;
    const client = new WarehouseClient(url.toString(), { maxConnections: 1 });
    try {
      expect(client.database).toBe(db.name);
      expect(client.host).toBe(url.hostname);
      const rows = await client.query<{ n: number }>('SELECT 1 AS n');
      expect(rows).toEqual([{ n: 1 }]);
      const inside = await client.transaction(
        async (c) => (await c.query<{ n: number }>('SELECT 2 AS n')).rows,
      );
      expect(inside).toEqual([{ n: 2 }]);
      await client.ensureRawSchema();
    } finally {
      await client.close();
    }
  });
});
