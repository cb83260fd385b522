import { validateRecord, type MetadataRecord, type RecordOfKind } from '@almanac/sdk';
import type { PostgresSource } from '../../src/index.js';

/** Runs the source and parses every record, failing on the first invalid one. */
export async function parsedRecords(source: PostgresSource): Promise<MetadataRecord[]> {
  const records: MetadataRecord[] = [];
  for await (const record of source.records()) {
    const result = validateRecord(record);
    if (!result.ok) throw new Error(`invalid record ${JSON.stringify(record)}: ${result.reason}`);
    records.push(result.record);
  }
  return records;
}

/** The records of one kind. */
export function ofKind<K extends MetadataRecord['kind']>(
  records: readonly MetadataRecord[],
  kind: K,
): RecordOfKind<K>[] {
  return records.filter((record): record is RecordOfKind<K> => record.kind === kind);
}

/** The table record with this FQN; throws when there is none. */
export function tableNamed(records: readonly MetadataRecord[], fqn: string): RecordOfKind<'table'> {
  const table = ofKind(records, 'table').find((record) => record.fqn === fqn);
  if (table === undefined) throw new Error(`no table record ${fqn}`);
  return table;
}
