import type { Node } from 'libpg-query';
import type { AnalysisContext } from './context.js';
import { collectExpr, type ExprEnv } from './expr.js';
import { IDENTITY, OriginSet } from './origins.js';
import type { SqlColumnLineage, SqlColumnOrigin } from './types.js';

export interface Assignment {
  column: string;
  origins: OriginSet;
}

/** `SET (a, b) = (SELECT x, y ...)` or `= ROW(x, y)`: the colno-th value of the source. */
function collectMultiAssign(
  source: Node | undefined,
  index: number,
  env: ExprEnv,
  into: OriginSet,
): void {
  if (source !== undefined && 'SubLink' in source && source.SubLink.subselect !== undefined) {
    const relation = env.ctx.query(source.SubLink.subselect, env.scope);
    into.addAll(relation.columns[index]?.origins ?? []);
    into.addAll(relation.indirect);
  } else if (source !== undefined && 'RowExpr' in source) {
    collectExpr(source.RowExpr.args?.[index], IDENTITY, env, into);
  } else {
    collectExpr(source, { type: 'DIRECT', subtype: 'TRANSFORMATION' }, env, into);
  }
}

/** The columns a SET list writes, each with the origins of the value written. */
export function collectAssignments(list: readonly Node[] | undefined, env: ExprEnv): Assignment[] {
  const assignments: Assignment[] = [];
  for (const node of list ?? []) {
    if (!('ResTarget' in node) || node.ResTarget.name === undefined) continue;
    const { name, val } = node.ResTarget;
    const origins = new OriginSet();
    if (val !== undefined && 'MultiAssignRef' in val) {
      const { source, colno } = val.MultiAssignRef;
      collectMultiAssign(source, (colno ?? 1) - 1, env, origins);
    } else {
      collectExpr(val, IDENTITY, env, origins);
    }
    assignments.push({ column: name, origins });
  }
  return assignments;
}

/** Folds assignments into per-column lineage in first-written order, adding shared influences. */
export class ColumnWrites {
  private readonly byColumn = new Map<string, OriginSet>();

  add(column: string, ...groups: Iterable<SqlColumnOrigin>[]): void {
    const origins = this.byColumn.get(column) ?? new OriginSet();
    for (const group of groups) origins.addAll(group);
    this.byColumn.set(column, origins);
  }

  lineage(influences: OriginSet, ctx: AnalysisContext, target: string): SqlColumnLineage[] {
    const columns = [...this.byColumn].map(([column, origins]) => {
      origins.addAll(influences);
      return { column, origins: origins.sorted() };
    });
    // The written relation counts as read only where its own columns feed the result.
    if (columns.some(({ origins }) => origins.some((origin) => origin.table === target))) {
      ctx.inputs.add(target);
    }
    return columns;
  }
}
