/** Helpers for PostgreSQL's COPY text format: tab-separated, `\N` for NULL, backslash escapes. */

export const NULL = '\\N';
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function copyText(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIALS, (char) => ESCAPES[char] ?? char) : value;
}

export function copyValue(value: string | number | boolean | null): string {
  if (value === null) return NULL;
  return typeof value === 'string' ? copyText(value) : String(value);
}

/** A timestamp as PostgreSQL reads it unambiguously. */
export function copyTimestamp(value: Date | null): string {
  return value === null ? NULL : value.toISOString();
}
