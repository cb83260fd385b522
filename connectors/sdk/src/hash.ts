import { createHash } from 'node:crypto';
import { metadataRecordSchema, type MetadataRecord, type MetadataRecordInput } from './records.js';

/**
 * Canonical JSON text of a value: object keys sorted recursively, `undefined` properties dropped,
 * array order kept. Equal data gives equal text whatever the key order.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    // JSON.stringify returns undefined for undefined, functions and symbols; arrays hold them as null.
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  }
  const source = value as Record<string, unknown>;
  const entries = Object.keys(source)
    .sort()
    .filter((key) => source[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(source[key])}`);
  return `{${entries.join(',')}}`;
}

/** sha256 hex of the canonical JSON of an already parsed record. */
export function hashParsedRecord(record: MetadataRecord): string {
  return createHash('sha256').update(canonicalJson(record)).digest('hex');
}

/**
 * sha256 hex of the canonical JSON of a record after schema parsing, so defaults are applied and
 * FQNs are canonical: a record and its explicit-defaults twin hash the same.
 *
 * @throws ZodError if the record is invalid.
 */
export function contentHash(record: MetadataRecordInput): string {
  return hashParsedRecord(metadataRecordSchema.parse(record));
}
