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
