import { type IndexConfig } from './config-schema.js';
import { type CheckConfig } from '../quality/check-config.js';
import { type Dag } from './dag.js';
import { type TemplateNode } from './template.js';

export type Materialization = 'view' | 'table' | 'incremental';

/**
 * How an incremental model applies its new rows: `merge` upserts on a unique key; `delete+insert`
 * replaces every stored row whose key appears in the new rows (the key is not unique, e.g. a
 * customer whose sessions are all recomputed).
 */
export type IncrementalStrategy = 'merge' | 'delete+insert';

export interface ColumnDefinition {
  name: string;
  description: string;
  checks: CheckConfig[];
}

export interface ModelDefinition {
  name: string;
  /** The warehouse schema, named after the model's folder. */
  schema: string;
  /** schema.name */
  relation: string;
  description: string;
  materialized: Materialization;
  /** Upsert key of an incremental model (the replaced key for delete+insert); empty otherwise. */
  uniqueKey: string[];
  incrementalStrategy: IncrementalStrategy;
  /** Extra b-tree indexes built with the table, for incremental runs and readers. */
  indexes: IndexConfig[];
  /** Micro-batches rebuild it (tables are otherwise left to batch runs). */
  microBatch: boolean;
  /** The column whose maximum marks how far an incremental model got. */
  watermark?: string;
  owners: string[];
  tags: string[];
  columns: ColumnDefinition[];
  checks: CheckConfig[];
  /** Absolute path of the .sql file. */
  file: string;
  template: TemplateNode[];
  /** Models this one refs, by name. */
  refs: string[];
  /** Sources this one reads, as schema.table. */
  sources: string[];
}

export interface SourceTableDefinition {
  source: string;
  name: string;
  /** source.table, e.g. raw.events */
  relation: string;
  description: string;
  sourceDescription: string;
  columns: ColumnDefinition[];
  checks: CheckConfig[];
}

export interface Project {
  dir: string;
  models: ReadonlyMap<string, ModelDefinition>;
  /** Keyed by relation (raw.events). Empty when the project has no _sources.yml. */
  sources: ReadonlyMap<string, SourceTableDefinition>;
  /** False when there is no _sources.yml; then any source() is allowed. */
  sourcesDeclared: boolean;
  dag: Dag;
}
