import { z } from 'zod';
import { uriSchema } from '../formats.js';

/** Fields every facet carries; facets may hold any other field too. */
export const baseFacetSchema = z.looseObject({
  _producer: uriSchema,
  _schemaURL: uriSchema,
});

/** Job and dataset facets may also be marked deleted. */
export const deletableFacetSchema = baseFacetSchema.extend({
  _deleted: z.boolean().optional(),
});

/** A JSON object with any values, as `"type": "object"` without properties describes it. */
export const looseRecordSchema = z.record(z.string(), z.unknown());

/** The optional details a test or an assertion carries, shared by the `test` and `dataQualityAssertions` facets. */
export const testDetailFields = {
  severity: z.string().optional(),
  description: z.string().optional(),
  expected: z.string().optional(),
  actual: z.string().optional(),
  content: z.string().optional(),
  contentType: z.string().optional(),
  params: looseRecordSchema.optional(),
};
