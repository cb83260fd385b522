/**
 * How much of a table's data the catalog keeps. Samples exist to classify columns, and every value
 * kept is a copy of possibly personal data, so the caps are deliberately small and fixed: a client
 * that sends more is told so (400) rather than silently cut.
 */
export const SAMPLE_LIMITS = {
  /** Values per column; `almanac ingest postgres --sample-rows` may not ask for more. */
  maxValuesPerColumn: 100,
  /** UTF-16 code units per value, the ellipsis included; longer values are cut and counted. */
  maxValueLength: 256,
  /** Tables per `POST /api/v1/samples` request. */
  maxTablesPerRequest: 100,
  /** Columns per table (PostgreSQL's own limit). */
  maxColumnsPerTable: 1600,
} as const;

const ELLIPSIS = '…';

/**
 * Cuts a value to {@link SAMPLE_LIMITS.maxValueLength}, ending it with `…` so a reader knows it was
 * cut. Idempotent: a cut value is short enough to pass unchanged, so client and server may both cut.
 */
export function truncateSampleValue(value: string): { value: string; truncated: boolean } {
  const max = SAMPLE_LIMITS.maxValueLength;
  if (value.length <= max) return { value, truncated: false };
  let end = max - ELLIPSIS.length;
  // Never split a surrogate pair: half an emoji is not text.
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return { value: value.slice(0, end) + ELLIPSIS, truncated: true };
}
