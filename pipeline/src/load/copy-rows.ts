import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { copyText } from './copy-text.js';
import type { LineBatch, LineReader } from './line-reader.js';
import type { QuarantineSpool } from './quarantine-spool.js';
import { copyColumns, type CopyRow, type SourceFormat } from './source-formats.js';

const CHUNK_CHARS = 256 * 1024;

export interface CopyCounts {
  rowsRead: number;
  /** Rows handed to COPY (PostgreSQL's own count is checked against it). */
  rowsAccepted: number;
}

/** Line-level faults first: PostgreSQL text cannot hold NUL, and U+FFFD means the bytes were not UTF-8. */
function lineToCopy(format: SourceFormat, line: string): CopyRow {
  if (line === '') return { ok: false, reason: 'empty line' };
  if (line.includes('\u0000')) return { ok: false, reason: 'line contains NUL bytes' };
  if (line.includes('\uFFFD'))
    return { ok: false, reason: 'line is not valid UTF-8 (or holds U+FFFD)' };
  return format.toCopy(line);
}

async function* rows(
  format: SourceFormat,
  file: string,
  batches: AsyncIterable<LineBatch>,
  spool: QuarantineSpool,
  counts: CopyCounts,
): AsyncGenerator<string> {
  const lineage = `\t${copyText(file)}\t`;
  let lineNumber = 1;
  let chunk = '';
  for await (const { lines, lastUnterminated } of batches) {
    for (let i = 0; i < lines.length; i += 1) {
      const line = lines[i] ?? '';
      lineNumber += 1;
      counts.rowsRead += 1;
      const row = lineToCopy(format, line);
      if (row.ok) {
        chunk += `${row.values}${lineage}${lineNumber}\n`;
        counts.rowsAccepted += 1;
      } else {
        const cut = lastUnterminated && i === lines.length - 1;
        spool.add(
          lineNumber,
          line,
          cut ? `truncated last line (no line ending): ${row.reason}` : row.reason,
        );
      }
    }
    if (spool.full) await spool.spill();
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

async function* chain(first: LineBatch, rest: AsyncIterable<LineBatch>): AsyncGenerator<LineBatch> {
  yield first;
  yield* rest;
}

/**
 * Streams the data lines after the header into the source's raw table with one COPY, setting
 * refused lines aside in the spool. Returns PostgreSQL's row count.
 */
export async function copyDataLines(
  client: pg.PoolClient,
  format: SourceFormat,
  file: string,
  lines: { reader: LineReader; afterHeader: LineBatch },
  spool: QuarantineSpool,
  counts: CopyCounts,
): Promise<number> {
  const table = `${format.table.schema}.${format.table.name}`;
  const copy = client.query(
    copyFrom(`COPY ${table} (${copyColumns(format.table).join(', ')}) FROM STDIN`),
  );
  const batches = chain(lines.afterHeader, lines.reader.batches());
  await pipeline(rows(format, file, batches, spool, counts), copy);
  return copy.rowCount;
}
