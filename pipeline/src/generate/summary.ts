import type { DirtCounts } from './dirt.js';

export type ShopSource = 'events' | 'customers' | 'products' | 'inventory';

export interface GeneratedFile {
  name: string;
  path: string;
  source: ShopSource;
  /** Data lines after the header, dirty ones included. */
  rows: number;
  bytes: number;
  lineEnding: 'lf' | 'crlf';
  truncatedLastLine: boolean;
  dirt: DirtCounts;
  /** Lines a correct loader must quarantine (dirt that leaves an invalid row). */
  invalidRows: number;
}

export interface ShopDataSummary {
  seed: number;
  outDir: string;
  startTime: Date;
  /** Time of the last event written. */
  endTime: Date;
  files: GeneratedFile[];
  rows: Record<ShopSource, number>;
  dirt: DirtCounts;
  invalidRows: number;
  sessions: number;
  customers: { b2b: number; b2c: number };
  /** Clean events written, by event type (spoiled and truncated lines are not counted). */
  eventTypes: Record<'view' | 'cart' | 'removefromcart' | 'purchase', number>;
  durationMs: number;
}
