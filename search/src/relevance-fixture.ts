import type { SearchDocument, SearchType } from './document.js';
import type { SearchRequestInput } from './request.js';

/**
 * A small catalog of the demo shop and the queries users type against it, each with the document
 * that must rank first. Both search drivers must pass the whole list.
 */

const SERVICE = 'shop_warehouse';
const DATABASE = 'postgres';
const UPDATED = '2026-11-01T00:00:00.000Z';

interface TableSpec {
  schema: string;
  name: string;
  description: string;
  columns: [name: string, description: string][];
  tier?: number;
  owners?: string[];
  tags?: string[];
  glossaryTerms?: string[];
  view?: boolean;
  usage?: number;
}

function table(spec: TableSpec): SearchDocument {
  const fqn = `${SERVICE}.${DATABASE}.${spec.schema}.${spec.name}`;
  return {
    type: spec.view ? 'view' : 'table',
    fqn,
    name: spec.name,
    description: spec.description,
    columnNames: spec.columns.map(([name]) => name),
    columnDescriptions: spec.columns.map(([, description]) => description),
    tags: spec.tags ?? [],
    glossaryTerms: spec.glossaryTerms ?? [],
    service: SERVICE,
    database: DATABASE,
    schema: spec.schema,
    owners: spec.owners ?? [],
    domain: 'Commerce',
    tier: spec.tier ? `Tier.Tier${spec.tier}` : null,
    containsPii: (spec.tags ?? []).some((tag) => tag.startsWith('PII.')),
    usage: spec.usage ?? null,
    updatedAt: UPDATED,
  };
}

function column(
  tableSpec: TableSpec,
  name: string,
  extra: Partial<SearchDocument> = {},
): SearchDocument {
  const tableFqn = `${SERVICE}.${DATABASE}.${tableSpec.schema}.${tableSpec.name}`;
  const described = tableSpec.columns.find(([columnName]) => columnName === name);
  return {
    type: 'column',
    fqn: `${tableFqn}.${name}`,
    name,
    description: described?.[1] ?? null,
    service: SERVICE,
    database: DATABASE,
    schema: tableSpec.schema,
    owners: tableSpec.owners ?? [],
    updatedAt: UPDATED,
    ...extra,
  };
}

function other(
  type: SearchType,
  fqn: string,
  name: string,
  extra: Partial<SearchDocument> = {},
): SearchDocument {
  return { type, fqn, name, updatedAt: UPDATED, ...extra };
}

const CUSTOMERS: TableSpec = {
  schema: 'raw',
  name: 'customers',
  description: 'Customer master data as exported by the shop: B2C shoppers and B2B companies.',
  columns: [
    ['customer_id', 'The customer.'],
    ['email', 'Contact e-mail address.'],
    ['signup_ip', 'IP address the account was created from.'],
    ['marketing_consent', 'Whether the customer agreed to marketing e-mails.'],
    ['country', 'Billing country.'],
  ],
  tags: ['PII.Sensitive'],
  owners: ['dana'],
};
const CLV: TableSpec = {
  schema: 'marts',
  name: 'customer_lifetime_value',
  description: 'Historical lifetime value per customer from valid orders, with gross margin.',
  columns: [
    ['customer_id', 'The customer.'],
    ['lifetime_value', "Sum of the customer's valid order totals."],
    ['gross_margin', 'Revenue minus the cost of the goods sold.'],
    ['order_count', 'Valid orders placed.'],
  ],
  tier: 1,
  owners: ['analytics'],
  glossaryTerms: ['Business.Customer'],
  usage: 900,
};

