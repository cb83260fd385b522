import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from './support/test-app.js';

const EXAMPLES = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  'shared',
  'data',
  'openlineage',
  'examples',
);
const VALID_EXAMPLES = ['example_full_event.json', 'event_simple.json'];
// The example asserts `no_null_values` on a column `id` its schema facet does not list.
const EXPECTED_REJECTIONS: Record<string, string[]> = {
  'example_full_event.json': [
    'my-datasource-namespace.instance.schema.table.id.no_null_values',
    'test_result:my-datasource-namespace.instance.schema.table.id.no_null_values@2020-12-28T19:51:01.641Z',
  ],
};
const INVALID_REASONS: Record<string, RegExp> = {
  'event_full.json': /inputs\.0\.inputFacets\.dataQualityMetrics\.columnMetrics: is required/,
  'event_invalid_dataset_facet.json': /outputs\.0\.facets\.ownership\.owners\.0\.name: is required/,
  'event_invalid_input_dataset_facet.json': /inputs\.0\.inputFacets\.dataQualityMetrics/,
  'event_invalid_job_facet.json': /job\.facets\.ownership\.owners\.0\.name: is required/,
  'event_invalid_output_dataset_facet.json': /outputs\.0\.outputFacets\.outputStatistics\.rowCount/,
  'event_invalid_run_facet.json': /run\.facets\.parent\.run\.runId: is required/,
  'event_no_run_id.json': /run\.runId: is required/,
  'serde_example_dataset_event.json': /eventTime: must be an RFC 3339 date-time with a UTC offset/,
  'serde_example_job_event.json': /eventTime: must be an RFC 3339 date-time with a UTC offset/,
  'serde_example_run_event.json': /eventTime: must be an RFC 3339 date-time with a UTC offset/,
  'nominal_time_without_end.json': /expected a RunEvent/,
};

const WAREHOUSE = 'postgres://db.example.com:5432';
const ORDERS = 'postgres_db_example_com.shop.public.orders';
const REVENUE = 'postgres_db_example_com.shop.marts.daily_revenue';
const PIPELINE = 'airflow-prod."shop.daily_revenue"';
const facet = { _producer: 'https://example.com/producer', _schemaURL: 'https://example.com/f' };

function realisticEvent(orderTags: object[] = []): object {
  const from = (field: string, type: string, subtype: string) => ({
    namespace: WAREHOUSE,
    name: 'shop.public.orders',
    field,
    transformations: [{ type, subtype }],
  });
  return {
    eventType: 'COMPLETE',
    eventTime: '2024-05-01T12:00:00+02:00',
    producer: 'https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/airflow',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: '3f5e83fa-3480-44ff-99c5-ff943904e5e8' },
    job: {
      namespace: 'airflow-prod',
      name: 'shop.daily_revenue',
      facets: {
        sql: { ...facet, query: 'insert into marts.daily_revenue select ...' },
        ownership: { ...facet, owners: [{ name: 'team:analytics' }] },
        tags: { ...facet, tags: [{ key: 'Tier', value: 'Gold' }] },
      },
    },
    inputs: [
      {
        namespace: WAREHOUSE,
        name: 'shop.public.orders',
        facets: {
          schema: {
            ...facet,
            fields: [
              { name: 'id', type: 'bigint' },
              { name: 'amount', type: 'numeric(12,2)' },
              { name: 'customer_email', type: 'text' },
              { name: 'ordered_at', type: 'timestamptz' },
            ],
          },
          documentation: { ...facet, description: 'Orders' },
          ownership: { ...facet, owners: [{ name: 'user:jdoe' }] },
          tags: {
            ...facet,
            tags: [{ key: 'PII', value: 'Sensitive', field: 'customer_email' }, ...orderTags],
          },
        },
        inputFacets: {
          dataQualityAssertions: {
            ...facet,
            assertions: [
              { assertion: 'not_null', success: true, column: 'id' },
              { assertion: 'row_count_positive', success: false },
            ],
          },
        },
      },
    ],
    outputs: [
      {
        namespace: WAREHOUSE,
        name: 'shop.marts.daily_revenue',
        facets: {
          schema: {
            ...facet,
            fields: [
              { name: 'day', type: 'date' },
              { name: 'revenue', type: 'numeric' },
            ],
          },
          columnLineage: {
            ...facet,
            fields: {
              day: { inputFields: [from('ordered_at', 'DIRECT', 'TRANSFORMATION')] },
              revenue: {
                inputFields: [
                  from('amount', 'DIRECT', 'AGGREGATION'),
                  from('ordered_at', 'INDIRECT', 'GROUP_BY'),
                ],
              },
            },
          },
        },
      },
    ],
  };
}

