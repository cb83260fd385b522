import { z } from 'zod';
import { dateTimeSchema, uuidSchema } from '../formats.js';
import { baseFacetSchema, deletableFacetSchema, testDetailFields } from './base-facet.js';

const facetsOf = <T extends z.ZodType>(facet: T) => z.record(z.string(), facet);

const parentRunSchema = baseFacetSchema.extend({
  run: z.looseObject({ runId: uuidSchema, facets: facetsOf(baseFacetSchema).optional() }),
  job: z.looseObject({
    namespace: z.string(),
    name: z.string(),
    facets: facetsOf(deletableFacetSchema).optional(),
  }),
  root: z
    .looseObject({
      run: z.looseObject({ runId: uuidSchema, facets: facetsOf(baseFacetSchema).optional() }),
      job: z.looseObject({
        namespace: z.string(),
        name: z.string(),
        facets: facetsOf(deletableFacetSchema).optional(),
      }),
    })
    .optional(),
});

const jobDependencySchema = z.looseObject({
  job: z.looseObject({ namespace: z.string(), name: z.string() }),
  run: z.looseObject({ runId: uuidSchema }).optional(),
  dependency_type: z.string().optional(),
  sequence_trigger_rule: z.string().optional(),
  status_trigger_rule: z.string().optional(),
});

const keyValueTagSchema = z.looseObject({
  key: z.string(),
  value: z.string(),
  source: z.string().optional(),
});

/** The standard run facets (spec/facets/*RunFacet.json), by facet key. */
export const RUN_FACET_SCHEMAS = {
  environmentVariables: baseFacetSchema.extend({
    environmentVariables: z.array(z.looseObject({ name: z.string(), value: z.string() })),
  }),
  errorMessage: baseFacetSchema.extend({
    message: z.string(),
    programmingLanguage: z.string(),
    stackTrace: z.string().optional(),
  }),
  executionParameters: baseFacetSchema.extend({
    parameters: z
      .array(
        z.strictObject({
          key: z.string(),
          name: z.string().optional(),
          value: z.string().optional(),
          description: z.string().optional(),
        }),
      )
      .optional(),
  }),
  externalQuery: baseFacetSchema.extend({ externalQueryId: z.string(), source: z.string() }),
  extractionError: baseFacetSchema.extend({
    totalTasks: z.int(),
    failedTasks: z.int(),
    errors: z.array(
      z.looseObject({
        errorMessage: z.string(),
        stackTrace: z.string().optional(),
        task: z.string().optional(),
        taskNumber: z.int().optional(),
      }),
    ),
  }),
  jobDependencies: baseFacetSchema.extend({
    upstream: z.array(jobDependencySchema).optional(),
    downstream: z.array(jobDependencySchema).optional(),
    trigger_rule: z.string().optional(),
  }),
  nominalTime: baseFacetSchema.extend({
    nominalStartTime: dateTimeSchema,
    nominalEndTime: dateTimeSchema.optional(),
  }),
  parent: parentRunSchema,
  processing_engine: baseFacetSchema.extend({
    version: z.string(),
    name: z.string().optional(),
    openlineageAdapterVersion: z.string().optional(),
  }),
  tags: baseFacetSchema.extend({ tags: z.array(keyValueTagSchema).optional() }),
  test: baseFacetSchema.extend({
    tests: z.array(
      z.looseObject({
        name: z.string(),
        status: z.string(),
        type: z.string().optional(),
        ...testDetailFields,
      }),
    ),
  }),
};
