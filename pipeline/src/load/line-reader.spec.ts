import { Readable } from 'node:stream';
import { LineReader, MAX_LINE_CHARS, type LineBatch } from './line-reader.js';

async function readAll(
  chunks: (string | Buffer)[],
): Promise<{ header: string | null; batches: LineBatch[] }> {
  const reader = new LineReader(
    Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))),
  );
  const head = await reader.header();
  const batches = head ? [head.rest] : [];
  for await (const batch of reader.batches()) batches.push(batch);
  return { header: head?.line ?? null, batches };
}

describe('LineReader', () => {
  it('splits CRLF and LF lines, drops a byte-order mark, flags an unterminated last line', async () => {
    const { header, batches } = await readAll(['\uFEFFh1,h2\r\na,b\r', '\nc,d\ne,']);
    expect(header).toBe('h1,h2');
    expect(batches.flatMap((b) => b.lines)).toEqual(['a,b', 'c,d', 'e,']);
    expect(batches[batches.length - 1]).toEqual({ lines: ['e,'], lastUnterminated: true });
    expect(batches.slice(0, -1).every((b) => !b.lastUnterminated)).toBe(true);
  });

  it('keeps a multi-byte character split between chunks', async () => {
    const bytes = Buffer.from('h\nbrand é\n');
    const cut = bytes.indexOf(0xc3) + 1;
    const { batches } = await readAll([bytes.subarray(0, cut), bytes.subarray(cut)]);
    expect(batches.flatMap((b) => b.lines)).toEqual(['brand é']);
  });

  it('returns no header for an empty input', async () => {
    expect((await readAll([])).header).toBeNull();
  });

  it('refuses a line too long to be CSV', async () => {
    await expect(readAll(['h\n', 'x'.repeat(MAX_LINE_CHARS + 1)])).rejects.toThrow(/longer than/);
  });
});
