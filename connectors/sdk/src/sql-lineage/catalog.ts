import { buildFqn, parseFqn } from '../fqn.js';
import { messageOf } from './ast.js';
import type { SchemaCatalog } from './types.js';

export function relationName(schema: string, table: string): string {
  return buildFqn([schema, table]);
}

export interface Catalog {
  columnsOf(relation: string): readonly string[] | undefined;
}

/** Indexes the caller's catalog by canonical relation name, reporting keys that are not names. */
export function loadCatalog(
  catalog: SchemaCatalog | undefined,
  defaultSchema: string,
  report: (message: string) => void,
): Catalog {
  const byName = new Map<string, readonly string[]>();
  for (const [key, columns] of Object.entries(catalog ?? {})) {
    if (!Array.isArray(columns) || !columns.every((column) => typeof column === 'string')) {
      report(`catalog entry ${JSON.stringify(key)} is not a list of column names`);
      continue;
    }
    let parts: string[];
    try {
      parts = parseFqn(key);
    } catch (error) {
      report(`catalog key ${JSON.stringify(key)} is not a relation name: ${messageOf(error)}`);
      continue;
    }
    // A database prefix is dropped: PostgreSQL queries never leave the current database.
    const [schema, table] = parts.length === 1 ? [defaultSchema, parts[0]] : parts.slice(-2);
    if (schema !== undefined && table !== undefined) {
      byName.set(relationName(schema, table), columns);
    }
  }
  return { columnsOf: (relation) => byName.get(relation) };
}
