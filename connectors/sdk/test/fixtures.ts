import { type MetadataRecordInput, type RecordKind } from '../src/records.js';

/** One valid record of every kind, written the way a connector would (defaults omitted). */
export const validRecords = {
  service: { kind: 'service', fqn: 'pg', serviceType: 'Postgres', displayName: 'Main Postgres' },
  database: { kind: 'database', fqn: 'pg.shop' },
  schema: { kind: 'schema', fqn: 'pg.shop.public', owners: [{ type: 'team', name: 'data' }] },
  table: {
    kind: 'table',
    fqn: 'pg.shop.public.orders',
    description: 'Customer orders',
    tier: 'Tier.Tier1',
    domain: 'Sales',
    tags: [{ tagFqn: 'PII.Sensitive' }],
    attributes: { partitionedBy: ['created_at'], retentionDays: 30, raw: null },
    columns: [
      { name: 'id', dataType: 'bigint', ordinal: 1, nullable: false, constraint: 'PRIMARY_KEY' },
      {
        name: 'customer_id',
        dataType: 'bigint',
        ordinal: 2,
        foreignKey: { table: 'pg.shop.public.customers', column: 'id' },
      },
      { name: 'email', dataType: 'text', tags: [{ tagFqn: 'PII.Email', source: 'automated' }] },
    ],
    rowCount: 1200,
  },
  pipeline: {
    kind: 'pipeline',
    fqn: 'airflow.daily_orders',
    tasks: [
      { name: 'extract', downstreamTasks: ['load'] },
      { name: 'load', sql: 'insert into orders_daily select * from orders' },
    ],
  },
  dashboard: {
    kind: 'dashboard',
    fqn: 'metabase.sales',
    url: 'https://metabase.example.com/dashboard/1',
    charts: [{ name: 'revenue', chartType: 'Line' }],
  },
  classification: { kind: 'classification', fqn: 'PII' },
  tag: { kind: 'tag', fqn: 'PII.Sensitive', description: 'Sensitive personal data' },
  user: { kind: 'user', fqn: '"jane.doe"', email: 'jane.doe@example.com', teams: ['data'] },
  team: { kind: 'team', fqn: 'data', parentTeam: 'engineering' },
  domain: { kind: 'domain', fqn: 'Sales' },
  test_case: {
    kind: 'test_case',
    fqn: 'pg.shop.public.orders.id.id_not_null',
    entity: 'pg.shop.public.orders.id',
    testType: 'columnValuesToBeNotNull',
    parameters: { threshold: 0 },
  },
  lineage_edge: {
    kind: 'lineage_edge',
    from: 'pg.shop.public.orders',
    to: 'pg.shop.analytics.orders_daily',
    source: 'pipeline',
    pipeline: 'airflow.daily_orders',
    columns: [
      {
        from: ['pg.shop.public.orders.id'],
        to: 'pg.shop.analytics.orders_daily.order_count',
        transformation: { type: 'DIRECT', subtype: 'AGGREGATION' },
      },
    ],
  },
  tag_label: {
    kind: 'tag_label',
    target: 'pg.shop.public.orders.email',
    tag: { tagFqn: 'PII.Email', source: 'automated', state: 'suggested', confidence: 0.92 },
  },
  glossary_link: { kind: 'glossary_link', target: 'pg.shop.public.orders', term: 'Business.Order' },
  ownership: {
    kind: 'ownership',
    target: 'pg.shop.public.orders',
    owners: [{ type: 'user', name: 'jane.doe' }],
  },
  test_result: {
    kind: 'test_result',
    testCase: 'pg.shop.public.orders.id.id_not_null',
    timestamp: '2024-06-11T08:30:00+02:00',
    status: 'failed',
    failedRows: 2,
    sampleFailures: [{ id: null }, { id: null }],
  },
} satisfies { [K in RecordKind]: Extract<MetadataRecordInput, { kind: K }> };
