import { recordKey, validateRecord, type MetadataRecordInput } from '@almanac/sdk';
import type { ParsedLine } from './batch-types.js';
import { planGroup, type GroupPart } from './group-plan.js';

function part(actor: string, records: MetadataRecordInput[]): GroupPart {
  const lines = records.map((record, i): ParsedLine => {
    const result = validateRecord(record);
    if (!result.ok) throw new Error(result.reason);
    return { line: i + 1, record: result.record, hash: result.hash, key: result.key };
  });
  return { actor, lines };
}

const service: MetadataRecordInput = { kind: 'service', fqn: 'wh', serviceType: 'Postgres' };
const database: MetadataRecordInput = { kind: 'database', fqn: 'wh.db' };
const schema: MetadataRecordInput = { kind: 'schema', fqn: 'wh.db.public' };
const table = (name: string, description?: string): MetadataRecordInput => ({
  kind: 'table',
  fqn: `wh.db.public.${name}`,
  columns: [{ name: 'id', dataType: 'bigint' }],
  ...(description ? { description } : {}),
});

/** Each chunk as `part:line` of the records it writes. */
function written(parts: GroupPart[]): string[][] {
  const plan = planGroup(parts);
  return plan.chunks.map((chunk) =>
    chunk.lines.map((item) => {
      const ref = plan.origin.get(item.line)!;
      return `${ref.part}:${ref.line}`;
    }),
  );
}

describe('planGroup', () => {
  it('writes a record several parts send identically once, numbering lines group-wide', () => {
    const parts = [
      part('bot', [service, database, schema, table('a')]),
      part('bot', [service, database, schema, table('b')]),
    ];
    const plan = planGroup(parts);

    expect(written(parts)).toEqual([['0:1', '0:2', '0:3', '0:4', '1:4']]);
    expect(plan.chunks[0].lines.map((item) => item.line)).toEqual([1, 2, 3, 4, 5]);
    expect(plan.duplicates).toEqual([
      { ref: { part: 1, line: 1, key: 'wh' }, sameAs: 1 },
      { ref: { part: 1, line: 2, key: 'wh.db' }, sameAs: 2 },
      { ref: { part: 1, line: 3, key: 'wh.db.public' }, sameAs: 3 },
    ]);
    expect(plan.chunks[0].parts).toEqual([0, 1]);
  });

  it('writes another version of a record in a later chunk, so the later part wins', () => {
    const parts = [
      part('bot', [schema, table('a', 'first')]),
      part('bot', [table('b')]),
      part('bot', [schema, table('a', 'second')]),
      part('bot', [table('c')]),
    ];
    const plan = planGroup(parts);

    expect(written(parts)).toEqual([
      ['0:1', '0:2', '1:1'],
      ['2:1', '2:2', '3:1'],
    ]);
    expect(plan.chunks.map((chunk) => chunk.parts)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(plan.duplicates).toEqual([]);
    const versions = plan.chunks.flatMap((chunk) =>
      chunk.lines.filter((item) => item.key === 'wh.db.public.a'),
    );
    expect(
      versions.map((item) => ('description' in item.record ? item.record.description : null)),
    ).toEqual(['first', 'second']);
  });

  it('starts a chunk when the actor changes, as each write names its actor', () => {
    const plan = planGroup([part('bot-a', [table('a')]), part('bot-b', [table('b')])]);
    expect(plan.chunks.map((chunk) => [chunk.actor, chunk.parts])).toEqual([
      ['bot-a', [0]],
      ['bot-b', [1]],
    ]);
  });

  it('keeps a record one part repeats, as a single run would, and a part without records', () => {
    const parts = [part('bot', [table('a', 'one'), table('a', 'two')]), part('bot', [])];
    const plan = planGroup(parts);
    expect(written(parts)).toEqual([['0:1', '0:2']]);
    expect(plan.chunks[0].parts).toEqual([0, 1]);
  });

  it('tells relation records apart by their key', () => {
    const edge = (to: string): MetadataRecordInput => ({
      kind: 'lineage_edge',
      from: 'wh.db.public.a',
      to,
      source: 'openlineage',
    });
    const parts = [
      part('bot', [edge('wh.db.public.b')]),
      part('bot', [edge('wh.db.public.b'), edge('wh.db.public.c')]),
    ];
    const plan = planGroup(parts);
    expect(written(parts)).toEqual([['0:1', '1:2']]);
    expect(plan.duplicates.map((d) => d.ref.key)).toEqual([recordKey(edge('wh.db.public.b'))]);
  });
});
