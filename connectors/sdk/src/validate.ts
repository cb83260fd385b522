import { type z } from 'zod';
import { hashParsedRecord } from './hash.js';
import {
  RECORD_KINDS,
  RECORD_SCHEMAS,
  isEntityKind,
  isRecordKind,
  recordKey,
  type MetadataRecord,
  type EntityKind,
  type MetadataRecordInput,
  type RecordKind,
} from './records.js';

/** Outcome of validating one record. */
export type RecordValidation =
  | { ok: true; record: MetadataRecord; key: string; hash: string }
  | { ok: false; key?: string; reason: string };

/**
 * Formats zod issues as `path.to.field: message`, joined by `; `. Issues on the value itself
 * (such as unknown keys of a record) have no path prefix.
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.map((segment) => String(segment)).join('.');
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function stringAt(value: Record<string, unknown>, ...path: string[]): string | undefined {
  let current: unknown = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return typeof current === 'string' ? current : undefined;
}

const KEY_PATHS: Record<Exclude<RecordKind, EntityKind>, string[][]> = {
  lineage_edge: [['from'], ['to']],
  tag_label: [['target'], ['tag', 'tagFqn']],
  glossary_link: [['target'], ['term']],
  ownership: [['target']],
  test_result: [['testCase'], ['timestamp']],
};

// Lets the server report which record was rejected even when the record is invalid.
function bestEffortKey(kind: RecordKind, value: Record<string, unknown>): string | undefined {
  const paths = isEntityKind(kind) ? [['fqn']] : KEY_PATHS[kind];
  if (paths.some((path) => stringAt(value, ...path) === undefined)) return undefined;
  if (kind === 'lineage_edge' && value.pipeline !== undefined && !stringAt(value, 'pipeline')) {
    return undefined;
  }
  return recordKey(value as MetadataRecordInput);
}

/**
 * Validates a decoded JSON value as a metadata record. On success returns the parsed record
 * (defaults applied, FQNs canonical) with its {@link recordKey} and content hash; on failure a
 * readable reason and, when the identifying fields are readable, the record key.
 */
export function validateRecord(value: unknown): RecordValidation {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, reason: `expected a JSON object, got ${describeType(value)}` };
  }
  const object = value as Record<string, unknown>;
  const kind = object.kind;
  if (!isRecordKind(kind)) {
    const expected = `(expected one of ${RECORD_KINDS.join(', ')})`;
    const reason =
      kind === undefined
        ? `missing record kind ${expected}`
        : `unknown record kind ${JSON.stringify(kind)} ${expected}`;
    return { ok: false, reason };
  }
  const parsed = RECORD_SCHEMAS[kind].safeParse(object);
  if (!parsed.success) {
    const key = bestEffortKey(kind, object);
    const reason = formatIssues(parsed.error.issues);
    return key === undefined ? { ok: false, reason } : { ok: false, key, reason };
  }
  const record = parsed.data;
  return { ok: true, record, key: recordKey(record), hash: hashParsedRecord(record) };
}
