import { open, type FileHandle } from 'node:fs/promises';

const FLUSH_AT = 1 << 20;

/**
 * Buffered line writer: callers push synchronously and await `flush` only when `full`. Text is
 * encoded straight into one reused buffer, which keeps millions of lines cheap.
 */
export class TextFileWriter {
  private buffer = Buffer.allocUnsafe(FLUSH_AT * 2);
  private offset = 0;
  bytes = 0;

  private constructor(
    private readonly handle: FileHandle,
    readonly eol: '\n' | '\r\n',
  ) {}

  static async create(path: string, eol: '\n' | '\r\n' = '\n'): Promise<TextFileWriter> {
    return new TextFileWriter(await open(path, 'w'), eol);
  }

  get full(): boolean {
    return this.offset >= FLUSH_AT;
  }

  push(line: string): void {
    this.pushRaw(line + this.eol);
  }

  /** Adds text as is, e.g. a last line cut short without its line ending. */
  pushRaw(text: string): void {
    const room = this.offset + text.length * 3;
    if (room > this.buffer.length) {
      const grown = Buffer.allocUnsafe(room * 2);
      this.buffer.copy(grown, 0, 0, this.offset);
      this.buffer = grown;
    }
    this.offset += this.buffer.write(text, this.offset, 'utf8');
  }

  async flush(): Promise<void> {
    if (this.offset === 0) return;
    await this.handle.write(this.buffer, 0, this.offset);
    this.bytes += this.offset;
    this.offset = 0;
  }

  async close(): Promise<void> {
    await this.flush();
    await this.handle.close();
  }
}

/** Quotes a CSV field when it needs it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const second = { at: Number.NaN, text: '' };

/** `2019-10-01 00:00:00 UTC`, the export's timestamp shape; cached since events share seconds. */
export function formatTimestamp(time: number): string {
  if (time !== second.at) {
    second.at = time;
    second.text = `${new Date(time).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  }
  return second.text;
}

export function formatDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}
