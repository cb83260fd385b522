import {
  validateRecord,
  type MetadataRecord,
  type RecordKind,
  type RecordOfKind,
} from '@almanac/sdk';
import { manifest, node, runResults } from '../test/manifest-builder.js';
import { parseCatalog } from './artifacts/catalog.schema.js';
import { parseManifest } from './artifacts/manifest.schema.js';
import { parseRunResults } from './artifacts/run-results.schema.js';
import { recordsFromDbtArtifacts, type DbtArtifacts } from './dbt-records.js';

async function mapped(artifacts: DbtArtifacts, config = {}) {
  const { records, warnings } = await recordsFromDbtArtifacts(artifacts, config);
  const parsed = records.map((record) => {
    const validation = validateRecord(record);
    if (!validation.ok) throw new Error(`${record.kind}: ${validation.reason}`);
    return validation.record;
  });
  return { records: parsed, warnings };
}

function ofKind<K extends RecordKind>(records: MetadataRecord[], kind: K): RecordOfKind<K>[] {
  return records.filter((record): record is RecordOfKind<K> => record.kind === kind);
}

const stgOrders = node('model.shop.stg_orders', {
  config: { materialized: 'view', meta: { owner: 'data-eng' } },
  meta: { owners: ['dana@example.com', 'data-eng'] },
  tags: ['core', 'pii.reviewed'],
  description: 'Cleaned orders',
  columns: {
    id: { name: 'id', description: 'Order id', data_type: 'integer' },
    note: { name: 'note', description: 'Free text' },
  },
  depends_on: { nodes: ['source.shop.raw.orders'] },
  compiled_code: 'select id, amount * 100 as amount_cents from raw.orders_v2',
});
const rawOrders = node('source.shop.raw.orders', {
  schema: 'raw',
  identifier: 'orders_v2',
  source_name: 'raw',
});
const notNull = node('test.shop.not_null_stg_orders_id', {
  column_name: 'id',
  attached_node: 'model.shop.stg_orders',
  depends_on: { nodes: ['model.shop.stg_orders'] },
  test_metadata: {
    name: 'not_null',
    kwargs: { column_name: 'id', model: "{{ ref('stg_orders') }}" },
  },
});

