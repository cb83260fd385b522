import { z } from 'zod';

const count = z.number().int().nonnegative();

/** What happened to one table of a samples request. */
export const tableSampleOutcomeSchema = z.object({
  table: z.string(),
  /** `created`: the table had no sample before; `replaced`: its previous sample is gone. */
  status: z.enum(['created', 'replaced']),
  columns: count,
  values: count,
  /** Values cut to the length limit (they end with `…`). */
  truncatedValues: count,
});

/** The answer of `POST /api/v1/samples`: one outcome per table, in request order. */
export const sampleBatchSummarySchema = z.object({
  runId: z.string(),
  sampledAt: z.string(),
  tables: z.array(tableSampleOutcomeSchema),
});

export type TableSampleOutcome = z.infer<typeof tableSampleOutcomeSchema>;
export type SampleBatchSummary = z.infer<typeof sampleBatchSummarySchema>;
