import type { IntoClause, Node } from 'libpg-query';
import { stringsOf } from './ast.js';
import type { AnalysisContext } from './context.js';
import { analyzeDelete, analyzeInsert, analyzeMerge, analyzeUpdate, type Written } from './dml.js';
import { relationOf, renameColumns } from './items.js';
import type { DerivedRelation } from './scope.js';
import type { SqlColumnLineage, StatementKind, StatementLineage } from './types.js';

function lineageOf(relation: DerivedRelation, aliases: readonly string[] = []): SqlColumnLineage[] {
  return renameColumns(relation.columns, aliases).map(({ name, origins }) => ({
    column: name,
    origins: [...origins],
  }));
}

function created(
  query: Node | undefined,
  into: IntoClause | undefined,
  ctx: AnalysisContext,
): Written {
  const relation = query === undefined ? null : ctx.query(query, null);
  return {
    output: relationOf(into?.rel, ctx)?.name ?? null,
    columns: relation === null ? [] : lineageOf(relation, stringsOf(into?.colNames)),
  };
}

function written(node: Node, ctx: AnalysisContext): [StatementKind, Written] {
  if ('SelectStmt' in node) {
    const into = node.SelectStmt.intoClause;
    if (into !== undefined) return ['create_table_as', created(node, into, ctx)];
    return ['select', { output: null, columns: lineageOf(ctx.query(node, null)) }];
  }
  if ('ViewStmt' in node) {
    const { view, query, aliases } = node.ViewStmt;
    const relation = query === undefined ? null : ctx.query(query, null);
    return [
      'create_view',
      {
        output: relationOf(view, ctx)?.name ?? null,
        columns: relation === null ? [] : lineageOf(relation, stringsOf(aliases)),
      },
    ];
  }
  if ('CreateTableAsStmt' in node) {
    const { query, into, objtype } = node.CreateTableAsStmt;
    // A materialized view is stored, but it is still a view over its query.
    const kind = objtype === 'OBJECT_MATVIEW' ? 'create_view' : 'create_table_as';
    return [kind, created(query, into, ctx)];
  }
  if ('InsertStmt' in node) return ['insert', analyzeInsert(node.InsertStmt, ctx)];
  if ('UpdateStmt' in node) return ['update', analyzeUpdate(node.UpdateStmt, ctx)];
  if ('MergeStmt' in node) return ['merge', analyzeMerge(node.MergeStmt, ctx)];
  if ('DeleteStmt' in node) analyzeDelete(node.DeleteStmt, ctx);
  return ['other', { output: null, columns: [] }];
}

/** The lineage of one parsed statement; problems go to `ctx.report`. */
export function analyzeStatement(node: Node, ctx: AnalysisContext): StatementLineage {
  const [kind, { output, columns }] = written(node, ctx);
  return { kind, output, inputs: [...ctx.inputs].sort(), columns };
}
