import type { MetadataRecord } from '@almanac/sdk';
import { PostgresSource } from '../src/index.js';
import { createShopDatabase, type TestDatabase } from './support/database.js';
import { ofKind, parsedRecords, tableNamed } from './support/records.js';

describe('PostgresSource records of a live database', () => {
  let db: TestDatabase;
  let records: MetadataRecord[];
  let source: PostgresSource;
  const fqn = (...parts: string[]) => ['shop_pg', db.name, ...parts].join('.');
  const table = (schema: string, name: string) => tableNamed(records, fqn(schema, name));

  beforeAll(async () => {
    db = await createShopDatabase();
    await db.run('ANALYZE');
    // Created after ANALYZE: never analysed, so its row count is unknown.
    await db.run('CREATE TABLE marketing.unsent_emails (address text)');
    source = PostgresSource.fromConfig({ url: db.url, serviceName: 'shop_pg' });
    records = await parsedRecords(source);
  });

  afterAll(() => db.drop());

  it('yields service, database and schemas before tables, and lineage last', () => {
    expect(records.slice(0, 4)).toEqual([
      expect.objectContaining({ kind: 'service', fqn: 'shop_pg', serviceType: 'Postgres' }),
      { kind: 'database', fqn: fqn() },
      { kind: 'schema', fqn: fqn('marketing'), description: 'Campaign data' },
      { kind: 'schema', fqn: fqn('public'), description: 'standard public schema' },
    ]);
    const kinds = records.map((record) => record.kind);
    expect(kinds.lastIndexOf('table')).toBeLessThan(kinds.indexOf('lineage_edge'));
    expect(source.name).toBe(`shop_pg.${db.name}`);
    expect(source.mode).toBe('full');
    expect(source.warnings).toEqual([]);
  });

  it('lists every kind of relation once, partitions folded into their partitioned table', () => {
    expect(ofKind(records, 'table').map((t) => [t.fqn, t.tableType])).toEqual([
      [`shop_pg.${db.name}.marketing."Promo ""Codes"".v2"`, 'Regular'],
      [fqn('marketing', 'all_campaigns'), 'View'],
      [fqn('marketing', 'campaigns'), 'Regular'],
      [fqn('marketing', 'erp_accounts'), 'External'],
      [fqn('marketing', 'unsent_emails'), 'Regular'],
      [fqn('marketing', 'vip_customers'), 'View'],
      [fqn('public', 'Order Items'), 'Regular'],
      [fqn('public', 'customer_orders'), 'View'],
      [fqn('public', 'customer_revenue'), 'MaterializedView'],
      [fqn('public', 'customers'), 'Regular'],
      [fqn('public', 'events'), 'Partitioned'],
      [fqn('public', 'orders'), 'Regular'],
      [fqn('public', 'recent_events'), 'View'],
    ]);
    expect(table('public', 'events').attributes).toEqual({
      partitionKey: 'RANGE (occurred_at)',
      partitions: ['public.events_2024', 'public.events_2025'],
    });
    expect(table('marketing', 'erp_accounts').attributes).toEqual({ foreignServer: 'legacy_erp' });
  });

  it('describes columns with exact types, nullability, defaults, comments and keys', () => {
    const customers = table('public', 'customers');
    expect(customers.description).toBe('People and companies who bought at least once');
    expect(customers.columns).toEqual([
      {
        name: 'id',
        dataType: 'bigint',
        ordinal: 1,
        nullable: false,
        defaultValue: "nextval('public.customers_id_seq'::regclass)",
        constraint: 'PRIMARY_KEY',
      },
      {
        name: 'email',
        dataType: 'text',
        ordinal: 2,
        nullable: false,
        description: 'Contact e-mail (personal data)',
        constraint: 'UNIQUE',
      },
      { name: 'full_name', dataType: 'text', ordinal: 3, nullable: false, constraint: 'NOT_NULL' },
      { name: 'phone', dataType: 'text', ordinal: 4, nullable: true },
      {
        name: 'birth_date',
        dataType: 'date',
        ordinal: 5,
        nullable: true,
        description: 'Date of birth (personal data)',
      },
      {
        name: 'tags',
        dataType: 'text[]',
        ordinal: 6,
        nullable: false,
        defaultValue: "'{}'::text[]",
        constraint: 'NOT_NULL',
      },
      {
        name: 'created_at',
        dataType: 'timestamp with time zone',
        ordinal: 7,
        nullable: false,
        defaultValue: 'now()',
        constraint: 'NOT_NULL',
      },
    ]);
    expect(table('public', 'orders').columns[3]).toEqual({
      name: 'total',
      dataType: 'numeric(12,2)',
      ordinal: 4,
      nullable: false,
      defaultValue: '0',
      constraint: 'NOT_NULL',
    });
  });

  it('maps a foreign key onto its column', () => {
    expect(table('public', 'orders').columns[1]).toEqual({
      name: 'customer_id',
      dataType: 'bigint',
      ordinal: 2,
      nullable: false,
      constraint: 'NOT_NULL',
      foreignKey: { table: fqn('public', 'customers'), column: 'id' },
    });
  });

  it('marks each column of a composite primary key and keeps every key in full in attributes', () => {
    const items = table('public', 'Order Items');
    expect(items.columns.map((c) => [c.name, c.dataType, c.constraint ?? null])).toEqual([
      ['order_id', 'bigint', 'PRIMARY_KEY'],
      ['line_no', 'integer', 'PRIMARY_KEY'],
      ['sku', 'character varying(32)', 'NOT_NULL'],
      ['Unit Price', 'numeric(12,2)', 'NOT_NULL'],
      ['quantity', 'integer', 'NOT_NULL'],
    ]);
    expect(items.columns[0]?.foreignKey).toEqual({ table: fqn('public', 'orders'), column: 'id' });
    expect(items.attributes?.['constraints']).toEqual([
      { name: 'Order Items_pkey', type: 'PRIMARY_KEY', columns: ['order_id', 'line_no'] },
      { name: 'order_items_sku_per_order', type: 'UNIQUE', columns: ['order_id', 'sku'] },
      {
        name: 'Order Items_order_id_fkey',
        type: 'FOREIGN_KEY',
        columns: ['order_id'],
        references: { table: fqn('public', 'orders'), columns: ['id'] },
      },
    ]);
  });

  it('says how identity and generated columns are filled', () => {
    const promo = tableNamed(records, `shop_pg.${db.name}.marketing."Promo ""Codes"".v2"`);
    expect(promo.columns.map((c) => [c.name, c.defaultValue ?? null])).toEqual([
      ['id', 'GENERATED BY DEFAULT AS IDENTITY'],
      ['code', null],
      ['percent_off', null],
      ['label', "GENERATED ALWAYS AS ((percent_off || '% off'::text)) STORED"],
    ]);
  });

  it('gives row estimates once analysed, summing partitions, and none for views', () => {
    const rowCounts = Object.fromEntries(
      ofKind(records, 'table').map((t) => [t.fqn.split('.').slice(2).join('.'), t.rowCount]),
    );
    expect(rowCounts).toEqual({
      'marketing."Promo ""Codes"".v2"': 1,
      'marketing.all_campaigns': undefined,
      'marketing.campaigns': 2,
      'marketing.erp_accounts': undefined,
      'marketing.unsent_emails': undefined,
      'marketing.vip_customers': undefined,
      'public.Order Items': 120,
      'public.customer_orders': undefined,
      'public.customer_revenue': 20,
      'public.customers': 20,
      'public.events': 200,
      'public.orders': 50,
      'public.recent_events': undefined,
    });
  });

  it('keeps view and materialized view definitions, schema-qualified', () => {
    expect(table('public', 'customer_orders').viewDefinition).toContain(
      'JOIN public."Order Items" i ON ((i.order_id = o.id))',
    );
    expect(table('public', 'customer_orders').description).toBe('Orders with their customer');
    expect(table('public', 'customer_revenue').viewDefinition).toBe(
      [
        'SELECT orders.customer_id,',
        '    count(*) AS orders,',
        '    sum(orders.total) AS revenue',
        '   FROM public.orders',
        '  GROUP BY orders.customer_id;',
      ].join('\n'),
    );
  });

  it('turns each view into one sql lineage edge per relation it reads', () => {
    expect(ofKind(records, 'lineage_edge').map((e) => [e.from, e.to, e.source])).toEqual([
      [fqn('marketing', 'campaigns'), fqn('marketing', 'all_campaigns'), 'sql'],
      [fqn('public', 'customers'), fqn('marketing', 'vip_customers'), 'sql'],
      [fqn('public', 'Order Items'), fqn('public', 'customer_orders'), 'sql'],
      [fqn('public', 'customers'), fqn('public', 'customer_orders'), 'sql'],
      [fqn('public', 'orders'), fqn('public', 'customer_orders'), 'sql'],
      [fqn('public', 'orders'), fqn('public', 'customer_revenue'), 'sql'],
      [fqn('public', 'events'), fqn('public', 'recent_events'), 'sql'],
    ]);
  });

  it('derives column lineage of a joining, aggregating view', () => {
    const edge = ofKind(records, 'lineage_edge').find(
      (e) => e.from === fqn('public', 'Order Items') && e.to === fqn('public', 'customer_orders'),
    );
    const view = (column: string) => fqn('public', 'customer_orders', column);
    const joinOnOrderId = (column: string) => ({
      from: [fqn('public', 'Order Items', 'order_id')],
      to: view(column),
      transformation: { type: 'INDIRECT', subtype: 'JOIN' },
    });
    expect(edge?.sql).toBe(table('public', 'customer_orders').viewDefinition);
    expect(edge?.columns).toEqual([
      joinOnOrderId('customer_id'),
      joinOnOrderId('email'),
      joinOnOrderId('order_id'),
      joinOnOrderId('total'),
      {
        from: [
          fqn('public', 'Order Items', 'Unit Price'),
          fqn('public', 'Order Items', 'quantity'),
        ],
        to: view('items_value'),
        transformation: { type: 'DIRECT', subtype: 'AGGREGATION' },
      },
      joinOnOrderId('items_value'),
    ]);
    const customers = ofKind(records, 'lineage_edge').find(
      (e) => e.from === fqn('public', 'customers') && e.to === fqn('public', 'customer_orders'),
    );
    expect(customers?.columns).toContainEqual({
      from: [fqn('public', 'customers', 'email')],
      to: view('email'),
      transformation: { type: 'DIRECT', subtype: 'IDENTITY' },
    });
  });

  it('aggregates of a materialized view, and a view over a partition, lead to their tables', () => {
    const edges = ofKind(records, 'lineage_edge');
    const revenue = edges.find((e) => e.to === fqn('public', 'customer_revenue'));
    expect(revenue?.columns).toContainEqual({
      from: [fqn('public', 'orders', 'total')],
      to: fqn('public', 'customer_revenue', 'revenue'),
      transformation: { type: 'DIRECT', subtype: 'AGGREGATION' },
    });
    const recent = edges.find((e) => e.to === fqn('public', 'recent_events'));
    expect(recent?.columns?.map((c) => [c.from, c.to, c.transformation?.subtype])).toEqual([
      [
        [fqn('public', 'events', 'occurred_at')],
        fqn('public', 'recent_events', 'occurred_at'),
        'IDENTITY',
      ],
      [
        [fqn('public', 'events', 'customer_id')],
        fqn('public', 'recent_events', 'customer_id'),
        'IDENTITY',
      ],
      [
        [fqn('public', 'events', 'event_type')],
        fqn('public', 'recent_events', 'event_type'),
        'IDENTITY',
      ],
      [[fqn('public', 'events', 'ip')], fqn('public', 'recent_events', 'ip'), 'IDENTITY'],
    ]);
  });

  describe('with a schemas filter', () => {
    let filtered: PostgresSource;
    let only: MetadataRecord[];

    beforeAll(async () => {
      filtered = PostgresSource.fromConfig({
        url: db.url,
        serviceName: 'shop_pg',
        schemas: ['marketing', 'archive'],
      });
      only = await parsedRecords(filtered);
    });

    it('reads only the listed schemas and warns about those that do not exist', () => {
      expect(ofKind(only, 'schema').map((s) => s.fqn)).toEqual([fqn('marketing')]);
      expect(ofKind(only, 'table').every((t) => t.fqn.startsWith(fqn('marketing')))).toBe(true);
      expect(filtered.warnings).toContain('schema "archive" does not exist in the database');
    });

    it('leaves out lineage from tables outside the run, with a warning', () => {
      expect(ofKind(only, 'lineage_edge').map((e) => [e.from, e.to])).toEqual([
        [fqn('marketing', 'campaigns'), fqn('marketing', 'all_campaigns')],
      ]);
      expect(filtered.warnings).toContain(
        'view marketing.vip_customers: reads public.customers, which this run does not extract; no edge',
      );
    });
  });

  it('derives the service name from the host when none is configured', async () => {
    const derived = PostgresSource.fromConfig({ url: db.url, schemas: ['marketing'] });
    const [service] = await parsedRecords(derived);
    const host = new URL(db.url).hostname.replace(/[^a-z0-9]+/gi, '_').toLowerCase();
    expect(service?.kind === 'service' ? service.fqn : null).toMatch(
      new RegExp(`^postgres_${host}(_\\d+)?$`),
    );
  });
});