interface LineageBody {
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: { kind: string; key: string; reason: string }[];
  message?: string;
}

function exampleFiles(): string[] {
  return ['client-python', 'proxy-fluentd'].flatMap((dir) =>
    readdirSync(join(EXAMPLES, dir))
      .filter((file) => file.endsWith('.json'))
      .map((file) => join(EXAMPLES, dir, file)),
  );
}

describe('POST /api/v1/lineage (OpenLineage, real PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function post(event: unknown, token = t.adminToken, contentType = 'application/json') {
    const response = await fetch(`${t.url}/api/v1/lineage`, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${token}` },
      body: typeof event === 'string' ? event : JSON.stringify(event),
    });
    return { status: response.status, body: (await response.json()) as LineageBody };
  }

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const rows = await t.database.db.query<{ n: string }>(sql, params);
    return Number(rows[0]?.n);
  }

  describe('the shared OpenLineage examples', () => {
    if (!existsSync(EXAMPLES)) {
      if (process.env['CI'] === 'true') throw new Error(`examples missing under CI: ${EXAMPLES}`);
      it('is skipped: the shared OpenLineage examples are absent', () => {
        console.warn(`skipped: ${EXAMPLES} is absent`);
      });
      return;
    }
    const files = exampleFiles();

    it('covers every example file with a verdict', () => {
      const names = files.map((file) => file.split('/').pop()!).sort();
      expect(names).toEqual([...VALID_EXAMPLES, ...Object.keys(INVALID_REASONS)].sort());
    });

    it.each(files.map((file) => [file.split('/').pop()!, file]))('%s', async (name, file) => {
      const result = await post(readFileSync(file, 'utf8'));
      const expected = INVALID_REASONS[name];
      if (expected === undefined) {
        expect({ name, status: result.status }).toEqual({ name, status: 201 });
        expect(result.body.created).toBeGreaterThan(0);
        expect(result.body.errors).toHaveLength(result.body.rejected);
        expect(result.body.errors.map((e) => e.key)).toEqual(EXPECTED_REJECTIONS[name] ?? []);
      } else {
        expect({ name, status: result.status }).toEqual({ name, status: 400 });
        expect(result.body.message).toMatch(expected);
      }
    });
  });

  it('creates tables with columns, a lineage edge with column mappings and test results', async () => {
    const result = await post(realisticEvent());
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ rejected: 0, errors: [] });
    expect(result.body.created).toBe(result.body.records);

    const columns = await t.database.db.query<{ name: string; data_type: string }>(
      `SELECT c.name, c.data_type FROM table_column c JOIN entity e ON e.id = c.table_id
        WHERE e.fqn = $1 ORDER BY c.ordinal`,
      [ORDERS],
    );
    expect(columns.map((c) => c.name)).toEqual(['id', 'amount', 'customer_email', 'ordered_at']);

    const edges = await t.database.db.query<{ id: string; source: string; pipeline_fqn: string }>(
      `SELECT id, source, pipeline_fqn FROM lineage_edge WHERE from_fqn = $1 AND to_fqn = $2`,
      [ORDERS, REVENUE],
    );
    expect(edges.map(({ source, pipeline_fqn }) => ({ source, pipeline_fqn }))).toEqual([
      { source: 'openlineage', pipeline_fqn: PIPELINE },
    ]);
    const mappings = await t.database.db.query<{ from_column: string; to_column: string }>(
      `SELECT from_column, to_column FROM column_lineage WHERE edge_id = $1
        ORDER BY to_column, from_column`,
      [edges[0].id],
    );
    expect(mappings).toEqual([
      { from_column: `${ORDERS}.ordered_at`, to_column: `${REVENUE}.day` },
      { from_column: `${ORDERS}.amount`, to_column: `${REVENUE}.revenue` },
      { from_column: `${ORDERS}.ordered_at`, to_column: `${REVENUE}.revenue` },
    ]);

    const results = await t.database.db.query<{ test_case_fqn: string; status: string }>(
      `SELECT test_case_fqn, status FROM test_result WHERE test_case_fqn LIKE $1
        ORDER BY test_case_fqn`,
      [`${ORDERS}.%`],
    );
    expect(results).toEqual([
      { test_case_fqn: `${ORDERS}.id.not_null`, status: 'success' },
      { test_case_fqn: `${ORDERS}.row_count_positive`, status: 'failed' },
    ]);

    const pipeline = await t.gql<{ asset: { owners: { name: string }[] } }>(
      `query { asset(fqn: ${JSON.stringify(PIPELINE)}, type: "pipeline") { owners { name } } }`,
    );
    expect(pipeline.data?.asset.owners).toEqual([{ name: 'analytics' }]);
  });

  it('changes nothing when the same event is replayed', async () => {
    await post(realisticEvent());
    const versions = `SELECT count(*) AS n FROM entity_version`;
    const audit = `SELECT count(*) AS n FROM audit_log WHERE action <> 'ingest'`;
    const events = `SELECT count(*) AS n FROM change_event`;
    const before = [await count(versions), await count(audit), await count(events)];

    const replay = await post(realisticEvent());
    expect(replay.status).toBe(201);
    expect(replay.body).toMatchObject({ created: 0, updated: 0, rejected: 0 });
    expect(replay.body.unchanged).toBe(replay.body.records);
    expect([await count(versions), await count(audit), await count(events)]).toEqual(before);
    const table = await t.gql<{ entityVersions: { version: number }[] }>(
      `query { entityVersions(fqn: "${ORDERS}", type: "table") { version } }`,
    );
    expect(table.data?.entityVersions.map((v) => v.version)).toEqual([0.1]);
  });

  it('keeps the stored columns of a known table that a later event names without a schema facet', async () => {
    await post(realisticEvent());
    const bare = realisticEvent() as { inputs: { facets?: unknown }[]; run: { runId: string } };
    for (const input of bare.inputs) delete input.facets;
    bare.run.runId = '6d1f3a52-1b1e-4c47-9a55-2c1b0c7f0f11';
    const result = await post(bare);
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ rejected: 0 });
    const columns = await count(
      `SELECT count(*) AS n FROM table_column c JOIN entity e ON e.id = c.table_id WHERE e.fqn = $1`,
      [ORDERS],
    );
    expect(columns).toBe(4);
  });

  it('says which record the catalog rejected instead of dropping it', async () => {
    const result = await post(realisticEvent([{ key: 'PII', value: 'Sensitive', field: 'nope' }]));
    expect(result.status).toBe(201);
    expect(result.body.rejected).toBe(1);
    expect(result.body.errors.map(({ kind, key }) => ({ kind, key }))).toEqual([
      { kind: 'tag_label', key: `tag_label:${ORDERS}.nope#PII.Sensitive` },
    ]);
    expect(result.body.errors[0]?.reason).toMatch(/does not exist/);
  });

  it('answers 400 naming the field for a bad event, and for a body that is not JSON', async () => {
    const noTime = { ...(realisticEvent() as Record<string, unknown>), eventTime: 'yesterday' };
    const bad = await post(noTime);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/eventTime: must be an RFC 3339 date-time/);
    expect((await post('{oops')).status).toBe(400);
    expect((await post(realisticEvent(), t.adminToken, 'text/plain')).status).toBe(400);
  });

  it('lets only Bot and Admin tokens send events', async () => {
    const anonymous = await fetch(`${t.url}/api/v1/lineage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(realisticEvent()),
    });
    expect(anonymous.status).toBe(401);
    const consumer = await post(realisticEvent(), await t.tokenFor('DataConsumer'));
    expect(consumer.status).toBe(403);
    const bot = await post(realisticEvent(), await t.tokenFor('Bot'));
    expect(bot.status).toBe(201);
  });
});
