import type pg from 'pg';
import { LOAD_LEDGER, qualifiedName, RAW_TABLES, type TableDefinition } from './raw-tables.js';
import { withTransaction } from './transaction.js';

// Any constant will do: it only has to be the same for every process creating the schema.
const DDL_LOCK = 5_310_472;

export function createTableSql(table: TableDefinition): string {
  const columns = table.columns.map((column) =>
    [
      column.name,
      column.type,
      column.nullable ? '' : 'NOT NULL',
      column.default ? `DEFAULT ${column.default}` : '',
      column.name === table.primaryKey ? 'PRIMARY KEY' : '',
    ]
      .filter(Boolean)
      .join(' '),
  );
  return `CREATE TABLE IF NOT EXISTS ${qualifiedName(table)} (\n  ${columns.join(',\n  ')}\n)`;
}

/**
 * Incremental models find newly loaded rows by load time. Rows arrive in load order, so a BRIN
 * index answers that for next to nothing on insert, unlike a b-tree that would slow every COPY.
 */
export function loadTimeIndexSql(table: TableDefinition): string | null {
  if (!table.columns.some((column) => column.name === '_loaded_at')) return null;
  return `CREATE INDEX IF NOT EXISTS ${table.name}__loaded_at ON ${qualifiedName(table)} USING brin (_loaded_at)`;
}

/**
 * Creates the `raw` and `pipeline` schemas and their tables when missing; safe to run at every
 * start, also from several processes at once (they queue on an advisory lock).
 */
export async function ensureRawSchema(pool: pg.Pool): Promise<void> {
  await withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [DDL_LOCK]);
    await client.query('CREATE SCHEMA IF NOT EXISTS raw');
    await client.query('CREATE SCHEMA IF NOT EXISTS pipeline');
    for (const table of [...RAW_TABLES, LOAD_LEDGER]) {
      await client.query(createTableSql(table));
      const index = loadTimeIndexSql(table);
      if (index) await client.query(index);
    }
  });
}
