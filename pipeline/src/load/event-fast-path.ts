import { NULL } from './copy-text.js';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const TYPES = new Set(['view', 'cart', 'removefromcart', 'purchase']);
/** Characters that would need quoting in CSV or escaping in COPY text. */
const NEEDS_CARE = /["\\\t\r]/;

function digitAt(text: string, i: number): number {
  const code = text.charCodeAt(i) - 48;
  return code >= 0 && code <= 9 ? code : Number.NaN;
}

function number(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i += 1) value = value * 10 + digitAt(text, i);
  return value;
}

/** The line starts with `YYYY-MM-DD HH:MM:SS UTC` naming a real instant (no 30 February). */
function realTimestamp(t: string): boolean {
  if (t[4] !== '-' || t[7] !== '-' || t[10] !== ' ' || t[13] !== ':') return false;
  if (t[16] !== ':' || !t.startsWith(' UTC', 19)) return false;
  const year = number(t, 0, 4);
  const month = number(t, 5, 7);
  const day = number(t, 8, 10);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return (
    year >= 1 &&
    day >= 1 &&
    day <= days &&
    number(t, 11, 13) < 24 &&
    number(t, 14, 16) < 60 &&
    number(t, 17, 19) < 60
  );
}

/** Whether text[from, to) is 1 to `max` digits; that short, it fits the column unchecked. */
function digits(text: string, from: number, to: number, max: number): boolean {
  if (to <= from || to - from > max) return false;
  for (let i = from; i < to; i += 1) if (Number.isNaN(digitAt(text, i))) return false;
  return true;
}

/** A price like 35.79: up to 10 integer digits and 2 decimals, so numeric(12,2) holds it as is. */
function plainPrice(text: string, from: number, to: number): boolean {
  const dot = text.indexOf('.', from);
  if (dot === -1 || dot >= to) return digits(text, from, to, 10);
  return digits(text, from, dot, 10) && digits(text, dot + 1, to, 2);
}

function isType(text: string, from: number, to: number): boolean {
  return TYPES.has(text.slice(from, to));
}

/**
 * COPY values for an event line in the plain shape nearly every line has (no quotes, nothing to
 * escape, canonical numbers), or null to let the full parser (parseEventRow) decide. It accepts
 * only lines parseEventRow accepts too and works on offsets rather than split fields: it is
 * several times faster, which is what lets loading keep up with PostgreSQL.
 */
export function plainEventToCopy(line: string): string | null {
  if (NEEDS_CARE.test(line)) return null;
  const c = commas;
  let found = 0;
  for (let i = line.indexOf(','); i !== -1; i = line.indexOf(',', i + 1)) {
    if (found === 8) return null;
    c[found] = i;
    found += 1;
  }
  if (found !== 8) return null;
  const c0 = c[0];
  const c1 = c[1];
  const c2 = c[2];
  const c3 = c[3];
  const c4 = c[4];
  const c5 = c[5];
  const c6 = c[6];
  const c7 = c[7];
  const plain =
    c0 === 23 &&
    realTimestamp(line) &&
    isType(line, c0 + 1, c1) &&
    digits(line, c1 + 1, c2, 18) &&
    digits(line, c2 + 1, c3, 20) &&
    plainPrice(line, c5 + 1, c6) &&
    digits(line, c6 + 1, c7, 18) &&
    c7 + 1 < line.length;
  if (!plain) return null;
  const tabs = line.replaceAll(',', '\t');
  if (c4 > c3 + 1 && c5 > c4 + 1) return tabs;
  // An empty category_code or brand is NULL, not an empty string.
  return (
    tabs.slice(0, c3 + 1) +
    (c4 > c3 + 1 ? tabs.slice(c3 + 1, c4) : NULL) +
    '\t' +
    (c5 > c4 + 1 ? tabs.slice(c4 + 1, c5) : NULL) +
    tabs.slice(c5)
  );
}

const commas = new Int32Array(8);
