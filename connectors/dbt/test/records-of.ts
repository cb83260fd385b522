import {
  validateRecord,
  type MetadataRecord,
  type RecordKind,
  type RecordOfKind,
} from '@almanac/sdk';
import type { DbtSource } from '../src/index.js';

/** Reads every record of a source, validating each one; throws on the first invalid record. */
export async function validatedRecords(source: DbtSource): Promise<MetadataRecord[]> {
  const records: MetadataRecord[] = [];
  for await (const record of source.records()) {
    const validation = validateRecord(record);
    if (!validation.ok) {
      throw new Error(`invalid ${record.kind} record: ${validation.reason}`);
    }
    records.push(validation.record);
  }
  return records;
}

export function ofKind<K extends RecordKind>(
  records: readonly MetadataRecord[],
  kind: K,
): RecordOfKind<K>[] {
  return records.filter((record): record is RecordOfKind<K> => record.kind === kind);
}
