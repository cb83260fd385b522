import type { MetadataRecordInput } from '@almanac/sdk';

export const DEMO_SOURCE = 'demo';

type TableInput = Extract<MetadataRecordInput, { kind: 'table' }>;
type ColumnInput = TableInput['columns'][number];

const SERVICE = 'shop_warehouse';
const DB = `${SERVICE}.shop`;

function col(
  name: string,
  dataType: string,
  description: string,
  extra: Partial<ColumnInput> = {},
): ColumnInput {
  return { name, dataType, description, ...extra };
}

const pii = (tag: 'Sensitive' | 'NonSensitive'): ColumnInput['tags'] => [{ tagFqn: `PII.${tag}` }];

function demoTable(
  schema: string,
  name: string,
  description: string,
  columns: ColumnInput[],
  extra: Partial<TableInput> = {},
): TableInput {
  return { kind: 'table', fqn: `${DB}.${schema}.${name}`, description, columns, ...extra };
}

const TABLES: TableInput[] = [
  demoTable(
    'raw',
    'events',
    'Raw shop events as exported: one row per view, cart, removefromcart or purchase.',
    [
      col('event_time', 'timestamptz', 'When the event happened (UTC).'),
      col('event_type', 'text', 'view, cart, removefromcart or purchase.'),
      col('product_id', 'bigint', 'Product the event is about.'),
      col('category_id', 'numeric(20,0)', 'Category identifier (19 digits).'),
      col(
        'category_code',
        'text',
        'Category taxonomy such as appliances.kitchen.blender; often missing.',
      ),
      col('brand', 'text', 'Lower-case brand; often missing.'),
      col('price', 'numeric(12,2)', 'Unit price at event time.'),
      col('user_id', 'bigint', 'Shopper identifier.', { tags: pii('NonSensitive') }),
      col('user_session', 'uuid', 'Session id; changes after a long pause.'),
    ],
  ),
  demoTable('raw', 'customers', 'Customers with their personal data.', [
    col('customer_id', 'bigint', 'Customer identifier.', {
      nullable: false,
      constraint: 'PRIMARY_KEY',
    }),
    col('email', 'text', 'Contact e-mail address.', { tags: pii('Sensitive') }),
    col('first_name', 'text', 'Given name.', { tags: pii('Sensitive') }),
    col('last_name', 'text', 'Family name.', { tags: pii('Sensitive') }),
    col('phone', 'text', 'Phone number.', { tags: pii('Sensitive') }),
    col('city', 'text', 'City of the shipping address.', { tags: pii('NonSensitive') }),
    col('country', 'text', 'Country of the shipping address.'),
    col('signup_ip', 'inet', 'IP address at sign-up.', { tags: pii('Sensitive') }),
    col('marketing_consent', 'boolean', 'Whether the customer agreed to marketing e-mail.'),
  ]),
  demoTable(
    'staging',
    'stg_events',
    'Cleaned events: typed, deduplicated, rows with missing required values quarantined.',
    [
      col('event_time', 'timestamptz', 'When the event happened (UTC).'),
      col('event_type', 'text', 'view, cart, removefromcart or purchase.'),
      col('product_id', 'bigint', 'Product the event is about.'),
      col('price', 'numeric(12,2)', 'Unit price; never negative here.'),
      col('user_id', 'bigint', 'Shopper identifier.', { tags: pii('NonSensitive') }),
      col('user_session', 'uuid', 'Session id.'),
    ],
    {
      tableType: 'View',
      viewDefinition:
        'select distinct event_time, event_type, product_id, price, user_id, user_session from raw.events where price >= 0',
    },
  ),
  demoTable(
    'marts',
    'sales_per_product',
    'Sales per product per minute, refreshed within seconds of a purchase.',
    [
      col('minute', 'timestamptz', 'Minute of the sales.'),
      col('product_id', 'bigint', 'Product sold.'),
      col('units', 'integer', 'Units sold in the minute.'),
      col('revenue', 'numeric(14,2)', 'Revenue in the minute.'),
    ],
    { tier: 'Tier.Tier1', owners: [{ type: 'team', name: 'analytics' }] },
  ),
  demoTable(
    'marts',
    'customer_lifetime_value',
    'Customer lifetime value: total revenue per customer since the first purchase.',
    [
      col('customer_id', 'bigint', 'Customer identifier.', {
        constraint: 'PRIMARY_KEY',
        nullable: false,
      }),
      col('orders', 'integer', 'Number of valid orders.'),
      col('lifetime_value', 'numeric(14,2)', 'Sum of valid order totals.'),
    ],
    { tier: 'Tier.Tier2', owners: [{ type: 'user', name: 'dana' }] },
  ),
];

/** A small shop catalog so a first start has something to browse. */
export function demoRecords(): MetadataRecordInput[] {
  return [
    {
      kind: 'team',
      fqn: 'analytics',
      displayName: 'Analytics',
      description: 'Owns the marts and the dashboards.',
    },
    {
      kind: 'user',
      fqn: 'dana',
      displayName: 'Dana Steward',
      email: 'dana@shop.example',
      teams: ['analytics'],
    },
    { kind: 'service', fqn: SERVICE, serviceType: 'Postgres', description: 'The shop warehouse.' },
    { kind: 'database', fqn: DB, description: 'Shop data.' },
    { kind: 'schema', fqn: `${DB}.raw`, description: 'Data as it lands.' },
    { kind: 'schema', fqn: `${DB}.staging`, description: 'Cleaned data.' },
    { kind: 'schema', fqn: `${DB}.marts`, description: 'Business-facing models.' },
    ...TABLES,
    {
      kind: 'lineage_edge',
      from: `${DB}.raw.events`,
      to: `${DB}.staging.stg_events`,
      source: 'sql',
    },
    {
      kind: 'lineage_edge',
      from: `${DB}.staging.stg_events`,
      to: `${DB}.marts.sales_per_product`,
      source: 'sql',
    },
    {
      kind: 'lineage_edge',
      from: `${DB}.staging.stg_events`,
      to: `${DB}.marts.customer_lifetime_value`,
      source: 'sql',
    },
    {
      kind: 'test_case',
      fqn: `${DB}.staging.stg_events.price.non_negative`,
      entity: `${DB}.staging.stg_events.price`,
      testType: 'range',
      parameters: { min: 0 },
    },
  ];
}
