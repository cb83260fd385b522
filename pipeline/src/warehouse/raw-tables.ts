/** One column of a warehouse table, as the DDL creates it and the run report describes it. */
export interface TableColumn {
  name: string;
  /** PostgreSQL type as written in the DDL. */
  type: string;
  nullable: boolean;
  default?: string;
  description: string;
}

export interface TableDefinition {
  schema: 'raw' | 'pipeline';
  name: string;
  description: string;
  columns: TableColumn[];
  primaryKey?: string;
}

const LINEAGE: TableColumn[] = [
  {
    name: '_file',
    type: 'text',
    nullable: false,
    description: 'Name of the landed file the row came from.',
  },
  {
    name: '_line',
    type: 'integer',
    nullable: false,
    description: 'Physical line number of the row in that file; the header is line 1.',
  },
  {
    name: '_loaded_at',
    type: 'timestamptz',
    nullable: false,
    default: 'now()',
    description: 'When the load transaction that wrote the row began.',
  },
];

const col = (name: string, type: string, description: string): TableColumn => ({
  name,
  type,
  nullable: true,
  description,
});

export const RAW_EVENTS: TableDefinition = {
  schema: 'raw',
  name: 'events',
  description:
    'Shop behaviour events as exported (view, cart, removefromcart, purchase), one row per line of the events-* files that passed parsing; duplicates are kept.',
  columns: [
    col('event_time', 'timestamptz', 'When the event happened (UTC).'),
    col('event_type', 'text', 'view, cart, removefromcart or purchase.'),
    col('product_id', 'bigint', 'Product the event is about.'),
    col(
      'category_id',
      'numeric(20,0)',
      'Category of the product; 19 digits, beyond a JavaScript number.',
    ),
    col(
      'category_code',
      'text',
      'Category taxonomy like appliances.kitchen.blender; often missing.',
    ),
    col('brand', 'text', 'Lower-case brand; often missing.'),
    col('price', 'numeric(12,2)', 'Unit price of the product at the event, never negative.'),
    col('user_id', 'bigint', 'Shopper; the customer_id of raw.customers.'),
    col(
      'user_session',
      'text',
      'Session id (UUID); a new one starts after 30 minutes of inactivity.',
    ),
    ...LINEAGE,
  ],
};

export const RAW_CUSTOMERS: TableDefinition = {
  schema: 'raw',
  name: 'customers',
  description: 'Customers as exported by the shop (customers-* files), with personal data.',
  columns: [
    col('customer_id', 'bigint', 'Customer id; the user_id of raw.events.'),
    col('email', 'text', 'E-mail address (personal data); may be missing.'),
    col('first_name', 'text', 'First name (personal data).'),
    col('last_name', 'text', 'Last name (personal data).'),
    col('phone', 'text', 'Phone number in international form (personal data).'),
    col('street_address', 'text', 'Street address (personal data).'),
    col('city', 'text', 'City.'),
    col('country', 'text', 'ISO 3166-1 alpha-2 country code.'),
    col('birth_date', 'date', 'Date of birth (personal data).'),
    col('signup_ip', 'inet', 'IP address the customer signed up from (personal data).'),
    col('marketing_consent', 'boolean', 'Whether the customer agreed to marketing e-mails.'),
    col('last_activity_at', 'timestamptz', 'Last time the customer was seen in the shop.'),
    col('customer_type', 'text', 'b2b (business, bulk orders) or b2c (consumer).'),
    col('company_name', 'text', 'Company of a b2b customer.'),
    ...LINEAGE,
  ],
};

export const RAW_PRODUCTS: TableDefinition = {
  schema: 'raw',
  name: 'products',
  description:
    'Product catalog as exported by the shop (products-* files): brand, category and prices.',
  columns: [
    col('product_id', 'bigint', 'Product id; the product_id of raw.events.'),
    col('brand', 'text', 'Lower-case brand; may be missing.'),
    col('category_id', 'numeric(20,0)', 'Category id, 19 digits.'),
    col('category_code', 'text', 'Category taxonomy; may be missing.'),
    col('name', 'text', 'Product name.'),
    col('cost_price', 'numeric(12,2)', 'What the shop pays for one unit.'),
    col('list_price', 'numeric(12,2)', 'Catalogue price of one unit, before promotions.'),
    ...LINEAGE,
  ],
};

export const RAW_INVENTORY: TableDefinition = {
  schema: 'raw',
  name: 'inventory',
  description:
    'Daily stock snapshots (inventory-* files): units on hand per product at midnight UTC.',
  columns: [
    col('snapshot_date', 'date', 'Day of the snapshot, taken at 00:00 UTC.'),
    col('product_id', 'bigint', 'Product counted.'),
    col('quantity_on_hand', 'integer', 'Units in stock.'),
    ...LINEAGE,
  ],
};

export const RAW_QUARANTINE: TableDefinition = {
  schema: 'raw',
  name: 'quarantine',
  description:
    'Lines of landed files that could not be loaded, kept verbatim with the reason, so nothing is silently dropped.',
  columns: [
    {
      name: 'source',
      type: 'text',
      nullable: false,
      description: 'events, customers, products or inventory.',
    },
    { name: 'file', type: 'text', nullable: false, description: 'Name of the landed file.' },
    {
      name: 'line_number',
      type: 'integer',
      nullable: false,
      description: 'Physical line number in the file; the header is line 1.',
    },
    {
      name: 'raw_text',
      type: 'text',
      nullable: false,
      description: 'The line as read, without its line ending (NUL bytes shown as U+FFFD).',
    },
    { name: 'reason', type: 'text', nullable: false, description: 'Why the line was refused.' },
    {
      name: 'quarantined_at',
      type: 'timestamptz',
      nullable: false,
      default: 'now()',
      description: 'When the load transaction began.',
    },
  ],
};

export const LOAD_LEDGER: TableDefinition = {
  schema: 'pipeline',
  name: 'load_ledger',
  description:
    'One row per landed file loaded, keyed by its SHA-256, so that a file is never loaded twice.',
  primaryKey: 'checksum',
  columns: [
    {
      name: 'checksum',
      type: 'text',
      nullable: false,
      description: 'SHA-256 of the file as landed (hex).',
    },
    {
      name: 'file',
      type: 'text',
      nullable: false,
      description: 'Name of the file when it was loaded.',
    },
    { name: 'source', type: 'text', nullable: false, description: 'Raw table it fed.' },
    col('rows_read', 'bigint', 'Data lines read (header excluded).'),
    col('rows_loaded', 'bigint', 'Lines loaded into the raw table.'),
    col('rows_quarantined', 'bigint', 'Lines written to raw.quarantine.'),
    {
      name: 'loaded_at',
      type: 'timestamptz',
      nullable: false,
      default: 'now()',
      description: 'When the load transaction began.',
    },
  ],
};

/** The raw tables, in the order the DDL creates them. */
export const RAW_TABLES: readonly TableDefinition[] = [
  RAW_EVENTS,
  RAW_CUSTOMERS,
  RAW_PRODUCTS,
  RAW_INVENTORY,
  RAW_QUARANTINE,
];

export function qualifiedName(table: TableDefinition): string {
  return `${table.schema}.${table.name}`;
}
