import { type IngestMode } from './ingest-summary.js';
import { type MetadataRecordInput } from './records.js';

/**
 * A connector: reads metadata from somewhere and yields records.
 *
 * Connectors also expose `static fromConfig(config, deps)` that validates their configuration
 * and builds the source (see {@link SourceFactory}), so tools can create them uniformly.
 * In `full` mode the source yields everything it owns, so the catalog may delete what is
 * missing; in `delta` mode it yields only changes.
 */
export interface Source {
  /** Stable name of the source, used by the catalog to scope `full` runs. */
  readonly name: string;
  readonly mode: IngestMode;
  records(): AsyncIterable<MetadataRecordInput>;
}

/** The static side of a connector class. */
export interface SourceFactory<TConfig = unknown, TDeps = unknown> {
  fromConfig(config: TConfig, deps: TDeps): Source | Promise<Source>;
}
