import { z } from 'zod';
import { baseFacetSchema, looseRecordSchema, testDetailFields } from './base-facet.js';
import { dataQualityMetricsFields } from './dataset-facets.js';

const compareExpressionSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('field'), field: z.string() }),
  z.looseObject({ type: z.literal('literal'), value: z.string() }),
]);

const subsetConditionSchema: z.ZodType = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.looseObject({ type: z.literal('location'), locations: z.array(z.string()) }),
    z.looseObject({
      type: z.literal('partition'),
      partitions: z.array(
        z.looseObject({ identifier: z.string().optional(), dimensions: looseRecordSchema }),
      ),
    }),
    z.looseObject({
      type: z.literal('binary'),
      left: subsetConditionSchema,
      right: subsetConditionSchema,
      operator: z.string(),
    }),
    z.looseObject({
      type: z.literal('compare'),
      left: compareExpressionSchema,
      right: compareExpressionSchema,
      comparison: z.string(),
    }),
  ]),
);

/** BaseSubsetDatasetFacet.json: `subset` is the input or the output variant, never both. */
const subsetFacetSchema = baseFacetSchema
  .extend({
    inputCondition: subsetConditionSchema.optional(),
    outputCondition: subsetConditionSchema.optional(),
  })
  .refine(
    (facet) => (facet.inputCondition === undefined) !== (facet.outputCondition === undefined),
    'must have exactly one of inputCondition and outputCondition',
  );

const statisticsFacetSchema = baseFacetSchema.extend({
  rowCount: z.int().optional(),
  size: z.int().optional(),
  fileCount: z.int().optional(),
});

/** The standard input dataset facets, by facet key. */
export const INPUT_FACET_SCHEMAS = {
  dataQualityAssertions: baseFacetSchema.extend({
    assertions: z.array(
      z.looseObject({
        assertion: z.string(),
        success: z.boolean(),
        column: z.string().optional(),
        name: z.string().optional(),
        ...testDetailFields,
      }),
    ),
  }),
  dataQualityMetrics: baseFacetSchema.extend(dataQualityMetricsFields),
  inputStatistics: statisticsFacetSchema,
  subset: subsetFacetSchema,
};

/** The standard output dataset facets, by facet key. */
export const OUTPUT_FACET_SCHEMAS = {
  outputStatistics: statisticsFacetSchema,
  subset: subsetFacetSchema,
};
