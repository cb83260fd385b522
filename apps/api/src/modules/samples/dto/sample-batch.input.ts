import { z } from 'zod';
import { SAMPLE_LIMITS } from '../sample-limits.js';

function describeType(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function lengthOf(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

const { maxValuesPerColumn, maxColumnsPerTable, maxTablesPerRequest } = SAMPLE_LIMITS;

const sampleValueSchema = z
  .string({ error: (issue) => `must be a string or null, got ${describeType(issue.input)}` })
  .nullable();

const columnSampleSchema = z.strictObject({
  name: z.string({ error: 'column name must be a string' }).min(1, 'column name must not be empty'),
  values: z
    .array(sampleValueSchema, {
      error: (issue) => `values must be an array, got ${describeType(issue.input)}`,
    })
    .max(maxValuesPerColumn, {
      error: (issue) =>
        `too many values: at most ${maxValuesPerColumn} per column, got ${lengthOf(issue.input)}`,
    }),
});

const tableSampleSchema = z.strictObject({
  table: z.string({ error: 'table must be the FQN of a table' }).min(1, 'table must not be empty'),
  columns: z
    .array(columnSampleSchema, { error: 'columns must be an array of { name, values }' })
    .max(maxColumnsPerTable, {
      error: (issue) =>
        `too many columns: at most ${maxColumnsPerTable} per table, got ${lengthOf(issue.input)}`,
    }),
});

/**
 * The body of `POST /api/v1/samples`: sampled values per column, each table's sample replacing its
 * previous one. Values are text (the source's own text form) or null for SQL NULL.
 */
export const sampleBatchSchema = z.strictObject(
  {
    /** The run that sampled the values, e.g. the runId of the metadata ingest; one is made up if absent. */
    runId: z
      .string()
      .regex(
        /^[\w.:-]{1,100}$/,
        'runId must be 1-100 letters, digits, dots, colons, dashes or underscores',
      )
      .optional(),
    tables: z
      .array(tableSampleSchema, { error: 'tables must be an array of { table, columns }' })
      .min(1, 'tables must list at least one table')
      .max(maxTablesPerRequest, {
        error: (issue) =>
          `too many tables: at most ${maxTablesPerRequest} per request, got ${lengthOf(issue.input)}`,
      }),
  },
  { error: (issue) => `the body must be a JSON object, got ${describeType(issue.input)}` },
);

/** A validated samples request. */
export type SampleBatch = z.output<typeof sampleBatchSchema>;
/** A samples request as a client writes it. */
export type SampleBatchInput = z.input<typeof sampleBatchSchema>;
/** The sample of one table in a request. */
export type TableSampleInput = SampleBatchInput['tables'][number];
