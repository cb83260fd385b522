import { z } from 'zod';
import { parentFqn } from './fqn.js';
import {
  FQN_RULES,
  entityFields,
  fqnSchema,
  jsonObjectSchema,
  nameSchema,
  tagRefSchema,
  uniqueNames,
} from './record-fields.js';

/**
 * A data service (a Postgres server, a dbt project, an Airflow instance…); `serviceType` is e.g.
 * `Postgres`, `Dbt`, `Pipeline` or `OpenLineage`.
 */
export const serviceRecordSchema = z.strictObject({
  kind: z.literal('service'),
  fqn: fqnSchema(FQN_RULES.service),
  serviceType: nameSchema,
  ...entityFields,
});

/** A database inside a service. */
export const databaseRecordSchema = z.strictObject({
  kind: z.literal('database'),
  fqn: fqnSchema(FQN_RULES.database),
  ...entityFields,
});

/** A schema inside a database. */
export const schemaRecordSchema = z.strictObject({
  kind: z.literal('schema'),
  fqn: fqnSchema(FQN_RULES.schema),
  ...entityFields,
});

/** Kinds of tables. */
export const TABLE_TYPES = [
  'Regular',
  'View',
  'MaterializedView',
  'Partitioned',
  'External',
  'Temporary',
] as const;

/** Column constraints. */
export const COLUMN_CONSTRAINTS = ['PRIMARY_KEY', 'UNIQUE', 'NOT_NULL'] as const;

/** A column of a table. */
export const columnSchema = z.strictObject({
  name: nameSchema,
  dataType: nameSchema,
  ordinal: z.number().int().min(1).optional(),
  nullable: z.boolean().default(true),
  defaultValue: z.string().optional(),
  description: z.string().optional(),
  constraint: z.enum(COLUMN_CONSTRAINTS).optional(),
  foreignKey: z
    .strictObject({
      table: fqnSchema(FQN_RULES.table),
      column: nameSchema,
    })
    .optional(),
  tags: z.array(tagRefSchema).optional(),
});

/** A table or view inside a schema. */
export const tableRecordSchema = z.strictObject({
  kind: z.literal('table'),
  fqn: fqnSchema(FQN_RULES.table),
  tableType: z.enum(TABLE_TYPES).default('Regular'),
  columns: z.array(columnSchema).superRefine(uniqueNames('column')),
  viewDefinition: z.string().optional(),
  rowCount: z.number().int().nonnegative().optional(),
  ...entityFields,
});

/** A task of a pipeline; `downstreamTasks` names tasks of the same pipeline that run after it. */
export const pipelineTaskSchema = z.strictObject({
  name: nameSchema,
  displayName: nameSchema.optional(),
  description: z.string().optional(),
  downstreamTasks: z.array(nameSchema).optional(),
  sql: z.string().optional(),
});

/** A pipeline (Airflow DAG, dbt run…) inside a pipeline service. */
export const pipelineRecordSchema = z.strictObject({
  kind: z.literal('pipeline'),
  fqn: fqnSchema(FQN_RULES.pipeline),
  tasks: z.array(pipelineTaskSchema).superRefine(uniqueNames('task')),
  ...entityFields,
});

/** A chart of a dashboard. */
export const chartSchema = z.strictObject({
  name: nameSchema,
  chartType: nameSchema.optional(),
  description: z.string().optional(),
});

/** A dashboard inside a dashboard service. */
export const dashboardRecordSchema = z.strictObject({
  kind: z.literal('dashboard'),
  fqn: fqnSchema(FQN_RULES.dashboard),
  url: nameSchema.optional(),
  charts: z.array(chartSchema).superRefine(uniqueNames('chart')),
  ...entityFields,
});

/** A classification: a family of tags such as `PII`. */
export const classificationRecordSchema = z.strictObject({
  kind: z.literal('classification'),
  fqn: fqnSchema(FQN_RULES.classification),
  ...entityFields,
});

/** A tag inside a classification, such as `PII.Sensitive`. */
export const tagRecordSchema = z.strictObject({
  kind: z.literal('tag'),
  fqn: fqnSchema(FQN_RULES.tag),
  ...entityFields,
});

/** A user; the FQN is the (quoted if needed) user name, `teams` are team names. */
export const userRecordSchema = z.strictObject({
  kind: z.literal('user'),
  fqn: fqnSchema(FQN_RULES.user),
  email: z.email().optional(),
  teams: z.array(nameSchema).optional(),
  ...entityFields,
});

/** A team; the FQN is the (quoted if needed) team name, `parentTeam` a team name. */
export const teamRecordSchema = z.strictObject({
  kind: z.literal('team'),
  fqn: fqnSchema(FQN_RULES.team),
  parentTeam: nameSchema.optional(),
  ...entityFields,
});

/** A business domain. */
export const domainRecordSchema = z.strictObject({
  kind: z.literal('domain'),
  fqn: fqnSchema(FQN_RULES.domain),
  ...entityFields,
});

/** A data quality test defined on a table or a column. */
export const testCaseRecordSchema = z
  .strictObject({
    kind: z.literal('test_case'),
    fqn: fqnSchema(FQN_RULES.testCase),
    entity: fqnSchema(FQN_RULES.tableOrColumn),
    testType: nameSchema,
    parameters: jsonObjectSchema.optional(),
    description: z.string().optional(),
  })
  .superRefine((record, ctx) => {
    // Both FQNs are canonical after parsing, so plain string comparison is exact.
    const parent = parentFqn(record.fqn);
    if (parent !== record.entity) {
      ctx.addIssue({
        code: 'custom',
        path: ['fqn'],
        message: `test case FQN must be the tested entity FQN plus the test name: ${JSON.stringify(parent)} is not ${JSON.stringify(record.entity)}`,
        input: record.fqn,
      });
    }
  });
