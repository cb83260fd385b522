import { recordKey, type MetadataRecordInput, type RecordKind } from '@almanac/sdk';

/** Parents before children, entities before the relations that point at them. */
const EMIT_ORDER: readonly RecordKind[] = [
  'service',
  'database',
  'schema',
  'classification',
  'tag',
  'table',
  'pipeline',
  'test_case',
  'lineage_edge',
  'tag_label',
  'ownership',
  'test_result',
];

/**
 * Records of one event, one per identity: the catalog rejects a batch that reports the same
 * record twice, so the first report of a record wins.
 */
export class RecordSet {
  private readonly byKey = new Map<string, MetadataRecordInput>();
  readonly notes: string[] = [];

  add(record: MetadataRecordInput): void {
    const key = `${record.kind}:${recordKey(record)}`;
    if (!this.byKey.has(key)) this.byKey.set(key, record);
  }

  note(message: string): void {
    this.notes.push(message);
  }

  /** The records in an order the catalog can write them in, insertion order within a kind. */
  records(): MetadataRecordInput[] {
    const all = [...this.byKey.values()];
    return EMIT_ORDER.flatMap((kind) => all.filter((record) => record.kind === kind));
  }
}
