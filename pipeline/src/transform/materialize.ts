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

const ident = (name: string): string => pg.escapeIdentifier(name);

interface IndexPlan {
  /** Name while the table is built under its side name. */
  building: string;
  final: string;
  sql: (table: string, name: string) => string;
}

function keyIndexName(model: ModelDefinition): string {
  return `${model.name}__key`;
}

/** The key index of an incremental model (unique for merge) and the model's declared indexes. */
function indexPlans(model: ModelDefinition): IndexPlan[] {
  const plans: IndexPlan[] = model.indexes.map((index, i) => ({
    building: `${model.name}__tmp_idx${i + 1}`,
    final: `${model.name}__idx${i + 1}`,
    sql: (table, name) =>
      `CREATE INDEX ${name} ON ${table} (${index.columns.map(ident).join(', ')})${index.where ? ` WHERE ${index.where}` : ''}`,
  }));
  if (model.materialized === 'incremental' && model.uniqueKey.length > 0) {
    const unique = model.incrementalStrategy === 'merge' ? 'UNIQUE ' : '';
    plans.unshift({
      building: `${model.name}__tmp_key`,
      final: keyIndexName(model),
      sql: (table, name) =>
        `CREATE ${unique}INDEX ${name} ON ${table} (${model.uniqueKey.map(ident).join(', ')})`,
    });
  }
  return plans;
}

/**
 * Builds under a side name, indexes included, then swaps it in with one short transaction so
 * readers never see it half-built.
 */
export async function materializeTable(
  client: Queryable,
  model: ModelDefinition,
  sql: string,
): Promise<void> {
  const building = `${model.name}__almanac_new`;
  const buildingRelation = `${model.schema}.${building}`;
  const indexes = indexPlans(model);
  await client.query(`DROP TABLE IF EXISTS ${buildingRelation}`);
  try {
    await client.query(`CREATE TABLE ${buildingRelation} AS\n${sql}`);
    for (const index of indexes) await client.query(index.sql(buildingRelation, index.building));
    await client.query(`ANALYZE ${buildingRelation}`);
    await inTransaction(client, async () => {
      const kind = await relationKind(client, model.relation);
      if (kind) await dropRelation(client, model.relation, kind);
      await client.query(`ALTER TABLE ${buildingRelation} RENAME TO ${model.name}`);
      for (const index of indexes)
        await client.query(
          `ALTER INDEX ${model.schema}.${index.building} RENAME TO ${index.final}`,
        );
      await applyComments(client, model, 'TABLE');
    });
  } catch (error) {
    await client.query(`DROP TABLE IF EXISTS ${buildingRelation}`).catch(() => undefined);
    throw error;
  }
}

/** True when the table has the key index the model's strategy needs (unique for merge). */
async function keyIndexed(client: Queryable, model: ModelDefinition): Promise<boolean> {
  const result = await client.query<{ columns: string[] | null; unique: boolean }>(
    `SELECT array_agg(a.attname::text ORDER BY k.ord) AS columns, bool_and(i.indisunique) AS unique
       FROM pg_index i
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indexrelid = to_regclass($1) AND i.indrelid = to_regclass($2)`,
    [`${model.schema}.${keyIndexName(model)}`, model.relation],
  );
  const row = result.rows[0];
  return (
    row?.columns?.join(',') === model.uniqueKey.join(',') &&
    row.unique === (model.incrementalStrategy === 'merge')
  );
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

function replaceSql(
  model: ModelDefinition,
  columns: readonly WarehouseColumn[],
  delta: string,
): string[] {
  const names = columns.map((column) => ident(column.name)).join(', ');
  const keys = model.uniqueKey.map(ident).join(', ');
  return [
    `DELETE FROM ${model.relation} WHERE (${keys}) IN (SELECT ${keys} FROM ${delta})`,
    `INSERT INTO ${model.relation} (${names})\nSELECT ${names} FROM ${delta}`,
  ];
}

/** Where an incremental run started: the model's watermark before the run wrote its rows. */
export interface Increment {
  column: string;
  /** The watermark's previous maximum as text; null when the table was empty. */
  from: string | null;
}

async function currentWatermark(client: Queryable, model: ModelDefinition): Promise<Increment> {
  const column = model.watermark ?? '';
  const result = await client.query<{ latest: string | null }>(
    `SELECT max(${ident(column)})::text AS latest FROM ${model.relation}`,
  );
  return { column, from: result.rows[0]?.latest ?? null };
}

/** Applies the rows past the watermark; false when the query's columns no longer match the table. */
async function applyIncrement(
  client: Queryable,
  model: ModelDefinition,
  sql: string,
): Promise<boolean> {
  const delta = 'pg_temp.almanac_increment';
  return inTransaction(client, async () => {
    await client.query(`CREATE TEMP TABLE almanac_increment ON COMMIT DROP AS\n${sql}`);
    const target = await readColumns(client, model.relation);
    if (!sameShape(await readColumns(client, delta), target)) return false;
    const statements =
      model.incrementalStrategy === 'merge'
        ? [upsertSql(model, target, delta)]
        : replaceSql(model, target, delta);
    for (const statement of statements) await client.query(statement);
    await applyComments(client, model, 'TABLE');
    return true;
  });
}

/** Applies the increment, or rebuilds the table; returns the increment when there was one. */
export async function materializeIncremental(
  client: Queryable,
  project: Project,
  model: ModelDefinition,
  attempt: Attempt,
  options: MaterializeOptions,
): Promise<Increment | undefined> {
  const kind = await relationKind(client, model.relation);
  const canApply = kind === 'r' && !options.fullRefresh && (await keyIndexed(client, model));
  // Runs take turns on a warehouse, so the watermark cannot move between here and the apply.
  const increment = canApply ? await currentWatermark(client, model) : null;
  if (increment && increment.from !== null) {
    attempt.sql = compileModel(project, model, true);
    if (await applyIncrement(client, model, attempt.sql)) return increment;
  }
  // First run, forced refresh, no watermark yet, a changed column set or key: rebuild it all.
  attempt.sql = compileModel(project, model, false);
  await materializeTable(client, model, attempt.sql);
  return undefined;
}

/** Builds the model; for an incremental run, says where the increment started. */
export async function materialize(
  client: Queryable,
  project: Project,
  model: ModelDefinition,
  attempt: Attempt,
  options: MaterializeOptions,
): Promise<Increment | undefined> {
  switch (model.materialized) {
    case 'view':
      await materializeView(client, model, attempt.sql);
      return undefined;
    case 'table':
      await materializeTable(client, model, attempt.sql);
      return undefined;
    case 'incremental':
      return materializeIncremental(client, project, model, attempt, options);
  }
}
