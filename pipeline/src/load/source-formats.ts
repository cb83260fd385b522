import {
  checkHeader,
  EVENT_HEADER,
  parseEventRow,
  splitCsvLine,
  type ShopEvent,
} from '../event-row.js';
import {
  RAW_CUSTOMERS,
  RAW_EVENTS,
  RAW_INVENTORY,
  RAW_PRODUCTS,
  type TableDefinition,
} from '../warehouse/raw-tables.js';
import { copyTimestamp, copyValue, NULL } from './copy-text.js';
import { CUSTOMER_HEADER, parseCustomerRow, type Customer } from './customer-row.js';
import { plainEventToCopy } from './event-fast-path.js';
import { fitsBigint, sameTimestamp } from './field-checks.js';
import { INVENTORY_HEADER, parseInventoryRow } from './inventory-row.js';
import { checkCsvHeader, type ParsedRow } from './parse-fields.js';
import { parseProductRow, PRODUCT_HEADER } from './product-row.js';

export const RAW_SOURCES = ['events', 'customers', 'products', 'inventory'] as const;
export type RawSource = (typeof RAW_SOURCES)[number];

/** A line as COPY text values (tab-separated, without `_file`, `_line` and the line end). */
export type CopyRow = { ok: true; values: string } | { ok: false; reason: string };

export interface SourceFormat {
  source: RawSource;
  table: TableDefinition;
  header: readonly string[];
  checkHeader(line: string): string | null;
  toCopy(line: string): CopyRow;
}

/** The table's data columns, then the lineage columns COPY fills. */
export function copyColumns(table: TableDefinition): string[] {
  const data = table.columns.filter((column) => !column.name.startsWith('_'));
  return [...data.map((column) => column.name), '_file', '_line'];
}

function convert<T>(parsed: ParsedRow<T>, values: (row: T) => (string | null)[]): CopyRow {
  return parsed.ok ? { ok: true, values: values(parsed.row).join('\t') } : parsed;
}

// parseEventRow accepts what JavaScript can read; these are the extra limits the columns set.
const MONEY_LIMIT = 9_999_999_999.995;
const MAX_CATEGORY_DIGITS = 20;

/** The event time as text, checked against the line: JavaScript silently rolls 30 February over. */
function eventTimeText(line: string, event: ShopEvent): { text: string } | { reason: string } {
  const iso = event.eventTime.toISOString();
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
  const written = line.startsWith(`${text},`) ? text : (splitCsvLine(line)[0] ?? '');
  return sameTimestamp(event.eventTime, written)
    ? { text }
    : { reason: `event_time "${written}" is not a real UTC time` };
}

function eventToCopy(line: string): CopyRow {
  const plain = plainEventToCopy(line);
  return plain === null ? parsedEventToCopy(line) : { ok: true, values: plain };
}

/** The full path for any event line: parseEventRow, then the limits of the columns. */
export function parsedEventToCopy(line: string): CopyRow {
  const parsed = parseEventRow(line);
  if (!parsed.ok) return parsed;
  const { event } = parsed;
  const time = eventTimeText(line, event);
  if ('reason' in time) return { ok: false, reason: time.reason };
  if (!fitsBigint(event.productId))
    return { ok: false, reason: `product_id ${event.productId} is too large` };
  if (!fitsBigint(event.userId))
    return { ok: false, reason: `user_id ${event.userId} is too large` };
  if (event.categoryId.replace(/^0+(?=\d)/, '').length > MAX_CATEGORY_DIGITS)
    return { ok: false, reason: `category_id ${event.categoryId} has more than 20 digits` };
  if (!Number.isFinite(event.price) || event.price >= MONEY_LIMIT)
    return { ok: false, reason: `price ${event.price} is too large` };
  const values = [
    time.text,
    event.eventType,
    event.productId,
    event.categoryId,
    copyValue(event.categoryCode),
    copyValue(event.brand),
    String(event.price),
    event.userId,
    copyValue(event.userSession),
  ];
  return { ok: true, values: values.join('\t') };
}

function customerValues(c: Customer): string[] {
  return [
    c.customerId,
    copyValue(c.email),
    copyValue(c.firstName),
    copyValue(c.lastName),
    copyValue(c.phone),
    copyValue(c.streetAddress),
    copyValue(c.city),
    copyValue(c.country),
    c.birthDate ?? NULL,
    c.signupIp ?? NULL,
    copyValue(c.marketingConsent),
    copyTimestamp(c.lastActivityAt),
    c.customerType,
    copyValue(c.companyName),
  ];
}

export const SOURCE_FORMATS: Readonly<Record<RawSource, SourceFormat>> = {
  events: {
    source: 'events',
    table: RAW_EVENTS,
    header: EVENT_HEADER,
    checkHeader,
    toCopy: eventToCopy,
  },
  customers: {
    source: 'customers',
    table: RAW_CUSTOMERS,
    header: CUSTOMER_HEADER,
    checkHeader: (line) => checkCsvHeader(line, CUSTOMER_HEADER),
    toCopy: (line) => convert(parseCustomerRow(line), customerValues),
  },
  products: {
    source: 'products',
    table: RAW_PRODUCTS,
    header: PRODUCT_HEADER,
    checkHeader: (line) => checkCsvHeader(line, PRODUCT_HEADER),
    toCopy: (line) =>
      convert(parseProductRow(line), (p) => [
        p.productId,
        copyValue(p.brand),
        p.categoryId,
        copyValue(p.categoryCode),
        copyValue(p.name),
        p.costPrice ?? NULL,
        p.listPrice,
      ]),
  },
  inventory: {
    source: 'inventory',
    table: RAW_INVENTORY,
    header: INVENTORY_HEADER,
    checkHeader: (line) => checkCsvHeader(line, INVENTORY_HEADER),
    toCopy: (line) =>
      convert(parseInventoryRow(line), (i) => [
        i.snapshotDate,
        i.productId,
        String(i.quantityOnHand),
      ]),
  },
};

const FILE_NAME = /^(events|customers|products|inventory)-.+\.csv(\.gz)?$/;

/** The source a landed file feeds, from its name: `<source>-<anything>.csv[.gz]`. */
export function recogniseFile(name: string): { format: SourceFormat; gzip: boolean } | null {
  const match = FILE_NAME.exec(name);
  if (!match) return null;
  return { format: SOURCE_FORMATS[match[1] as RawSource], gzip: match[2] !== undefined };
}
