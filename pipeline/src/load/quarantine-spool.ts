import { createReadStream } from 'node:fs';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyText } from './copy-text.js';

const SPILL_AT = 8 << 20;

/**
 * Refused lines of one file, held until the data COPY is done (a connection runs one COPY at a
 * time): in memory, spilled to a temporary file past 8 MB so that a file of garbage cannot
 * exhaust memory.
 */
export class QuarantineSpool {
  private parts: string[] = [];
  private size = 0;
  private spillDir: string | null = null;
  private readonly prefix: string;
  count = 0;

  constructor(source: string, file: string) {
    this.prefix = `${copyText(source)}\t${copyText(file)}\t`;
  }

  add(lineNumber: number, rawText: string, reason: string): void {
    // PostgreSQL text cannot hold NUL; everything else is kept verbatim.
    const raw = copyText(rawText.replaceAll('\u0000', '\uFFFD'));
    const row = `${this.prefix}${lineNumber}\t${raw}\t${copyText(reason)}\n`;
    this.parts.push(row);
    this.size += row.length;
    this.count += 1;
  }

  get full(): boolean {
    return this.size >= SPILL_AT;
  }

  async spill(): Promise<void> {
    if (this.parts.length === 0) return;
    this.spillDir ??= await mkdtemp(join(tmpdir(), 'almanac-quarantine-'));
    await appendFile(join(this.spillDir, 'rows.copy'), this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }

  /** COPYs the refused lines into raw.quarantine; returns how many rows PostgreSQL took. */
  async copyInto(client: pg.PoolClient): Promise<number> {
    if (this.count === 0) return 0;
    const copy = client.query(
      copyFrom('COPY raw.quarantine (source, file, line_number, raw_text, reason) FROM STDIN'),
    );
    await pipeline(this.chunks(), copy);
    return copy.rowCount;
  }

  async dispose(): Promise<void> {
    if (this.spillDir) await rm(this.spillDir, { recursive: true, force: true });
    this.spillDir = null;
  }

  private async *chunks(): AsyncGenerator<Buffer | string> {
    if (this.spillDir) yield* createReadStream(join(this.spillDir, 'rows.copy'));
    if (this.parts.length > 0) yield this.parts.join('');
  }
}
