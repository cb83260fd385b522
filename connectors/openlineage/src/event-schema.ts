import { z } from 'zod';
import { baseFacetSchema, deletableFacetSchema } from './facets/base-facet.js';
import { facetContainer } from './facets/facet-container.js';
import { DATASET_FACET_SCHEMAS } from './facets/dataset-facets.js';
import { INPUT_FACET_SCHEMAS, OUTPUT_FACET_SCHEMAS } from './facets/io-dataset-facets.js';
import { JOB_FACET_SCHEMAS } from './facets/job-facets.js';
import { RUN_FACET_SCHEMAS } from './facets/run-facets.js';
import { dateTimeSchema, uriSchema, uuidSchema } from './formats.js';

/** The run states of a RunEvent. */
export const EVENT_TYPES = ['START', 'RUNNING', 'COMPLETE', 'ABORT', 'FAIL', 'OTHER'] as const;
/** A run state. */
export type EventType = (typeof EVENT_TYPES)[number];

const datasetSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  facets: facetContainer(DATASET_FACET_SCHEMAS, deletableFacetSchema).optional(),
});

const inputDatasetSchema = datasetSchema.extend({
  inputFacets: facetContainer(INPUT_FACET_SCHEMAS, baseFacetSchema).optional(),
});

const outputDatasetSchema = datasetSchema.extend({
  outputFacets: facetContainer(OUTPUT_FACET_SCHEMAS, baseFacetSchema).optional(),
});

const jobSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  facets: facetContainer(JOB_FACET_SCHEMAS, deletableFacetSchema).optional(),
});

const runSchema = z.object({
  runId: uuidSchema,
  facets: facetContainer(RUN_FACET_SCHEMAS, baseFacetSchema).optional(),
});

const baseEventShape = {
  eventTime: dateTimeSchema,
  producer: uriSchema,
  schemaURL: uriSchema,
};

const datasetsShape = {
  inputs: z.array(inputDatasetSchema).optional(),
  outputs: z.array(outputDatasetSchema).optional(),
};

/** A run of a job changed state (spec 2-0-2 `RunEvent`). */
export const runEventSchema = z.object({
  ...baseEventShape,
  eventType: z.enum(EVENT_TYPES).optional(),
  run: runSchema,
  job: jobSchema,
  ...datasetsShape,
});

/** Static metadata about a dataset (spec 2-0-2 `DatasetEvent`). */
export const datasetEventSchema = z.object({ ...baseEventShape, dataset: datasetSchema });

/** Static metadata about a job (spec 2-0-2 `JobEvent`). */
export const jobEventSchema = z.object({ ...baseEventShape, job: jobSchema, ...datasetsShape });

/** A dataset as a RunEvent or JobEvent reads it. */
export type InputDataset = z.infer<typeof inputDatasetSchema>;
/** A dataset as a RunEvent or JobEvent writes it. */
export type OutputDataset = z.infer<typeof outputDatasetSchema>;
/** A dataset of a DatasetEvent. */
export type StaticDataset = z.infer<typeof datasetSchema>;
/** A job with its facets. */
export type Job = z.infer<typeof jobSchema>;
/** A parsed RunEvent. */
export type RunEvent = z.infer<typeof runEventSchema>;
/** A parsed DatasetEvent. */
export type DatasetEvent = z.infer<typeof datasetEventSchema>;
/** A parsed JobEvent. */
export type JobEvent = z.infer<typeof jobEventSchema>;

/** A parsed event, tagged with which of the three kinds it is. */
export type OpenLineageEvent =
  | { type: 'run'; event: RunEvent }
  | { type: 'dataset'; event: DatasetEvent }
  | { type: 'job'; event: JobEvent };
