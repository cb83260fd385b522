import { z } from 'zod';
import { uriSchema } from '../formats.js';
import { deletableFacetSchema } from './base-facet.js';
import { lineageFacetSchema } from './lineage-facet.js';

/** Owners as the ownership facets list them; `name` is often a URN such as `user:jdoe`. */
export const ownersSchema = z.array(
  z.looseObject({ name: z.string(), type: z.string().optional() }),
);

/** The standard job facets (spec/facets/*JobFacet.json), by facet key. */
export const JOB_FACET_SCHEMAS = {
  documentation: deletableFacetSchema.extend({
    description: z.string(),
    contentType: z.string().optional(),
  }),
  jobType: deletableFacetSchema.extend({
    processingType: z.string(),
    integration: z.string(),
    jobType: z.string().optional(),
    emissionPattern: z
      .looseObject({
        eventTrigger: z.string(),
        eventContentMode: z.string(),
        windowDuration: z.int().min(1).optional(),
      })
      .optional(),
  }),
  lineage: lineageFacetSchema,
  ownership: deletableFacetSchema.extend({ owners: ownersSchema.optional() }),
  sql: deletableFacetSchema.extend({ query: z.string(), dialect: z.string().optional() }),
  sourceCode: deletableFacetSchema.extend({ language: z.string(), sourceCode: z.string() }),
  sourceCodeLocation: deletableFacetSchema.extend({
    type: z.string(),
    url: uriSchema,
    repoUrl: z.string().optional(),
    path: z.string().optional(),
    version: z.string().optional(),
    tag: z.string().optional(),
    branch: z.string().optional(),
    pullRequestNumber: z.string().optional(),
  }),
  tags: deletableFacetSchema.extend({
    tags: z
      .array(z.looseObject({ key: z.string(), value: z.string(), source: z.string().optional() }))
      .optional(),
  }),
};
