import { validRecords } from '../test/fixtures.js';
import { contentHash } from './hash.js';
import { parseRecordLine, serializeRecords, splitLines, type SplitLine } from './ndjson.js';
import { type MetadataRecordInput } from './records.js';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function* chunksOf(
  ...chunks: (string | Buffer | Uint8Array)[]
): AsyncGenerator<string | Buffer | Uint8Array> {
  for (const chunk of chunks) yield await Promise.resolve(chunk);
}

function split(
  chunks: (string | Buffer | Uint8Array)[],
  maxLineBytes = 1024,
): Promise<SplitLine[]> {
  return collect(splitLines(chunksOf(...chunks), { maxLineBytes }));
}

function bytewise(text: string): Buffer[] {
  return [...Buffer.from(text, 'utf8')].map((byte) => Buffer.from([byte]));
}

describe('parseRecordLine', () => {
  it('parses a valid record', () => {
    const result = parseRecordLine(JSON.stringify(validRecords.database), 3);
    expect(result).toEqual({
      ok: true,
      line: 3,
      record: { kind: 'database', fqn: 'pg.shop' },
      key: 'pg.shop',
      hash: contentHash(validRecords.database),
    });
  });

  it('reports invalid JSON', () => {
    const result = parseRecordLine('{"kind": "table",', 7);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.line).toBe(7);
    expect(!result.ok && result.reason).toMatch(/^invalid JSON: .+/);
  });

  it('reports an unknown kind with the expected ones', () => {
    const result = parseRecordLine('{"kind":"foo"}', 1);
    expect(!result.ok && result.reason).toMatch(
      /^unknown record kind "foo" \(expected one of service, database, .*, test_result\)$/,
    );
  });

  it('formats schema issues as path: message', () => {
    const table = {
      kind: 'table',
      fqn: 'pg.shop.public.orders',
      columns: [
        { name: 'a', dataType: 'int' },
        { name: 'b', dataType: 'int' },
        { name: 'c', dataType: 5 },
      ],
      extra: true,
    };
    expect(parseRecordLine(JSON.stringify(table), 12)).toEqual({
      ok: false,
      line: 12,
      key: 'pg.shop.public.orders',
      reason:
        'columns.2.dataType: Invalid input: expected string, received number; Unrecognized key: "extra"',
    });
  });
});

describe('serializeRecords', () => {
  it('writes one JSON document per line from a sync iterable', async () => {
    const lines = await collect(serializeRecords([validRecords.domain, validRecords.team]));
    expect(lines).toEqual([
      '{"kind":"domain","fqn":"Sales"}\n',
      '{"kind":"team","fqn":"data","parentTeam":"engineering"}\n',
    ]);
  });

  it('consumes async iterables lazily', async () => {
    let produced = 0;
    async function* records(): AsyncGenerator<MetadataRecordInput> {
      for (let i = 0; i < 3; i += 1) {
        produced += 1;
        yield await Promise.resolve({ kind: 'domain' as const, fqn: `d${i}` });
      }
    }
    const iterator = serializeRecords(records());
    expect(await iterator.next()).toEqual({ done: false, value: '{"kind":"domain","fqn":"d0"}\n' });
    expect(produced).toBe(1);
    expect((await collect(iterator)).length).toBe(2);
  });

  it('round-trips through splitLines and parseRecordLine', async () => {
    const records = Object.values(validRecords);
    const lines = await collect(splitLines(serializeRecords(records), { maxLineBytes: 10_000 }));
    const parsed = lines.map((item) =>
      'line' in item ? parseRecordLine(item.line, item.lineNumber) : null,
    );
    expect(parsed.map((result) => result?.ok)).toEqual(records.map(() => true));
    expect(parsed.map((result) => (result?.ok ? result.hash : null))).toEqual(
      records.map((record) => contentHash(record)),
    );
  });
});

describe('splitLines', () => {
  it('splits on \\n and \\r\\n and keeps a last line without newline', async () => {
    expect(await split(['one\ntwo\r\nthr', 'ee\r\nfour'])).toEqual([
      { line: 'one', lineNumber: 1 },
      { line: 'two', lineNumber: 2 },
      { line: 'three', lineNumber: 3 },
      { line: 'four', lineNumber: 4 },
    ]);
  });

  it('handles \\r\\n split across chunks', async () => {
    expect(await split(['a\r', '\nb\r', '\n'])).toEqual([
      { line: 'a', lineNumber: 1 },
      { line: 'b', lineNumber: 2 },
    ]);
  });

  it('skips blank lines but counts them', async () => {
    expect(await split(['\n\na\n  \r\n\t\nb\n\n'])).toEqual([
      { line: 'a', lineNumber: 3 },
      { line: 'b', lineNumber: 6 },
    ]);
  });

  it('yields nothing for empty input', async () => {
    expect(await split([])).toEqual([]);
    expect(await split(['', '\n'])).toEqual([]);
  });

  it('decodes multi-byte characters split across chunks', async () => {
    const text = 'Ünïcödé 😀 中文\n{"x":"👩‍💻"}';
    expect(await split(bytewise(text))).toEqual([
      { line: 'Ünïcödé 😀 中文', lineNumber: 1 },
      { line: '{"x":"👩‍💻"}', lineNumber: 2 },
    ]);
  });

  it('accepts Uint8Array chunks and strips a byte order mark', async () => {
    const bytes = new TextEncoder().encode('\uFEFFfirst\nsecond\n');
    expect(await split([bytes.subarray(0, 4), bytes.subarray(4)])).toEqual([
      { line: 'first', lineNumber: 1 },
      { line: 'second', lineNumber: 2 },
    ]);
  });

  it('reports lines over maxLineBytes in bytes and carries on', async () => {
    const long = 'é'.repeat(30);
    expect(await split(['short\n', long.slice(0, 10), long.slice(10), '\nafter\n'], 20)).toEqual([
      { line: 'short', lineNumber: 1 },
      { tooLong: true, lineNumber: 2, bytes: 60 },
      { line: 'after', lineNumber: 3 },
    ]);
  });

  it('does not count the \\r of \\r\\n against the limit', async () => {
    expect(await split(['abcde\r\nabcdef\r\nabcdefg'], 6)).toEqual([
      { line: 'abcde', lineNumber: 1 },
      { line: 'abcdef', lineNumber: 2 },
      { tooLong: true, lineNumber: 3, bytes: 7 },
    ]);
  });

  it('reports a too long last line without newline', async () => {
    expect(await split(['ok\n', 'x'.repeat(9)], 8)).toEqual([
      { line: 'ok', lineNumber: 1 },
      { tooLong: true, lineNumber: 2, bytes: 9 },
    ]);
  });

  it('streams: lines come out before the input ends', async () => {
    let chunksRead = 0;
    async function* endless(): AsyncGenerator<string> {
      for (;;) {
        chunksRead += 1;
        yield await Promise.resolve(`{"n":${chunksRead}}\n`);
      }
    }
    const seen: number[] = [];
    for await (const item of splitLines(endless(), { maxLineBytes: 100 })) {
      seen.push(item.lineNumber);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(chunksRead).toBe(3);
  });

  it('reports an oversized line spread over many chunks', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    async function* huge(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 160; i += 1) yield await Promise.resolve(chunk);
      yield await Promise.resolve(Buffer.from('\n{"small":true}\n'));
    }
    const lines = await collect(splitLines(huge(), { maxLineBytes: 1024 }));
    expect(lines).toEqual([
      { tooLong: true, lineNumber: 1, bytes: 160 * 64 * 1024 },
      { line: '{"small":true}', lineNumber: 2 },
    ]);
  });
});