const TABLES: TableSpec[] = [
  CUSTOMERS,
  CLV,
  {
    schema: 'raw',
    name: 'events',
    description:
      'Clickstream events from the storefront: view, cart, removefromcart and purchase, one row each.',
    columns: [
      ['event_time', 'When it happened.'],
      ['event_type', 'view, cart, removefromcart or purchase.'],
      ['product_id', 'The product.'],
      ['user_session', 'Browser session.'],
    ],
    owners: ['dana'],
  },
  {
    schema: 'raw',
    name: 'products',
    description: 'Product catalog with categories, brands and prices.',
    columns: [
      ['product_id', 'The product.'],
      ['category_code', 'Category path.'],
      ['brand', 'Brand name.'],
      ['price', 'List price.'],
    ],
  },
  {
    schema: 'raw',
    name: 'inventory',
    description: 'Daily inventory snapshot per product and warehouse.',
    columns: [
      ['product_id', 'The product.'],
      ['quantity_on_hand', 'Units in stock.'],
      ['snapshot_date', 'Day of the snapshot.'],
    ],
  },
  {
    schema: 'raw',
    name: 'quarantine',
    description: 'Lines rejected by the loader, with file, line number and reason.',
    columns: [
      ['source_file', 'File the line came from.'],
      ['reason', 'Why it was rejected.'],
    ],
  },
  {
    schema: 'staging',
    name: 'stg_customers',
    description: 'Customers cleaned and deduplicated, one row per customer.',
    columns: [
      ['customer_id', 'The customer.'],
      ['email', 'Normalised e-mail address.'],
      ['customer_type', 'B2C or B2B.'],
    ],
    tier: 3,
    tags: ['PII.Sensitive'],
  },
  {
    schema: 'staging',
    name: 'stg_events',
    description: 'Deduplicated storefront events with sessions assigned.',
    columns: [
      ['event_id', 'Stable event key.'],
      ['session_id', 'The session the event belongs to.'],
    ],
    tier: 3,
  },
  {
    schema: 'marts',
    name: 'conversion_rate_daily',
    description: 'Share of sessions that end in a purchase, per day.',
    columns: [
      ['day', 'Calendar day.'],
      ['conversion_rate', 'Purchasing sessions divided by all sessions.'],
    ],
    tier: 1,
    owners: ['analytics'],
    glossaryTerms: ['Business.Conversion Rate'],
    usage: 700,
  },
  {
    schema: 'marts',
    name: 'cart_abandonment',
    description: 'Carts that never turned into an order, per day and product.',
    columns: [
      ['day', 'Calendar day.'],
      ['abandoned_carts', 'Carts left without a purchase.'],
    ],
    tier: 1,
    glossaryTerms: ['Business.Cart Abandonment'],
  },
  {
    schema: 'marts',
    name: 'sessions',
    description: 'Browsing sessions: a new session starts after 30 minutes without activity.',
    columns: [
      ['session_id', 'The session.'],
      ['started_at', 'First event.'],
    ],
    tier: 2,
  },
  {
    schema: 'marts',
    name: 'retargeting_list',
    description: 'Shoppers whose session expired with items left in the cart, for re-engagement.',
    columns: [['customer_id', 'The customer.']],
    tier: 2,
    tags: ['PII.Sensitive'],
  },
  {
    schema: 'marts',
    name: 'inventory_turnover',
    description: 'How many times stock sold through per product and month.',
    columns: [['turnover', 'Units sold divided by average stock.']],
    tier: 2,
    glossaryTerms: ['Business.Inventory Turnover'],
  },
  {
    schema: 'marts',
    name: 'valid_orders',
    description: 'Orders that were paid and not cancelled or refunded.',
    columns: [
      ['order_id', 'The order.'],
      ['order_total', 'Amount paid.'],
    ],
    tier: 1,
    owners: ['dana'],
    glossaryTerms: ['Business.Valid Order'],
  },
  {
    schema: 'marts',
    name: 'order_items',
    description: 'One row per order line item with quantity and line total.',
    columns: [
      ['order_id', 'The order.'],
      ['line_total', 'Quantity times unit price.'],
    ],
    tier: 2,
  },
  {
    schema: 'marts',
    name: 'product_affinity',
    description: 'Pairs of products bought together in the same order.',
    columns: [
      ['product_a', 'First product.'],
      ['product_b', 'Second product.'],
    ],
    tier: 3,
  },
  {
    schema: 'marts',
    name: 'product_demand_trend',
    description: 'Week-over-week demand trend per product.',
    columns: [['trend', 'Change in units sold.']],
    tier: 3,
  },
  {
    schema: 'marts',
    name: 'sales_per_product_minute',
    description: 'Revenue and units per product and minute.',
    columns: [['minute', 'The minute.']],
    tier: 2,
  },
  {
    schema: 'marts',
    name: 'customer_segments',
    description: 'Customers grouped by RFM score: recency, frequency and monetary value.',
    columns: [
      ['segment', 'Segment name.'],
      ['score', 'RFM score.'],
    ],
    tier: 2,
    view: true,
  },
];

