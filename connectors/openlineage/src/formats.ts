import { z } from 'zod';

/*
 * The string formats of the OpenLineage JSON Schema, checked the way the reference validator
 * (ajv-formats, full mode) checks them, so an event is accepted here exactly when it is accepted
 * there.
 */

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DATE = /^(\d{4})-(\d\d)-(\d\d)$/;
const TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$/i;

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function isFullDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const lastDay = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month];
  return month >= 1 && month <= 12 && day >= 1 && day <= (lastDay ?? 0);
}

function isLeapSecond(hour: number, minute: number, offsetHours: number, offsetMinutes: number) {
  const utcMinute = minute - offsetMinutes;
  const utcHour = hour - offsetHours - (utcMinute < 0 ? 1 : 0);
  return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1);
}

/** RFC 3339 `full-time`: the UTC offset is required. */
function isFullTime(text: string): boolean {
  const match = TIME.exec(text);
  if (!match?.[4]) return false;
  const [hour, minute, second] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const sign = match[5] === '-' ? -1 : 1;
  const offsetHours = Number(match[6] ?? 0);
  const offsetMinutes = Number(match[7] ?? 0);
  if (offsetHours > 23 || offsetMinutes > 59) return false;
  if (hour <= 23 && minute <= 59 && second < 60) return true;
  return second < 61 && isLeapSecond(hour, minute, offsetHours * sign, offsetMinutes * sign);
}

/** Whether `text` is an RFC 3339 date-time with a UTC offset (`2024-01-01T10:00:00Z`). */
export function isDateTime(text: string): boolean {
  const parts = text.split(/t|\s/i);
  return parts.length === 2 && isFullDate(parts[0] ?? '') && isFullTime(parts[1] ?? '');
}

const PCT = '%[0-9a-f]{2}';
const UNRESERVED_SUB = "a-z0-9\\-._~!$&'()*+,;=";
const PCHAR = `(?:[${UNRESERVED_SUB}:@]|${PCT})`;
const SEGMENTS = `(?:\\/${PCHAR}*)*`;
const USERINFO = `(?:(?:[${UNRESERVED_SUB}:]|${PCT})*@)?`;
const IP_LITERAL = `\\[(?:[0-9a-f:.]+|v[0-9a-f]+\\.[${UNRESERVED_SUB}:]+)\\]`;
const REG_NAME = `(?:[${UNRESERVED_SUB}]|${PCT})*`;
const AUTHORITY = `${USERINFO}(?:${IP_LITERAL}|${REG_NAME})(?::\\d*)?`;
const HIER_PART = `(?:\\/?\\/${AUTHORITY}${SEGMENTS}|\\/(?:${PCHAR}+${SEGMENTS})?|${PCHAR}+${SEGMENTS})`;
const QUERY_OR_FRAGMENT = `(?:[${UNRESERVED_SUB}:@/?]|${PCT})*`;
const URI = new RegExp(
  `^[a-z][a-z0-9+\\-.]*:${HIER_PART}(?:\\?${QUERY_OR_FRAGMENT})?(?:#${QUERY_OR_FRAGMENT})?$`,
  'i',
);

/** Whether `text` is an absolute RFC 3986 URI (a scheme is required). */
export function isUri(text: string): boolean {
  return URI.test(text);
}

const UUID = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

/** Whether `text` is a UUID in its hex-and-dashes form (any version). */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}

/** A string in RFC 3339 date-time format with a UTC offset. */
export const dateTimeSchema = z
  .string()
  .refine(isDateTime, 'must be an RFC 3339 date-time with a UTC offset, e.g. 2024-01-01T10:00:00Z');

/** A string in absolute URI format. */
export const uriSchema = z.string().refine(isUri, 'must be an absolute URI with a scheme');

/** A string in UUID format. */
export const uuidSchema = z.string().refine(isUuid, 'must be a UUID');
