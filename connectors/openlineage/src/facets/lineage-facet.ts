import { z } from 'zod';
import { uuidSchema } from '../formats.js';
import { deletableFacetSchema } from './base-facet.js';

const transformationSchema = z.looseObject({
  type: z.string(),
  subtype: z.string().optional(),
  description: z.string().optional(),
  masking: z.boolean().optional(),
});

/** The schema's `dependentRequired`: a job reference names both its namespace and its name. */
function namespaceWithName(value: { namespace?: string; name?: string }): boolean {
  return (value.namespace === undefined) === (value.name === undefined);
}

const lineageInputSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('DATASET'),
    namespace: z.string(),
    name: z.string(),
    field: z.string().optional(),
    transformations: z.array(transformationSchema).optional(),
  }),
  z
    .looseObject({
      type: z.literal('JOB'),
      namespace: z.string().optional(),
      name: z.string().optional(),
      runId: uuidSchema.optional(),
      transformations: z.array(transformationSchema).optional(),
    })
    .refine(namespaceWithName, 'namespace and name must be given together'),
]);

const fieldEntrySchema = z.looseObject({ inputs: z.array(lineageInputSchema) });
const fieldEntriesSchema = z.record(z.string(), fieldEntrySchema);

const lineageEntrySchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('DATASET'),
    namespace: z.string(),
    name: z.string(),
    inputs: z.array(lineageInputSchema).optional(),
    fields: fieldEntriesSchema.optional(),
  }),
  z
    .looseObject({
      type: z.literal('JOB'),
      namespace: z.string().optional(),
      name: z.string().optional(),
      runId: uuidSchema.optional(),
      inputs: z.array(lineageInputSchema).optional(),
    })
    .refine(namespaceWithName, 'namespace and name must be given together'),
]);

/**
 * LineageFacet.json declares one `lineage` facet that is either the dataset or the job variant,
 * wherever it appears.
 */
export const lineageFacetSchema = z.union([
  deletableFacetSchema.extend({
    inputs: z.array(lineageInputSchema).optional(),
    fields: fieldEntriesSchema.optional(),
  }),
  deletableFacetSchema.extend({ entries: z.array(lineageEntrySchema) }),
]);
