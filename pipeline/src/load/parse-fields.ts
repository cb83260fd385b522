import { splitCsvLine } from '../event-row.js';
import { FieldError } from './field-checks.js';

export type ParsedRow<T> = { ok: true; row: T } | { ok: false; reason: string };

/**
 * Splits a line into exactly `header.length` fields and builds a row from them by column name; a wrong field
 * count or a failed field check becomes a refusal with its reason, as in parseEventRow.
 */
export function parseFields<H extends readonly string[], T>(
  line: string,
  header: H,
  build: (values: Record<H[number], string>) => T,
): ParsedRow<T> {
  const fields = splitCsvLine(line.replace(/\r$/, ''));
  if (fields.length !== header.length)
    return { ok: false, reason: `expected ${header.length} fields, found ${fields.length}` };
  const values = Object.fromEntries(header.map((name, i) => [name, fields[i]])) as Record<
    H[number],
    string
  >;
  try {
    return { ok: true, row: build(values) };
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** Compares a header line with the expected columns, like event-row's checkHeader. */
export function checkCsvHeader(line: string, expected: readonly string[]): string | null {
  const header = splitCsvLine(line.replace(/^\uFEFF/, '').trimEnd()).join(',');
  return header === expected.join(',')
    ? null
    : `wrong header "${header}": expected "${expected.join(',')}"`;
}
