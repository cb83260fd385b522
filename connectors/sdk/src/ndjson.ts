import { type MetadataRecord, type MetadataRecordInput } from './records.js';
import { validateRecord } from './validate.js';

/** Outcome of parsing one NDJSON line. */
export type ParsedRecordLine =
  | { ok: true; line: number; record: MetadataRecord; hash: string; key: string }
  | { ok: false; line: number; key?: string; reason: string };

/**
 * Parses and validates one NDJSON line. Never throws: failures carry the line number, the record
 * key when it could be read, and a reason such as `invalid JSON: …`,
 * `unknown record kind "foo" (expected one of …)` or `columns.2.dataType: Invalid input: …`.
 */
export function parseRecordLine(line: string, lineNumber: number): ParsedRecordLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    // JSON.parse only throws SyntaxError.
    const message = (error as SyntaxError).message;
    return { ok: false, line: lineNumber, reason: `invalid JSON: ${message}` };
  }
  return { line: lineNumber, ...validateRecord(value) };
}

/**
 * Serializes records as NDJSON: one JSON document per yielded string, each ending with `\n`.
 * Records are not validated here; the receiver does that.
 */
export async function* serializeRecords(
  records: AsyncIterable<MetadataRecordInput> | Iterable<MetadataRecordInput>,
): AsyncGenerator<string> {
  for await (const record of records) {
    yield `${JSON.stringify(record)}\n`;
  }
}

/** A line produced by {@link splitLines}. */
export type SplitLine =
  { line: string; lineNumber: number } | { tooLong: true; lineNumber: number; bytes: number };

/** Options of {@link splitLines}. */
export interface SplitLinesOptions {
  /** Longest accepted line in UTF-8 bytes, line terminator excluded. */
  readonly maxLineBytes: number;
}

const LF = 0x0a;
const CR = 0x0d;
const BOM = '\uFEFF';

function toBuffer(chunk: Buffer | Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (Buffer.isBuffer(chunk)) return chunk;
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * Splits a stream of chunks into lines without ever holding more than one line in memory.
 * Handles `\n` and `\r\n`, a last line without terminator, multi-byte UTF-8 characters split
 * across chunks and a leading byte order mark. Blank lines are skipped but still counted, so
 * line numbers (1-based) match the input. A line longer than `maxLineBytes` is discarded while
 * streaming and reported as `{ tooLong: true, lineNumber, bytes }`.
 */
export async function* splitLines(
  chunks: AsyncIterable<Buffer | Uint8Array | string>,
  options: SplitLinesOptions,
): AsyncGenerator<SplitLine> {
  const { maxLineBytes } = options;
  let parts: Buffer[] = [];
  let bytes = 0;
  let tooLong = false;
  let lastByte = -1;
  let lineNumber = 0;

  const append = (buffer: Buffer, start: number, end: number): void => {
    if (end <= start) return;
    bytes += end - start;
    lastByte = buffer[end - 1] ?? -1;
    if (tooLong) return;
    // One extra byte is tolerated while streaming: it may be the `\r` of a `\r\n`.
    if (bytes > maxLineBytes + 1) {
      tooLong = true;
      parts = [];
      return;
    }
    parts.push(buffer.subarray(start, end));
  };

  const finishLine = (): SplitLine | null => {
    lineNumber += 1;
    const length = lastByte === CR ? bytes - 1 : bytes;
    let result: SplitLine | null;
    if (tooLong || length > maxLineBytes) {
      result = { tooLong: true, lineNumber, bytes: length };
    } else {
      const [first] = parts;
      const whole = parts.length === 1 && first !== undefined ? first : Buffer.concat(parts, bytes);
      let line = whole.toString('utf8', 0, length);
      if (lineNumber === 1 && line.startsWith(BOM)) line = line.slice(BOM.length);
      result = line.trim() === '' ? null : { line, lineNumber };
    }
    parts = [];
    bytes = 0;
    tooLong = false;
    lastByte = -1;
    return result;
  };

  for await (const chunk of chunks) {
    const buffer = toBuffer(chunk);
    let start = 0;
    while (start < buffer.length) {
      const newline = buffer.indexOf(LF, start);
      if (newline === -1) {
        append(buffer, start, buffer.length);
        break;
      }
      append(buffer, start, newline);
      const line = finishLine();
      if (line !== null) yield line;
      start = newline + 1;
    }
  }
  if (bytes > 0) {
    const line = finishLine();
    if (line !== null) yield line;
  }
}
