import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export interface LineBatch {
  lines: string[];
  /** True when the batch's last line is the file's last and had no line ending (cut short?). */
  lastUnterminated: boolean;
}

/** Longer than this, the input is not a line-oriented CSV file (binary, or one endless line). */
export const MAX_LINE_CHARS = 1 << 20;

/**
 * Reads a text stream as lines, in batches (one per chunk) to keep per-line overhead low. Handles
 * LF and CRLF line endings, a UTF-8 byte-order mark, and a last line without a line ending.
 */
export class LineReader {
  private readonly chunks: AsyncIterator<Buffer | string>;
  private readonly decoder = new StringDecoder('utf8');
  private carry = '';
  private first = true;
  private done = false;

  constructor(private readonly stream: Readable) {
    this.chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  }

  /** The first line (the header), or null when the input is empty. */
  async header(): Promise<{ line: string; rest: LineBatch } | null> {
    for (;;) {
      const batch = await this.next();
      if (batch === null) return null;
      const [line, ...rest] = batch.lines;
      if (line !== undefined)
        return { line, rest: { lines: rest, lastUnterminated: batch.lastUnterminated } };
    }
  }

  async *batches(): AsyncGenerator<LineBatch> {
    for (let batch = await this.next(); batch !== null; batch = await this.next()) yield batch;
  }

  /** Stops reading, e.g. after a refused header. */
  close(): void {
    this.stream.destroy();
  }

  private async next(): Promise<LineBatch | null> {
    if (this.done) return null;
    const chunk = await this.chunks.next();
    if (chunk.done) {
      this.done = true;
      const last = this.carry + this.decoder.end();
      return last === '' ? null : { lines: [this.clean(last)], lastUnterminated: true };
    }
    const text =
      this.carry +
      (typeof chunk.value === 'string' ? chunk.value : this.decoder.write(chunk.value));
    const lines = text.split('\n');
    this.carry = lines.pop() ?? '';
    if (this.carry.length > MAX_LINE_CHARS)
      throw new Error(`a line is longer than ${MAX_LINE_CHARS} characters: not a CSV file`);
    for (let i = 0; i < lines.length; i += 1) lines[i] = this.clean(lines[i] ?? '');
    return { lines, lastUnterminated: false };
  }

  private clean(line: string): string {
    let out = line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
    if (this.first) {
      this.first = false;
      if (out.charCodeAt(0) === 0xfeff) out = out.slice(1);
    }
    return out;
  }
}
