import { qualityResultSchema, type QualityResult } from '../src/report/run-report.js';
import { planChecks, runChecks, runChecksSharingScans } from '../src/quality/index.js';
import { loadProject, runProject } from '../src/transform/index.js';
import { createWarehouse, writeProject, type TestWarehouse } from './transform-support.js';

const SOURCES_YML = `
sources:
  - name: raw
    description: Raw test data.
    tables:
      - name: orders
        description: Orders as delivered.
        checks:
          - row_count: { min: 1, max: 10 }
          - row_count: { max: 2 }
        columns:
          - name: id
            description: Key.
            checks: [not_null]
          - name: customer_id
            description: Buyer.
            checks: [not_null]
          - name: status
            description: Status.
          - name: amount
            description: Amount.
          - name: updated_at
            description: Last change.
            checks:
              - freshness: { error_after: 1 hour }
`;

const MODELS_YML = `
models:
  - name: customers
    description: Customers.
    materialized: table
    owners: [analytics]
    columns:
      - name: customer_id
        description: Key.
        checks: [unique]
  - name: orders
    description: Orders.
    materialized: view
    owners: [analytics]
    checks:
      - unique: { columns: [id, status] }
      - unique: { columns: [id] }
      - custom_sql: { sql: "SELECT * FROM {{ this }} WHERE amount > 50", description: no order above 50 }
      - custom_sql: { sql: "SELECT * FROM {{ ref('customers') }} WHERE customer_id < 0" }
      - custom_sql: { sql: "SELECT * FROM no_such_table;" }
    columns:
      - name: id
        description: Key.
        checks: [not_null]
      - name: customer_id
        description: Buyer.
        checks:
          - not_null
          - relationships: { to: customers, field: customer_id }
      - name: status
        description: Status.
        checks:
          - accepted_values: { values: [open, closed] }
          - accepted_values: { values: [open, closed, weird] }
      - name: amount
        description: Amount.
        checks:
          - range: { min: 0, max: 100 }
          - range: { min: -5 }
          - non_negative
      - name: updated_at
        description: Last change.
        checks:
          - freshness: { warn_after: 1 day, error_after: 7 days }
          - freshness: { error_after: 2 days }
      - name: missing_column
        description: Declared but not built, so its check errors.
        checks: [not_null]
  - name: stale
    description: Old events.
    materialized: view
    owners: [analytics]
    columns:
      - name: happened_at
        description: When.
        checks:
          - freshness: { warn_after: 1 hour, error_after: 1 day }
`;

let warehouse: TestWarehouse;
let results: Map<string, QualityResult>;

beforeAll(async () => {
  warehouse = await createWarehouse();
  await warehouse.pool.query(`
    CREATE SCHEMA raw;
    CREATE TABLE raw.orders (id integer, customer_id bigint, status text, amount numeric(12,2), updated_at timestamptz);
    INSERT INTO raw.orders VALUES
      (1, 10, 'open', 5, now() - interval '3 days'),
      (2, 10, 'closed', 0, now() - interval '4 days'),
      (3, 99, 'weird', -1, now() - interval '5 days'),
      (3, NULL, NULL, 100, NULL);`);
  const folder = writeProject({
    '_sources.yml': SOURCES_YML,
    'staging/_models.yml': MODELS_YML,
    'staging/customers.sql': `SELECT * FROM (VALUES (10::bigint), (11)) AS c(customer_id)`,
    'staging/orders.sql': `SELECT * FROM {{ source('raw', 'orders') }}`,
    'staging/stale.sql': `SELECT now() - interval '3 hours' AS happened_at`,
  });
  try {
    const run = await runProject(warehouse.pool, await loadProject({ modelsDir: folder.dir }));
    results = new Map(run.quality.map((result) => [result.id, result]));
  } finally {
    folder.remove();
  }
});
afterAll(async () => warehouse.drop());

function result(id: string): QualityResult {
  const found = results.get(id);
  if (!found) throw new Error(`no result ${id}; have ${[...results.keys()].join(', ')}`);
  return found;
}

