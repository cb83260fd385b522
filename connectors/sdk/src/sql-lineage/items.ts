import type { RangeVar } from 'libpg-query';
import { stringsOf } from './ast.js';
import { relationName } from './catalog.js';
import type { AnalysisContext } from './context.js';
import { baseOrigin } from './origins.js';
import type { DerivedColumn, DerivedRelation, Resolution, ScopeItem } from './scope.js';
import type { SqlColumnOrigin } from './types.js';

export interface RelationRef {
  schema: string;
  table: string;
  /** Canonical `schema.table`. */
  name: string;
}

export function relationOf(range: RangeVar | undefined, ctx: AnalysisContext): RelationRef | null {
  const table = range?.relname;
  if (range === undefined || table === undefined || table === '') return null;
  // Unqualified temporary tables live in the session's own schema, not the default one.
  const schema = range.schemaname ?? (range.relpersistence === 't' ? 'pg_temp' : ctx.defaultSchema);
  return { schema, table, name: relationName(schema, table) };
}

/** Columns renamed by position, as `AS alias(a, b)` and `CREATE VIEW v(a, b)` do. */
export function renameColumns(
  columns: readonly DerivedColumn[],
  names: readonly string[],
): DerivedColumn[] {
  return columns.map((column, index) => ({ ...column, name: names[index] ?? column.name }));
}

const MISSING: Resolution = { status: 'missing' };

/** A base table or view: its catalog columns, or any column asked for when it is not catalogued. */
export function baseItem(range: RangeVar, ref: RelationRef, ctx: AnalysisContext): ScopeItem {
  const known = ctx.catalog.columnsOf(ref.name);
  const origin = (column: string): SqlColumnOrigin => baseOrigin(ref.name, column);
  let columns: DerivedColumn[] = (known ?? []).map((name) => ({ name, origins: [origin(name)] }));
  let complete = known !== undefined;
  const aliases = stringsOf(range.alias?.colnames);
  if (aliases.length > 0) {
    if (known === undefined) {
      ctx.report(
        `column aliases of ${ref.name} need it in the catalog to know which columns they rename`,
      );
      columns = aliases.map((name) => ({ name, origins: [] }));
      complete = true;
    } else {
      columns = renameColumns(columns, aliases);
    }
  }
  return {
    alias: range.alias?.aliasname ?? ref.table,
    relation: range.alias === undefined ? { schema: ref.schema, table: ref.table } : null,
    columns,
    complete,
    unlisted: (name) =>
      complete ? MISSING : { status: 'found', origins: [origin(name)], guessed: true },
    qualifiedOnly: false,
    label: ref.name,
  };
}

/** A CTE or subquery in FROM, under its alias and optional column aliases. */
export function derivedItem(
  relation: DerivedRelation,
  alias: string,
  columnAliases: readonly string[],
): ScopeItem {
  return {
    alias,
    relation: null,
    columns: renameColumns(relation.columns, columnAliases),
    complete: relation.complete,
    unlisted: (name) => relation.unlisted(name),
    qualifiedOnly: false,
    label: alias,
  };
}

export function emptyRelation(): DerivedRelation {
  return { columns: [], indirect: [], complete: true, unlisted: () => MISSING };
}
