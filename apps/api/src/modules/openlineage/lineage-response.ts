import { recordKey, type IngestSummary, type MetadataRecordInput } from '@almanac/sdk';
import type { OpenLineageEvent } from '@almanac/connector-openlineage';

/** A catalog record of the event that was not written, and why. */
export interface RejectedRecord {
  kind: string;
  key: string;
  reason: string;
}

/** The answer of `POST /api/v1/lineage`: what the event became in the catalog. */
export interface LineageResponse {
  eventType: string;
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: RejectedRecord[];
  notes: string[];
}

function eventTypeOf(parsed: OpenLineageEvent): string {
  if (parsed.type === 'run') return parsed.event.eventType ?? 'RunEvent';
  return parsed.type === 'dataset' ? 'DatasetEvent' : 'JobEvent';
}

/** Names rejected records by kind and key: the NDJSON lines they travelled on mean nothing here. */
export function lineageResponse(
  parsed: OpenLineageEvent,
  records: readonly MetadataRecordInput[],
  summary: IngestSummary,
  mappingNotes: readonly string[],
): LineageResponse {
  const errors = summary.errors.map((error) => {
    const record = records[error.line - 1];
    return {
      kind: record?.kind ?? 'unknown',
      key: error.key ?? (record ? recordKey(record) : `record ${error.line}`),
      reason: error.reason,
    };
  });
  return {
    eventType: eventTypeOf(parsed),
    records: records.length,
    created: summary.created,
    updated: summary.updated,
    unchanged: summary.unchanged,
    rejected: summary.rejected,
    errors,
    notes: [...mappingNotes, ...summary.notes],
  };
}
