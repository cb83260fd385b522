import { z } from 'zod';

/** Ingest modes: `delta` upserts what is sent; `full` also deletes what the source no longer has. */
export const INGEST_MODES = ['delta', 'full'] as const;
/** Ingest mode schema. */
export const ingestModeSchema = z.enum(INGEST_MODES);
/** An ingest mode. */
export type IngestMode = z.infer<typeof ingestModeSchema>;

const count = z.number().int().nonnegative();

/** A rejected record: its NDJSON line number, its key when readable, and why. */
export const ingestErrorSchema = z.object({
  line: count,
  key: z.string().optional(),
  reason: z.string(),
});
/** A rejected record: its NDJSON line number, its key when readable, and why. */
export type IngestError = z.infer<typeof ingestErrorSchema>;

/**
 * The answer of `POST /api/v1/ingest`. Unknown fields are stripped rather than rejected so older
 * clients keep working when the server adds fields.
 */
export const ingestSummarySchema = z.object({
  runId: z.string().min(1),
  mode: ingestModeSchema,
  source: z.string().nullable(),
  received: count,
  created: count,
  updated: count,
  unchanged: count,
  deleted: count,
  rejected: count,
  errors: z.array(ingestErrorSchema),
  durationMs: z.number().nonnegative(),
  notes: z.array(z.string()),
});
/** The answer of `POST /api/v1/ingest`. */
export type IngestSummary = z.infer<typeof ingestSummarySchema>;
