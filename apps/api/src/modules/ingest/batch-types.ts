import type { MetadataRecord } from '@almanac/sdk';
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
