import { z } from 'zod';

/** A column of a model or source as the warehouse reports it. */
export const reportColumnSchema = z.object({
  name: z.string(),
  dataType: z.string(),
  description: z.string().optional(),
  ordinal: z.number().int().positive(),
  nullable: z.boolean(),
});

/** An input column an output column derives from, as OpenLineage's columnLineage facet defines it. */
export const columnOriginSchema = z.object({
  table: z.string(),
  column: z.string(),
  type: z.enum(['DIRECT', 'INDIRECT']),
  subtype: z.string().optional(),
});

export const modelLineageSchema = z.object({
  /** Relations the model reads, as schema.table. */
  inputs: z.array(z.string()),
  /** For each output column, the input columns it derives from. */
  columns: z.record(z.string(), z.array(columnOriginSchema)),
  /** Why lineage could not be derived, when it could not. */
  error: z.string().optional(),
});

export const fileReportSchema = z.object({
  name: z.string(),
  /** Which raw table the file feeds: events, customers, products or inventory. */
  source: z.string(),
  checksum: z.string(),
  /** True when the checksum ledger had already loaded this file. */
  skipped: z.boolean(),
  rowsRead: z.number().int().nonnegative(),
  rowsLoaded: z.number().int().nonnegative(),
  rowsQuarantined: z.number().int().nonnegative(),
  error: z.string().optional(),
  durationMs: z.number().nonnegative(),
});

export const sourceReportSchema = z.object({
  /** schema.table, e.g. raw.events */
  name: z.string(),
  description: z.string(),
  columns: z.array(reportColumnSchema),
  rowCount: z.number().int().nonnegative().optional(),
});

export const modelReportSchema = z.object({
  /** Model name, unique in the project, e.g. stg_events. */
  name: z.string(),
  /** Warehouse schema: staging or marts. */
  schema: z.string(),
  materialized: z.enum(['view', 'table', 'incremental']),
  description: z.string(),
  owners: z.array(z.string()),
  tags: z.array(z.string()),
  /** Models and sources it reads, as schema.table. */
  dependsOn: z.array(z.string()),
  compiledSql: z.string(),
  status: z.enum(['success', 'error', 'skipped']),
  /** Why it failed, or which upstream failure skipped it. */
  error: z.string().optional(),
  columns: z.array(reportColumnSchema),
  rowCount: z.number().int().nonnegative().optional(),
  lineage: modelLineageSchema.optional(),
  startedAt: z.string().optional(),
  durationMs: z.number().nonnegative(),
});

export const qualityResultSchema = z.object({
  /** Stable id: model.column.check or model.check. */
  id: z.string(),
  /** schema.table the check ran on. */
  relation: z.string(),
  column: z.string().optional(),
  check: z.enum([
    'not_null',
    'unique',
    'accepted_values',
    'range',
    'relationships',
    'freshness',
    'row_count',
    'custom_sql',
  ]),
  parameters: z.record(z.string(), z.unknown()),
  status: z.enum(['pass', 'fail', 'error']),
  failingRows: z.number().int().nonnegative(),
  /** A few failing keys or rows, for the person who fixes it. */
  sampleFailures: z.array(z.unknown()),
  message: z.string().optional(),
  sql: z.string(),
  executedAt: z.string(),
  /** Set when a micro-batch checked only the rows it wrote: those with `column` past `after`. */
  increment: z.object({ column: z.string(), after: z.string() }).optional(),
});

/** The machine-readable outcome of one pipeline run. */
export const runReportSchema = z.object({
  runId: z.string(),
  mode: z.enum(['batch', 'micro-batch']),
  startedAt: z.string(),
  finishedAt: z.string(),
  status: z.enum(['success', 'partial', 'failed']),
  warehouse: z.object({ database: z.string(), host: z.string() }),
  files: z.array(fileReportSchema),
  sources: z.array(sourceReportSchema),
  models: z.array(modelReportSchema),
  quality: z.array(qualityResultSchema),
  timings: z.object({
    loadMs: z.number(),
    transformMs: z.number(),
    qualityMs: z.number(),
    totalMs: z.number(),
  }),
  errors: z.array(z.string()),
});

export type ReportColumn = z.infer<typeof reportColumnSchema>;
export type ColumnOrigin = z.infer<typeof columnOriginSchema>;
export type ModelLineage = z.infer<typeof modelLineageSchema>;
export type FileReport = z.infer<typeof fileReportSchema>;
export type SourceReport = z.infer<typeof sourceReportSchema>;
export type ModelReport = z.infer<typeof modelReportSchema>;
export type QualityResult = z.infer<typeof qualityResultSchema>;
export type RunReport = z.infer<typeof runReportSchema>;