export const RELEVANCE_DOCUMENTS: readonly SearchDocument[] = [
  ...TABLES.map(table),
  column(CUSTOMERS, 'signup_ip', { tags: ['PII.Sensitive'] }),
  column(CUSTOMERS, 'marketing_consent'),
  column(CUSTOMERS, 'email', { tags: ['PII.Sensitive'] }),
  column(CLV, 'gross_margin'),
  column(CLV, 'lifetime_value'),
  other('glossary_term', 'Business.Customer', 'Customer', {
    synonyms: ['buyer', 'shopper', 'client'],
    description: 'A person or company that placed at least one order.',
  }),
  other('glossary_term', 'Business.Valid Order', 'Valid Order', {
    description: 'An order that was paid and was not cancelled or refunded.',
  }),
  other('glossary_term', 'Business.Conversion Rate', 'Conversion Rate', {
    description: 'Share of sessions that end in a purchase.',
  }),
  other('glossary_term', 'Business.Cart Abandonment', 'Cart Abandonment', {
    description: 'A cart left without a purchase when its session expires.',
  }),
  other('glossary_term', 'Business.Inventory Turnover', 'Inventory Turnover', {
    synonyms: ['stock turn'],
    description: 'How often stock sells through in a period.',
  }),
  other('pipeline', 'shop_pipeline.shop', 'shop', {
    displayName: 'Shop pipeline',
    description: 'Loads the landing files and builds the staging tables and marts.',
    service: 'shop_pipeline',
    owners: ['dana'],
  }),
  other('dashboard', 'metabase.revenue_overview', 'revenue_overview', {
    displayName: 'Revenue Overview',
    description: 'Daily revenue and orders dashboard for the leadership team.',
    service: 'metabase',
  }),
  other('dashboard', 'metabase.cafe_sales', 'cafe_sales', {
    displayName: 'Café Sales',
    description: 'Sales of the café corner in the flagship store.',
    service: 'metabase',
  }),
  other('tag', 'PII.Sensitive', 'Sensitive', {
    description: 'Personal data that identifies a person or harms them if exposed.',
  }),
  other('tag', 'PII.NonSensitive', 'NonSensitive', {
    description: 'Personal data whose exposure causes little harm.',
  }),
  other('tag', 'Tier.Tier1', 'Tier1', { description: 'Critical: drives external reporting.' }),
  other('user', 'dana', 'dana', { displayName: 'Dana Data Engineer' }),
  other('team', 'analytics', 'analytics', { displayName: 'Analytics', description: 'BI team.' }),
];

const asset = (schema: string, name: string) => `${SERVICE}.${DATABASE}.${schema}.${name}`;

export interface RelevanceCase {
  request: SearchRequestInput;
  /** FQN of the document that must rank first. */
  first: string;
}

const q = (query: string, first: string, types?: SearchType[]): RelevanceCase => ({
  request: types ? { query, types } : { query },
  first,
});

/** The queries, and the document each must rank first. */
export const RELEVANCE_CASES: readonly RelevanceCase[] = [
  q('customer lifetime', asset('marts', 'customer_lifetime_value')),
  q('sal product', asset('marts', 'sales_per_product_minute')),
  q('customer_lifetime_value', asset('marts', 'customer_lifetime_value')),
  q('lifetime value', asset('marts', 'customer_lifetime_value'), ['table']),
  q('convrsion rate', asset('marts', 'conversion_rate_daily')),
  q('conversion rate daily', asset('marts', 'conversion_rate_daily')),
  q('conversio', asset('marts', 'conversion_rate_daily'), ['table']),
  q('sesions', asset('marts', 'sessions')),
  q('retargeting', asset('marts', 'retargeting_list')),
  q('retargetting list', asset('marts', 'retargeting_list')),
  q('inventory turnover', asset('marts', 'inventory_turnover')),
  q('signup_ip', `${asset('raw', 'customers')}.signup_ip`),
  q('signup_ip', asset('raw', 'customers'), ['table']),
  q('marketing consent', `${asset('raw', 'customers')}.marketing_consent`),
  q('gross margin', `${asset('marts', 'customer_lifetime_value')}.gross_margin`),
  q('PII.Sensitive', 'PII.Sensitive', ['tag']),
  q('sensitive', 'PII.Sensitive', ['tag']),
  q('Tier1', 'Tier.Tier1', ['tag']),
  q('Valid Order', 'Business.Valid Order', ['glossary_term']),
  q('valid orders', asset('marts', 'valid_orders'), ['table']),
  q('buyer', 'Business.Customer'),
  q('shopper', 'Business.Customer', ['glossary_term']),
  q('stock turn', 'Business.Inventory Turnover'),
  q('how often stock sells', 'Business.Inventory Turnover'),
  q('Cart Abandonment', 'Business.Cart Abandonment', ['glossary_term']),
  q('cart abandonment', asset('marts', 'cart_abandonment'), ['table']),
  q('dana', 'dana', ['user']),
  q('analytics', 'analytics', ['team']),
  q('shop pipeline', 'shop_pipeline.shop'),
  q('revenue overview', 'metabase.revenue_overview'),
  q('cafe sales', 'metabase.cafe_sales'),
  q('CAFÉ', 'metabase.cafe_sales'),
  q('product affinity', asset('marts', 'product_affinity')),
  q('bought together', asset('marts', 'product_affinity')),
  q('demand trend', asset('marts', 'product_demand_trend')),
  q('sales per product minute', asset('marts', 'sales_per_product_minute')),
  q('RFM', asset('marts', 'customer_segments')),
  q('segmnts', asset('marts', 'customer_segments')),
  q('quarantine', asset('raw', 'quarantine')),
  q('rejected lines', asset('raw', 'quarantine')),
  q('stg_events', asset('staging', 'stg_events')),
  q('clickstream', asset('raw', 'events')),
  q('removefromcart', asset('raw', 'events'), ['table']),
  q('order line items', asset('marts', 'order_items')),
  q('customers', asset('raw', 'customers'), ['table']),
  q('stg customers', asset('staging', 'stg_customers')),
  q('inventory snapshot', asset('raw', 'inventory')),
  q('prodcut catalog', asset('raw', 'products')),
];
