import { z } from 'zod';
import { dateTimeSchema, uriSchema } from '../formats.js';
import { deletableFacetSchema } from './base-facet.js';
import { ownersSchema } from './job-facets.js';
import { lineageFacetSchema } from './lineage-facet.js';

/** A field of the `schema` facet; struct, array and map fields nest their children. */
export interface SchemaField {
  name: string;
  type?: string;
  description?: string;
  ordinal_position?: number;
  fields?: SchemaField[];
  [key: string]: unknown;
}

const schemaFieldSchema: z.ZodType<SchemaField> = z.lazy(() =>
  z.looseObject({
    name: z.string(),
    type: z.string().optional(),
    description: z.string().optional(),
    ordinal_position: z.int().optional(),
    fields: z.array(schemaFieldSchema).optional(),
  }),
);

const columnLineageInputSchema = z.looseObject({
  namespace: z.string(),
  name: z.string(),
  field: z.string(),
  transformations: z
    .array(
      z.looseObject({
        type: z.string(),
        subtype: z.string().optional(),
        description: z.string().optional(),
        masking: z.boolean().optional(),
      }),
    )
    .optional(),
});

/** Metrics per column, keyed by column name (shared with the input facet of the same name). */
export const columnMetricsSchema = z.record(
  z.string(),
  z.looseObject({
    nullCount: z.int().optional(),
    distinctCount: z.int().optional(),
    sum: z.number().optional(),
    count: z.number().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    quantiles: z.record(z.string(), z.number()).optional(),
  }),
);

/** `dataQualityMetrics` fields, without its base. */
export const dataQualityMetricsFields = {
  rowCount: z.int().optional(),
  bytes: z.int().optional(),
  fileCount: z.int().optional(),
  lastUpdated: dateTimeSchema.optional(),
  columnMetrics: columnMetricsSchema,
};

/** The standard dataset facets (spec/facets/*DatasetFacet.json), by facet key. */
export const DATASET_FACET_SCHEMAS = {
  catalog: deletableFacetSchema.extend({
    framework: z.string(),
    type: z.string(),
    name: z.string(),
    metadataUri: z.string().optional(),
    warehouseUri: z.string().optional(),
    source: z.string().optional(),
    catalogProperties: z.record(z.string(), z.string()).optional(),
  }),
  columnLineage: deletableFacetSchema.extend({
    fields: z.record(
      z.string(),
      z.looseObject({
        inputFields: z.array(columnLineageInputSchema),
        transformationDescription: z.string().optional(),
        transformationType: z.string().optional(),
      }),
    ),
    dataset: z.array(columnLineageInputSchema).optional(),
  }),
  dataQualityMetrics: deletableFacetSchema.extend(dataQualityMetricsFields),
  datasetType: deletableFacetSchema.extend({
    datasetType: z.string(),
    subType: z.string().optional(),
  }),
  version: deletableFacetSchema.extend({ datasetVersion: z.string() }),
  dataSource: deletableFacetSchema.extend({
    name: z.string().optional(),
    uri: uriSchema.optional(),
  }),
  documentation: deletableFacetSchema.extend({
    description: z.string(),
    contentType: z.string().optional(),
  }),
  hierarchy: deletableFacetSchema.extend({
    hierarchy: z.array(z.looseObject({ type: z.string(), name: z.string() })),
  }),
  lifecycleStateChange: deletableFacetSchema.extend({
    lifecycleStateChange: z.enum(['ALTER', 'CREATE', 'DROP', 'OVERWRITE', 'RENAME', 'TRUNCATE']),
    previousIdentifier: z.looseObject({ name: z.string(), namespace: z.string() }).optional(),
  }),
  lineage: lineageFacetSchema,
  ownership: deletableFacetSchema.extend({ owners: ownersSchema.optional() }),
  schema: deletableFacetSchema.extend({ fields: z.array(schemaFieldSchema).optional() }),
  storage: deletableFacetSchema.extend({
    storageLayer: z.string(),
    fileFormat: z.string().optional(),
  }),
  symlinks: deletableFacetSchema.extend({
    identifiers: z
      .array(z.looseObject({ namespace: z.string(), name: z.string(), type: z.string() }))
      .optional(),
  }),
  tags: deletableFacetSchema.extend({
    tags: z
      .array(
        z.looseObject({
          key: z.string(),
          value: z.string(),
          source: z.string().optional(),
          field: z.string().optional(),
        }),
      )
      .optional(),
  }),
};
