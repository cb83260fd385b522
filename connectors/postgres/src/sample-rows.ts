import pg from 'pg';
import { buildFqn } from '@almanac/sdk';
import type { RelationKind, RelationRow } from './catalog-queries.js';
import type { PostgresFqns } from './postgres-fqns.js';
import { isPartition } from './table-records.js';

/** Up to N rows of one table, every value in its PostgreSQL text form. */
export interface TableSample {
  /** FQN of the table record. */
  table: string;
  columns: string[];
  rows: (string | null)[][];
}

// Views run arbitrary queries and foreign tables reach other systems, so only stored data is
// read; a partitioned table is sampled through its parent.
const SAMPLED_KINDS: ReadonlySet<RelationKind> = new Set(['r', 'p', 'm']);

// Every value stays in the server's text output form (numerics exact, arrays as `{a,b}`).
const AS_TEXT: pg.CustomTypesConfig = { getTypeParser: () => (value: string) => value };

/** Relations whose rows `samples()` reads. */
export function sampledRelations(relations: readonly RelationRow[]): RelationRow[] {
  return relations.filter((relation) => SAMPLED_KINDS.has(relation.kind) && !isPartition(relation));
}

/**
 * Reads the first `limit` rows of a table. `LIMIT` rather than `TABLESAMPLE`: a percentage sample
 * of a small table is often empty, and `SYSTEM_ROWS` needs an extension.
 */
export async function sampleTable(
  client: pg.Client,
  relation: RelationRow,
  limit: number,
  fqns: PostgresFqns,
): Promise<TableSample> {
  const table = `${pg.escapeIdentifier(relation.schema)}.${pg.escapeIdentifier(relation.name)}`;
  const result = await client.query<(string | null)[]>({
    text: `SELECT * FROM ${table} LIMIT $1`,
    values: [limit],
    rowMode: 'array',
    types: AS_TEXT,
  });
  return {
    table: fqns.table(relation.schema, relation.name),
    columns: result.fields.map((field) => field.name),
    rows: result.rows,
  };
}

/** A readable name for warnings about a relation. */
export function relationLabel(relation: RelationRow): string {
  return buildFqn([relation.schema, relation.name]);
}
