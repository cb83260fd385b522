import pg from 'pg';
import { compileModel } from './compile.js';
import { type ModelDefinition, type Project } from './project.js';
import {
  applyComments,
  readColumns,
  relationKind,
  type Queryable,
  type RelationKind,
  type WarehouseColumn,
} from './warehouse-catalog.js';

export interface MaterializeOptions {
  /** Rebuild incremental models from scratch. */
  fullRefresh?: boolean;
}

/** The SQL a materialisation ran, kept even when it failed. */
export interface Attempt {
  sql: string;
}

// CREATE OR REPLACE VIEW refuses to drop, rename or retype columns with these codes.
const VIEW_SHAPE_CHANGED = new Set(['42P16', '42804']);

async function inTransaction<T>(client: Queryable, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function dropRelation(
  client: Queryable,
  relation: string,
  kind: RelationKind,
): Promise<void> {
  const keyword =
    kind === 'v'
      ? 'VIEW'
      : kind === 'm'
        ? 'MATERIALIZED VIEW'
        : kind === 'f'
          ? 'FOREIGN TABLE'
          : 'TABLE';
  // CASCADE drops dependent views; they are descendants in the DAG and are rebuilt after this model.
  await client.query(`DROP ${keyword} ${relation} CASCADE`);
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

export async function materializeView(
  client: Queryable,
  model: ModelDefinition,
  sql: string,
): Promise<void> {
  await inTransaction(client, async () => {
    const kind = await relationKind(client, model.relation);
    if (kind && kind !== 'v') await dropRelation(client, model.relation, kind);
    await client.query('SAVEPOINT almanac_replace_view');
    try {
      await client.query(`CREATE OR REPLACE VIEW ${model.relation} AS\n${sql}`);
    } catch (error) {
      if (!VIEW_SHAPE_CHANGED.has(errorCode(error) ?? '')) throw error;
      await client.query('ROLLBACK TO SAVEPOINT almanac_replace_view');
      await client.query(`DROP VIEW ${model.relation} CASCADE`);
      await client.query(`CREATE VIEW ${model.relation} AS\n${sql}`);
    }
    await applyComments(client, model, 'VIEW');
  });
}

/** Builds under a side name, then swaps it in with one short transaction so readers never see it half-built. */
export async function materializeTable(
  client: Queryable,
  model: ModelDefinition,
  sql: string,
): Promise<void> {
  const building = `${model.name}__almanac_new`;
  const buildingRelation = `${model.schema}.${building}`;
  await client.query(`DROP TABLE IF EXISTS ${buildingRelation}`);
  await client.query(`CREATE TABLE ${buildingRelation} AS\n${sql}`);
  try {
    await inTransaction(client, async () => {
      const kind = await relationKind(client, model.relation);
      if (kind) await dropRelation(client, model.relation, kind);
      await client.query(`ALTER TABLE ${buildingRelation} RENAME TO ${model.name}`);
      if (model.uniqueKey.length > 0) {
        const keys = model.uniqueKey.map((key) => pg.escapeIdentifier(key)).join(', ');
        await client.query(
          `CREATE UNIQUE INDEX ${model.name}__unique_key ON ${model.relation} (${keys})`,
        );
      }
      await applyComments(client, model, 'TABLE');
    });
  } catch (error) {
    await client.query(`DROP TABLE IF EXISTS ${buildingRelation}`).catch(() => undefined);
    throw error;
  }
}

async function uniqueKeyIndexed(client: Queryable, model: ModelDefinition): Promise<boolean> {
  const result = await client.query<{ columns: string[] | null }>(
    `SELECT array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index i
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indexrelid = to_regclass($1) AND i.indrelid = to_regclass($2) AND i.indisunique`,
    [`${model.schema}.${model.name}__unique_key`, model.relation],
  );
  return result.rows[0]?.columns?.join(',') === model.uniqueKey.join(',');
}

function sameShape(left: readonly WarehouseColumn[], right: readonly WarehouseColumn[]): boolean {
  return (
    left.length === right.length &&
    left.every(
      (column, i) => column.name === right[i]?.name && column.dataType === right[i]?.dataType,
    )
  );
}

function upsertSql(
  model: ModelDefinition,
  columns: readonly WarehouseColumn[],
  delta: string,
): string {
  const ident = (name: string): string => pg.escapeIdentifier(name);
  const names = columns.map((column) => ident(column.name));
  const others = columns
    .map((column) => column.name)
    .filter((name) => !model.uniqueKey.includes(name));
  const conflict = `ON CONFLICT (${model.uniqueKey.map(ident).join(', ')})`;
  const insert = `INSERT INTO ${model.relation} AS target (${names.join(', ')})\nSELECT ${names.join(', ')} FROM ${delta}`;
  if (others.length === 0) return `${insert}\n${conflict} DO NOTHING`;
  const set = others.map((name) => `${ident(name)} = EXCLUDED.${ident(name)}`).join(', ');
  const current = others.map((name) => `target.${ident(name)}`).join(', ');
  const incoming = others.map((name) => `EXCLUDED.${ident(name)}`).join(', ');
  // The guard keeps a re-run from rewriting rows whose values did not change.
  return `${insert}\n${conflict} DO UPDATE SET ${set}\nWHERE ROW(${current}) IS DISTINCT FROM ROW(${incoming})`;
}

/** Upserts the rows past the watermark; false when the query's columns no longer match the table. */
async function mergeIncrement(
  client: Queryable,
  model: ModelDefinition,
  sql: string,
): Promise<boolean> {
  const delta = 'pg_temp.almanac_increment';
  return inTransaction(client, async () => {
    await client.query(`CREATE TEMP TABLE almanac_increment ON COMMIT DROP AS\n${sql}`);
    const target = await readColumns(client, model.relation);
    if (!sameShape(await readColumns(client, delta), target)) return false;
    await client.query(upsertSql(model, target, delta));
    await applyComments(client, model, 'TABLE');
    return true;
  });
}

export async function materializeIncremental(
  client: Queryable,
  project: Project,
  model: ModelDefinition,
  attempt: Attempt,
  options: MaterializeOptions,
): Promise<void> {
  const kind = await relationKind(client, model.relation);
  const canMerge = kind === 'r' && !options.fullRefresh && (await uniqueKeyIndexed(client, model));
  if (canMerge) {
    attempt.sql = compileModel(project, model, true);
    if (await mergeIncrement(client, model, attempt.sql)) return;
  }
  // First run, forced refresh, or a changed column set: rebuild the whole table.
  attempt.sql = compileModel(project, model, false);
  await materializeTable(client, model, attempt.sql);
}

export async function materialize(
  client: Queryable,
  project: Project,
  model: ModelDefinition,
  attempt: Attempt,
  options: MaterializeOptions,
): Promise<void> {
  switch (model.materialized) {
    case 'view':
      return materializeView(client, model, attempt.sql);
    case 'table':
      return materializeTable(client, model, attempt.sql);
    case 'incremental':
      return materializeIncremental(client, project, model, attempt, options);
  }
}
