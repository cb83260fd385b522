/** The exact header of the public eCommerce-behaviour event export the shop pipeline reads. */
export const EVENT_HEADER = [
  'event_time',
  'event_type',
  'product_id',
  'category_id',
  'category_code',
  'brand',
  'price',
  'user_id',
  'user_session',
] as const;

export const EVENT_TYPES = ['view', 'cart', 'removefromcart', 'purchase'] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export interface ShopEvent {
  eventTime: Date;
  eventType: EventType;
  productId: string;
  /** 19 digits: beyond a JavaScript number, so kept as text. */
  categoryId: string;
  categoryCode: string | null;
  brand: string | null;
  price: number;
  userId: string;
  userSession: string;
}

export type ParsedEventRow = { ok: true; event: ShopEvent } | { ok: false; reason: string };

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC$/;
const DIGITS = /^\d+$/;
/** Plain decimal notation only: Number() would also take 0x1F, 1e3, Infinity and blanks. */
const PRICE = /^-?\d+(\.\d+)?$/;

/** Splits one CSV line; quoted fields may hold commas and doubled quotes. */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

export function checkHeader(line: string): string | null {
  const header = splitCsvLine(line.replace(/^\uFEFF/, '').trimEnd());
  const expected = EVENT_HEADER.join(',');
  return header.join(',') === expected
    ? null
    : `wrong header "${header.join(',')}": expected "${expected}"`;
}

function parseTime(value: string): Date | null {
  const match = TIMESTAMP.exec(value);
  if (!match) return null;
  const date = new Date(`${match[1]}T${match[2]}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Parses one event row. A row that cannot be trusted (missing required values, a negative or
 * missing price, a bad timestamp, an unknown event type) is refused with the reason, so that the
 * loader can quarantine it instead of dropping it.
 */
export function parseEventRow(line: string): ParsedEventRow {
  const fields = splitCsvLine(line.replace(/\r$/, ''));
  if (fields.length !== EVENT_HEADER.length) {
    return { ok: false, reason: `expected ${EVENT_HEADER.length} fields, found ${fields.length}` };
  }
  const [time, type, productId, categoryId, categoryCode, brand, price, userId, session] =
    fields as [string, string, string, string, string, string, string, string, string];
  const eventTime = parseTime(time);
  if (!eventTime)
    return { ok: false, reason: `event_time "${time}" is not like 2019-10-01 00:00:00 UTC` };
  if (!(EVENT_TYPES as readonly string[]).includes(type)) {
    return { ok: false, reason: `event_type "${type}" is not one of ${EVENT_TYPES.join(', ')}` };
  }
  for (const [name, value] of [
    ['product_id', productId],
    ['category_id', categoryId],
    ['user_id', userId],
  ] as const) {
    if (!DIGITS.test(value))
      return { ok: false, reason: `${name} "${value}" is not a whole number` };
  }
  if (session === '') return { ok: false, reason: 'user_session is missing' };
  if (!PRICE.test(price))
    return { ok: false, reason: `price "${price}" is missing or not a decimal number` };
  // By its sign, so that -0.00 counts as negative as well.
  if (price.startsWith('-')) return { ok: false, reason: `price ${price} is negative` };
  const amount = Number(price);
  return {
    ok: true,
    event: {
      eventTime,
      eventType: type as EventType,
      productId,
      categoryId,
      categoryCode: categoryCode === '' ? null : categoryCode,
      brand: brand === '' ? null : brand,
      price: amount,
      userId,
      userSession: session,
    },
  };
}