describe('quality checks', () => {
  it('produce results in the run-report contract, once per declared check', () => {
    expect(results.size).toBe(23);
    for (const value of results.values()) expect(qualityResultSchema.parse(value)).toEqual(value);
  });

  it.each([
    ['orders.id.not_null', 'pass', 0],
    ['orders.customer_id.not_null', 'fail', 1],
    ['customers.customer_id.unique', 'pass', 0],
    ['orders.unique', 'pass', 0],
    ['orders.unique_2', 'fail', 1],
    ['orders.status.accepted_values', 'fail', 1],
    ['orders.status.accepted_values_2', 'pass', 0],
    ['orders.amount.range', 'fail', 1],
    ['orders.amount.range_2', 'pass', 0],
    ['orders.amount.non_negative', 'fail', 1],
    ['orders.customer_id.relationships', 'fail', 1],
    ['orders.custom_sql', 'fail', 1],
    ['orders.custom_sql_2', 'pass', 0],
    ['orders.updated_at.freshness', 'pass', 0],
    ['orders.updated_at.freshness_2', 'fail', 1],
    ['stale.happened_at.freshness', 'pass', 0],
    ['raw.orders.row_count', 'pass', 0],
    ['raw.orders.row_count_2', 'fail', 1],
    ['raw.orders.id.not_null', 'pass', 0],
    ['raw.orders.customer_id.not_null', 'fail', 1],
    ['raw.orders.updated_at.freshness', 'fail', 1],
  ] as const)('%s is %s with %d failing rows', (id, status, failingRows) => {
    expect(result(id)).toMatchObject({ status, failingRows });
  });

  it('report what failed with up to five samples, values as text', () => {
    expect(result('orders.unique_2')).toMatchObject({
      check: 'unique',
      relation: 'staging.orders',
      parameters: { columns: ['id'] },
      sampleFailures: [{ id: '3', occurrences: '2' }],
      message: '1 duplicated value(s) of (id)',
    });
    expect(result('orders.customer_id.relationships')).toMatchObject({
      column: 'customer_id',
      parameters: { to: 'staging.customers', field: 'customer_id' },
      sampleFailures: [expect.objectContaining({ id: '3', customer_id: '99' })],
    });
    expect(result('orders.amount.non_negative')).toMatchObject({
      check: 'range',
      parameters: { min: 0 },
    });
    expect(result('orders.custom_sql')).toMatchObject({
      parameters: { description: 'no order above 50' },
      sampleFailures: [
        { id: '3', customer_id: null, status: null, amount: '100.00', updated_at: null },
      ],
    });
    expect(result('raw.orders.row_count_2').message).toBe('row count 4 is outside [0, 2]');
    expect(result('orders.updated_at.freshness').message).toMatch(
      /^warning: newest updated_at is 3 days.* old/,
    );
    expect(result('orders.updated_at.freshness').sampleFailures).toMatchObject([
      { severity: 'warn' },
    ]);
    expect(result('orders.updated_at.freshness_2').message).toMatch(/^newest updated_at is 3 days/);
  });

  it('report a check whose SQL fails as error with the database message, never pass', () => {
    expect(result('orders.custom_sql_3')).toMatchObject({
      status: 'error',
      failingRows: 0,
      message: 'relation "no_such_table" does not exist',
    });
    expect(result('orders.missing_column.not_null')).toMatchObject({
      status: 'error',
      message: 'column "missing_column" does not exist',
    });
    expect(result('orders.custom_sql_3').sql).toContain('SELECT * FROM no_such_table\n)');
  });

  it('can be planned and run on their own against existing relations', async () => {
    const folder = writeProject({ '_sources.yml': SOURCES_YML });
    try {
      const checks = planChecks(await loadProject({ modelsDir: folder.dir }));
      expect(checks.map((check) => check.id)).toEqual([
        'raw.orders.row_count',
        'raw.orders.row_count_2',
        'raw.orders.id.not_null',
        'raw.orders.customer_id.not_null',
        'raw.orders.updated_at.freshness',
      ]);
      const statuses = (await runChecks(warehouse.pool, checks)).map((check) => check.status);
      expect(statuses).toEqual(['pass', 'fail', 'pass', 'fail', 'fail']);
    } finally {
      folder.remove();
    }
  });

  it('give the same results when the checks of one relation share a scan', async () => {
    const folder = writeProject({
      '_sources.yml': SOURCES_YML,
      'staging/_models.yml': MODELS_YML,
      'staging/customers.sql': 'SELECT 1',
      'staging/orders.sql': `SELECT * FROM {{ source('raw', 'orders') }}`,
      'staging/stale.sql': 'SELECT 1',
    });
    try {
      const checks = planChecks(await loadProject({ modelsDir: folder.dir })).filter(
        (check) => check.relation.startsWith('raw.') || check.rowFilter !== undefined,
      );
      const summary = (list: QualityResult[]) =>
        list.map(({ id, status, failingRows, sampleFailures, sql }) => ({
          id,
          status,
          failingRows,
          samples: sampleFailures.length,
          sql,
        }));
      let queries = 0;
      const counting = {
        query: (text: string) => {
          queries += 1;
          return warehouse.pool.query(text);
        },
      };
      const alone = await runChecks(counting, checks);
      const queriesAlone = queries;
      queries = 0;
      const shared = await runChecksSharingScans(counting, checks);
      expect(summary(shared)).toEqual(summary(alone));
      expect(queriesAlone).toBe(checks.length);
      // Passing row checks of one relation cost one shared scan instead of a query each.
      const passing = checks.filter(
        (check, i) => check.rowFilter !== undefined && alone[i]?.status === 'pass',
      );
      queries = 0;
      await runChecksSharingScans(counting, passing);
      expect(passing.length).toBeGreaterThan(3);
      expect(queries).toBe(new Set(passing.map((check) => check.relation)).size);
      expect(shared.filter((check) => check.status === 'fail').length).toBeGreaterThan(2);
      expect(shared.find((check) => check.id === 'orders.missing_column.not_null')?.status).toBe(
        'error',
      );
    } finally {
      folder.remove();
    }
  });
});