describe('recordsFromDbtArtifacts', () => {
  it('maps owners, dbt tags, view type and docs of a model', async () => {
    const { records } = await mapped({
      manifest: parseManifest(manifest([stgOrders], { sources: [rawOrders] })),
    });
    const table = ofKind(records, 'table').find((t) => t.fqn === 'dbt.analytics.public.stg_orders');
    expect(table).toMatchObject({
      tableType: 'View',
      description: 'Cleaned orders',
      viewDefinition: 'select id, amount * 100 as amount_cents from raw.orders_v2',
      owners: [
        { type: 'user', name: 'dana@example.com' },
        { type: 'team', name: 'data-eng' },
      ],
      tags: [
        { tagFqn: 'dbtTags.core', source: 'manual', state: 'confirmed' },
        { tagFqn: 'dbtTags."pii.reviewed"', source: 'manual', state: 'confirmed' },
      ],
    });
    expect(table?.columns.map((c) => [c.name, c.dataType])).toEqual([
      ['id', 'integer'],
      ['note', 'unknown'],
    ]);
    expect(ofKind(records, 'tag').map((t) => t.fqn)).toEqual([
      'dbtTags.core',
      'dbtTags."pii.reviewed"',
    ]);
    expect(ofKind(records, 'classification').map((c) => c.fqn)).toEqual(['dbtTags']);
    expect(ofKind(records, 'user').map((u) => u.fqn)).toEqual(['"dana@example.com"']);
    expect(ofKind(records, 'team').map((t) => t.fqn)).toEqual(['data-eng']);
  });

  it('reads column lineage from unquoted schema.table names of the source identifier', async () => {
    const { records, warnings } = await mapped({
      manifest: parseManifest(manifest([stgOrders], { sources: [rawOrders] })),
    });
    const [edge] = ofKind(records, 'lineage_edge');
    expect(edge).toMatchObject({
      from: 'dbt.analytics.raw.orders_v2',
      to: 'dbt.analytics.public.stg_orders',
      source: 'dbt',
      pipeline: 'dbt_pipelines.shop',
    });
    expect(edge?.columns).toEqual([
      {
        from: ['dbt.analytics.raw.orders_v2.id'],
        to: 'dbt.analytics.public.stg_orders.id',
        transformation: { type: 'DIRECT', subtype: 'IDENTITY' },
      },
      {
        from: ['dbt.analytics.raw.orders_v2.amount'],
        to: 'dbt.analytics.public.stg_orders.amount_cents',
        transformation: { type: 'DIRECT', subtype: 'TRANSFORMATION' },
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it('types columns from catalog.json and keeps documented-only columns after them', async () => {
    const catalog = parseCatalog({
      metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/catalog/v1.json' },
      nodes: {
        'model.shop.stg_orders': {
          metadata: { type: 'VIEW' },
          columns: {
            ID: { name: 'ID', type: 'NUMBER', index: 1, comment: null },
            AMOUNT_CENTS: { name: 'AMOUNT_CENTS', type: 'NUMBER', index: 2, comment: 'in cents' },
          },
        },
      },
      sources: {},
    });
    const { records } = await mapped({
      manifest: parseManifest(manifest([stgOrders], { sources: [rawOrders] })),
      catalog,
    });
    const table = ofKind(records, 'table').find((t) => t.fqn === 'dbt.analytics.public.stg_orders');
    expect(table?.columns).toEqual([
      { name: 'ID', dataType: 'NUMBER', ordinal: 1, description: 'Order id', nullable: true },
      {
        name: 'AMOUNT_CENTS',
        dataType: 'NUMBER',
        ordinal: 2,
        description: 'in cents',
        nullable: true,
      },
      { name: 'note', dataType: 'unknown', description: 'Free text', nullable: true },
    ]);
    const [edge] = ofKind(records, 'lineage_edge');
    expect(edge?.columns?.map((c) => c.to)).toEqual([
      'dbt.analytics.public.stg_orders.ID',
      'dbt.analytics.public.stg_orders.AMOUNT_CENTS',
    ]);
  });

  it('maps every dbt test status and leaves model results out of the test results', async () => {
    const { records, warnings } = await mapped({
      manifest: parseManifest(manifest([stgOrders, notNull], { sources: [rawOrders] })),
      runResults: parseRunResults(
        runResults([
          { unique_id: 'model.shop.stg_orders', status: 'error', message: 'relation missing' },
          { unique_id: notNull.unique_id, status: 'fail', failures: 3, message: 'Got 3 results' },
        ]),
      ),
    });
    expect(ofKind(records, 'test_case')).toEqual([
      expect.objectContaining({
        fqn: 'dbt.analytics.public.stg_orders.id.not_null_stg_orders_id',
        entity: 'dbt.analytics.public.stg_orders.id',
        testType: 'not_null',
        parameters: { column_name: 'id' },
      }),
    ]);
    expect(ofKind(records, 'test_result')).toEqual([
      {
        kind: 'test_result',
        testCase: 'dbt.analytics.public.stg_orders.id.not_null_stg_orders_id',
        timestamp: '2026-01-01T00:05:01Z',
        status: 'failed',
        failedRows: 3,
        result: 'Got 3 results',
      },
    ]);
    expect(warnings).toEqual(['model.shop.stg_orders failed in the dbt run: relation missing']);
  });

  it.each([
    ['pass', 'success'],
    ['warn', 'failed'],
    ['error', 'errored'],
    ['skipped', 'aborted'],
  ])('maps test status %s to %s', async (dbtStatus, status) => {
    const { records } = await mapped({
      manifest: parseManifest(manifest([stgOrders, notNull])),
      runResults: parseRunResults(
        runResults([{ unique_id: notNull.unique_id, status: dbtStatus }]),
      ),
    });
    expect(ofKind(records, 'test_result').map((r) => r.status)).toEqual([status]);
  });

  it('attaches a v7 relationships test to the model its `model` argument names', async () => {
    const customers = node('model.shop.customers');
    const relationships = node('test.shop.relationships_stg_orders_customer_id', {
      column_name: 'customer_id',
      depends_on: { nodes: ['model.shop.customers', 'model.shop.stg_orders'] },
      test_metadata: {
        name: 'relationships',
        namespace: null,
        kwargs: {
          column_name: 'customer_id',
          to: "ref('customers')",
          field: 'id',
          model: "{{ get_where_subquery(ref('stg_orders')) }}",
        },
      },
    });
    const { records } = await mapped({
      manifest: parseManifest(
        manifest([customers, node('model.shop.stg_orders'), relationships], { version: 7 }),
      ),
    });
    expect(ofKind(records, 'test_case')[0]?.entity).toBe(
      'dbt.analytics.public.stg_orders.customer_id',
    );
  });

  it('reads compiled_sql, backtick-quoted relations and names services as configured', async () => {
    const orders = node('model.shop.orders', {
      depends_on: { nodes: ['model.shop.stg_orders'] },
      compiled_sql: 'select id from `analytics`.`public`.`stg_orders`',
    });
    const { records, warnings } = await mapped(
      { manifest: parseManifest(manifest([node('model.shop.stg_orders'), orders])) },
      { serviceName: 'bq', projectName: 'jaffle' },
    );
    expect(warnings).toEqual([]);
    expect(ofKind(records, 'lineage_edge')[0]?.columns?.[0]).toEqual({
      from: ['bq.analytics.public.stg_orders.id'],
      to: 'bq.analytics.public.orders.id',
      transformation: { type: 'DIRECT', subtype: 'IDENTITY' },
    });
    expect(ofKind(records, 'service').map((s) => [s.fqn, s.serviceType])).toEqual([
      ['bq', 'Postgres'],
      ['bq_pipelines', 'Dbt'],
    ]);
    expect(ofKind(records, 'pipeline')[0]?.fqn).toBe('bq_pipelines.jaffle');
  });
});
