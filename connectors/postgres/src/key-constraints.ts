import type { JsonValue } from '@almanac/sdk';
import type { KeyConstraintRow } from './catalog-queries.js';
import type { PostgresFqns } from './postgres-fqns.js';

/** What a column carries of its table's keys, in the contract's per-column terms. */
export interface ColumnKeys {
  constraint?: 'PRIMARY_KEY' | 'UNIQUE';
  foreignKey?: { table: string; column: string };
}

const CONSTRAINT_TYPES = { p: 'PRIMARY_KEY', u: 'UNIQUE', f: 'FOREIGN_KEY' } as const;

function referencedTable(row: KeyConstraintRow, fqns: PostgresFqns): string | null {
  if (row.referenced_schema === null || row.referenced_table === null) return null;
  return fqns.table(row.referenced_schema, row.referenced_table);
}

/**
 * Per-column keys. Every column of the primary key is marked PRIMARY_KEY (a table has one, so the
 * marked set is the key). UNIQUE marks single-column unique constraints only: two multi-column
 * ones would blur together. A column of a multi-column foreign key points at its counterpart; when
 * a column is in several foreign keys, the first by constraint name wins.
 */
export function columnKeys(
  constraints: readonly KeyConstraintRow[],
  fqns: PostgresFqns,
): Map<string, ColumnKeys> {
  const keys = new Map<string, ColumnKeys>();
  const of = (column: string): ColumnKeys => {
    const existing = keys.get(column) ?? {};
    keys.set(column, existing);
    return existing;
  };
  for (const row of constraints) {
    if (row.type === 'p') row.columns.forEach((column) => (of(column).constraint = 'PRIMARY_KEY'));
  }
  for (const row of constraints) {
    const [only] = row.columns;
    if (row.type === 'u' && row.columns.length === 1 && only !== undefined) {
      of(only).constraint ??= 'UNIQUE';
    }
  }
  for (const row of constraints) {
    const table = referencedTable(row, fqns);
    if (row.type !== 'f' || table === null) continue;
    row.columns.forEach((column, index) => {
      const target = row.referenced_columns?.[index];
      if (target !== undefined) of(column).foreignKey ??= { table, column: target };
    });
  }
  return keys;
}

/** Every key constraint in full (names, column groups, references), for the table attributes. */
export function constraintAttributes(
  constraints: readonly KeyConstraintRow[],
  fqns: PostgresFqns,
): JsonValue[] {
  return constraints.map((row) => {
    const table = referencedTable(row, fqns);
    return {
      name: row.name,
      type: CONSTRAINT_TYPES[row.type],
      columns: row.columns,
      ...(row.type === 'f' && table !== null
        ? { references: { table, columns: row.referenced_columns ?? [] } }
        : {}),
    };
  });
}
