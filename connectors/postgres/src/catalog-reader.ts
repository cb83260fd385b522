import type pg from 'pg';
import {
  COLUMNS_QUERY,
  DATABASE_QUERY,
  KEY_CONSTRAINTS_QUERY,
  RELATIONS_QUERY,
  SCHEMAS_QUERY,
  type ColumnRow,
  type DatabaseRow,
  type KeyConstraintRow,
  type RelationRow,
  type SchemaRow,
} from './catalog-queries.js';

/** Everything the source reads from one database, as one consistent snapshot. */
export interface CatalogSnapshot {
  database: DatabaseRow;
  schemas: SchemaRow[];
  relations: RelationRow[];
  columns: ColumnRow[];
  constraints: KeyConstraintRow[];
}

async function rowsOf<T extends pg.QueryResultRow>(
  client: pg.Client,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return (await client.query<T>(sql, params)).rows;
}

async function readAll(client: pg.Client, schemas: string[] | null): Promise<CatalogSnapshot> {
  const [database] = await rowsOf<DatabaseRow>(client, DATABASE_QUERY);
  if (database === undefined) throw new Error('the current database is missing from pg_database');
  return {
    database,
    schemas: await rowsOf<SchemaRow>(client, SCHEMAS_QUERY, [schemas]),
    relations: await rowsOf<RelationRow>(client, RELATIONS_QUERY, [schemas]),
    columns: await rowsOf<ColumnRow>(client, COLUMNS_QUERY, [schemas]),
    constraints: await rowsOf<KeyConstraintRow>(client, KEY_CONSTRAINTS_QUERY, [schemas]),
  };
}

// Read-only and repeatable-read, so every query of a read sees the same moment even while DDL
// runs; search_path is pinned so printed names are schema-qualified whatever the role's setting.
async function inCatalogTransaction<T>(client: pg.Client, read: () => Promise<T>): Promise<T> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await client.query('SET LOCAL search_path = pg_catalog');
    const result = await read();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function schemaFilter(schemas: readonly string[] | undefined): string[] | null {
  return schemas === undefined ? null : [...schemas];
}

/** Reads the catalog of the selected schemas (every non-system schema when `schemas` is omitted). */
export function readCatalog(
  client: pg.Client,
  schemas: readonly string[] | undefined,
): Promise<CatalogSnapshot> {
  return inCatalogTransaction(client, () => readAll(client, schemaFilter(schemas)));
}

/** Reads only the relations of the selected schemas. */
export function readRelations(
  client: pg.Client,
  schemas: readonly string[] | undefined,
): Promise<RelationRow[]> {
  return inCatalogTransaction(client, () =>
    rowsOf<RelationRow>(client, RELATIONS_QUERY, [schemaFilter(schemas)]),
  );
}
