import { isIP } from 'node:net';

/** Thrown by the checks below; row parsers turn it into a refusal with its message as reason. */
export class FieldError extends Error {}

const DIGITS = /^\d+$/;
const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC$/;
const BIGINT_MAX = '9223372036854775807';
/** numeric(12,2) holds up to 9,999,999,999.99 (rounded to cents). */
const MONEY_LIMIT = 9_999_999_999.995;

export function optional(value: string): string | null {
  return value === '' ? null : value;
}

export function required(name: string, value: string): string {
  if (value === '') throw new FieldError(`${name} is missing`);
  return value;
}

/** Whether digits fit a PostgreSQL bigint. */
export function fitsBigint(digits: string): boolean {
  const significant = digits.replace(/^0+(?=\d)/, '');
  return (
    significant.length < BIGINT_MAX.length ||
    (significant.length === BIGINT_MAX.length && significant <= BIGINT_MAX)
  );
}

/** A non-negative whole number that fits a bigint (ids), kept as text. */
export function bigintId(name: string, value: string): string {
  if (!DIGITS.test(value)) throw new FieldError(`${name} "${value}" is not a whole number`);
  if (!fitsBigint(value)) throw new FieldError(`${name} ${value} is too large for a bigint`);
  return value;
}

/** A 19-digit category id; numeric(20,0) takes up to 20 digits. */
export function categoryId(name: string, value: string): string {
  if (!DIGITS.test(value)) throw new FieldError(`${name} "${value}" is not a whole number`);
  if (value.replace(/^0+(?=\d)/, '').length > 20)
    throw new FieldError(`${name} ${value} has more than 20 digits`);
  return value;
}

/** A non-negative amount of money that fits numeric(12,2). */
export function money(name: string, value: string): string {
  if (!DECIMAL.test(value)) throw new FieldError(`${name} "${value}" is not a decimal number`);
  const amount = Number(value);
  // By its sign, so that -0.00 counts as negative as well.
  if (value.startsWith('-')) throw new FieldError(`${name} ${value} is negative`);
  if (amount >= MONEY_LIMIT) throw new FieldError(`${name} ${value} is too large`);
  return value;
}

export function integer(name: string, value: string): number {
  const number = Number(value);
  if (!INTEGER.test(value) || number < -2_147_483_648 || number > 2_147_483_647)
    throw new FieldError(`${name} "${value}" is not a whole number (32-bit)`);
  return number;
}

/** A calendar date `YYYY-MM-DD` that exists (no 30 February) and PostgreSQL accepts (year ≥ 1). */
export function isoDate(name: string, value: string): string {
  const match = DATE.exec(value);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [];
  const date = new Date(0);
  if (year !== undefined && month !== undefined && day !== undefined)
    date.setUTCFullYear(year, month - 1, day);
  const real =
    year !== undefined &&
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === (month ?? 0) - 1 &&
    date.getUTCDate() === day;
  if (!real) throw new FieldError(`${name} "${value}" is not a date like 2019-10-01`);
  return value;
}

/** Like the export's event_time: `2019-10-01 00:00:00 UTC`. */
export function utcTimestamp(name: string, value: string): Date {
  const match = TIMESTAMP.exec(value);
  const date = match ? new Date(`${match[1]}T${match[2]}Z`) : new Date(Number.NaN);
  if (!match || !sameTimestamp(date, value))
    throw new FieldError(`${name} "${value}" is not like 2019-10-01 00:00:00 UTC`);
  return date;
}

/**
 * Whether a parsed date still says what the text said: JavaScript rolls 2019-02-30 over to
 * 2 March and accepts year 0, both of which PostgreSQL refuses.
 */
export function sameTimestamp(date: Date, text: string): boolean {
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1) return false;
  const iso = date.toISOString();
  return text === `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export function ipAddress(name: string, value: string): string {
  // Zone ids (fe80::1%eth0) pass Node's check but not PostgreSQL's inet.
  if (isIP(value) === 0 || value.includes('%'))
    throw new FieldError(`${name} "${value}" is not an IP address`);
  return value;
}

export function boolean(name: string, value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new FieldError(`${name} "${value}" is not true or false`);
}

export function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new FieldError(`${name} "${value}" is not one of ${allowed.join(', ')}`);
  return value as T;
}

/** Applies `check` to a value unless it is empty (then null). */
export function ifPresent<T>(value: string, check: (value: string) => T): T | null {
  return value === '' ? null : check(value);
}
