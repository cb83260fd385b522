import pg from 'pg';
import { type ReportColumn } from '../report/run-report.js';

/** Anything that can run a query: a pool or a checked-out client. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<R>>;
}

/** pg_class.relkind: r table, v view, m materialized view, p partitioned table. */
export type RelationKind = 'r' | 'v' | 'm' | 'p' | 'f';

export interface WarehouseColumn {
  name: string;
  dataType: string;
  nullable: boolean;
}

export async function relationKind(db: Queryable, relation: string): Promise<RelationKind | null> {
  const result = await db.query<{ relkind: RelationKind }>(
    'SELECT relkind FROM pg_class WHERE oid = to_regclass($1)',
    [relation],
  );
  return result.rows[0]?.relkind ?? null;
}

/** Columns as the catalog reports them, in ordinal order; format_type keeps numeric(12,2) and text[]. */
export async function readColumns(db: Queryable, relation: string): Promise<WarehouseColumn[]> {
  const result = await db.query<{ name: string; data_type: string; nullable: boolean }>(
    `SELECT attname AS name, format_type(atttypid, atttypmod) AS data_type, NOT attnotnull AS nullable
       FROM pg_attribute
      WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped
      ORDER BY attnum`,
    [relation],
  );
  return result.rows.map((row) => ({
    name: row.name,
    dataType: row.data_type,
    nullable: row.nullable,
  }));
}

export async function countRows(db: Queryable, relation: string): Promise<number> {
  const result = await db.query<{ count: string }>(`SELECT count(*) AS count FROM ${relation}`);
  return Number(result.rows[0]?.count ?? 0);
}

export function toReportColumns(
  columns: readonly WarehouseColumn[],
  descriptions: ReadonlyMap<string, string>,
): ReportColumn[] {
  return columns.map((column, index) => {
    const description = descriptions.get(column.name);
    return {
      name: column.name,
      dataType: column.dataType,
      ...(description === undefined ? {} : { description }),
      ordinal: index + 1,
      nullable: column.nullable,
    };
  });
}

export interface Described {
  relation: string;
  description: string;
  columns: readonly { name: string; description: string }[];
}

/** COMMENT ON the relation and on each documented column that exists. */
export async function applyComments(
  db: Queryable,
  target: Described,
  kind: 'VIEW' | 'TABLE',
): Promise<void> {
  await db.query(
    `COMMENT ON ${kind} ${target.relation} IS ${pg.escapeLiteral(target.description)}`,
  );
  const present = new Set((await readColumns(db, target.relation)).map((column) => column.name));
  for (const column of target.columns) {
    if (!present.has(column.name)) continue;
    await db.query(
      `COMMENT ON COLUMN ${target.relation}.${pg.escapeIdentifier(column.name)} IS ${pg.escapeLiteral(column.description)}`,
    );
  }
}
