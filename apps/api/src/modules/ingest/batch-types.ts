import { randomUUID } from 'node:crypto';
import type { IngestMode, IngestSummary, MetadataRecord } from '@almanac/sdk';
import type { VersionRow } from './ingest.repository.js';

export interface ParsedLine<R extends MetadataRecord = MetadataRecord> {
  line: number;
  record: R;
  hash: string;
  key: string;
}

export type LineStatus = 'created' | 'updated' | 'unchanged' | 'rejected';

export interface LineOutcome {
  line: number;
  key: string;
  status: LineStatus;
  reason?: string;
}

export interface WriteContext {
  /** The ingestion source (connector) name; null for an anonymous delta run. */
  source: string | null;
  /** What tag labels written by this run are attributed to. */
  origin: string;
  actor: string;
}

export interface WriteResult {
  outcomes: LineOutcome[];
  versions: VersionRow[];
}

export function rejected(item: ParsedLine, reason: string): LineOutcome {
  return { line: item.line, key: item.key, status: 'rejected', reason };
}

/** A summary with nothing counted yet, for a new run. */
export function emptySummary(mode: IngestMode, source: string | null, received = 0): IngestSummary {
  return {
    runId: randomUUID(),
    mode,
    source,
    received,
    created: 0,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    rejected: 0,
    errors: [],
    durationMs: 0,
    notes: [],
  };
}

/** Counts one line's outcome in a run's summary; a rejection keeps its reason. */
export function countOutcome(summary: IngestSummary, outcome: LineOutcome): void {
  if (outcome.status !== 'rejected') {
    summary[outcome.status] += 1;
    return;
  }
  summary.rejected += 1;
  summary.errors.push({
    line: outcome.line,
    key: outcome.key,
    reason: outcome.reason ?? 'rejected',
  });
}
