import { z } from 'zod';
import { parseFqn } from './fqn.js';
import {
  FQN_RULES,
  fqnSchema,
  jsonValueSchema,
  nameSchema,
  ownerSchema,
  tagRefSchema,
} from './record-fields.js';

/** Where a lineage edge was learned from. */
export const LINEAGE_SOURCES = ['sql', 'dbt', 'openlineage', 'pipeline', 'manual'] as const;

/** How a target column derives from its source columns. */
export const columnTransformationSchema = z.strictObject({
  type: z.enum(['DIRECT', 'INDIRECT']),
  subtype: nameSchema.optional(),
  description: z.string().optional(),
});

/** Column-level lineage inside a table-level edge. */
export const columnLineageSchema = z.strictObject({
  from: z.array(fqnSchema(FQN_RULES.column)),
  to: fqnSchema(FQN_RULES.column),
  transformation: columnTransformationSchema.optional(),
});

function belongsTo(columnFqn: string, tableFqn: string): boolean {
  const column = parseFqn(columnFqn);
  const table = parseFqn(tableFqn);
  return table.every((part, index) => column[index] === part);
}

/**
 * Data flows from table `from` to table `to`, optionally through a pipeline, or from a table into
 * the dashboard that reads it. Column lineage must read columns of `from` and write a column of
 * `to`, so a dashboard edge has none.
 */
export const lineageEdgeRecordSchema = z
  .strictObject({
    kind: z.literal('lineage_edge'),
    from: fqnSchema(FQN_RULES.table),
    to: fqnSchema([FQN_RULES.table, FQN_RULES.dashboard]),
    source: z.enum(LINEAGE_SOURCES),
    pipeline: fqnSchema(FQN_RULES.pipeline).optional(),
    sql: z.string().optional(),
    columns: z.array(columnLineageSchema).optional(),
  })
  .superRefine((edge, ctx) => {
    edge.columns?.forEach((column, index) => {
      column.from.forEach((fromColumn, fromIndex) => {
        if (!belongsTo(fromColumn, edge.from)) {
          ctx.addIssue({
            code: 'custom',
            path: ['columns', index, 'from', fromIndex],
            message: `column ${JSON.stringify(fromColumn)} is not a column of the source table ${JSON.stringify(edge.from)}`,
            input: fromColumn,
          });
        }
      });
      if (!belongsTo(column.to, edge.to)) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', index, 'to'],
          message: `column ${JSON.stringify(column.to)} is not a column of the target ${JSON.stringify(edge.to)}`,
          input: column.to,
        });
      }
    });
  });

/** A tag applied to an entity or a column. */
export const tagLabelRecordSchema = z.strictObject({
  kind: z.literal('tag_label'),
  target: fqnSchema(FQN_RULES.any),
  tag: tagRefSchema,
});

/** A glossary term linked to an entity or a column. */
export const glossaryLinkRecordSchema = z.strictObject({
  kind: z.literal('glossary_link'),
  target: fqnSchema(FQN_RULES.any),
  term: fqnSchema(FQN_RULES.glossaryTerm),
});

/** The owners of an entity (replaces any previous owners of that entity). */
export const ownershipRecordSchema = z.strictObject({
  kind: z.literal('ownership'),
  target: fqnSchema(FQN_RULES.any),
  owners: z.array(ownerSchema),
});

/** Statuses of a test run. */
export const TEST_STATUSES = ['success', 'failed', 'aborted', 'errored'] as const;

/** One run of a test case. */
export const testResultRecordSchema = z.strictObject({
  kind: z.literal('test_result'),
  testCase: fqnSchema(FQN_RULES.testCase),
  timestamp: z.iso.datetime({ offset: true }),
  status: z.enum(TEST_STATUSES),
  result: z.string().optional(),
  failedRows: z.number().int().nonnegative().optional(),
  sampleFailures: z.array(jsonValueSchema).optional(),
});
