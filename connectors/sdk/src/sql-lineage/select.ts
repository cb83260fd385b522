import type { Node, SelectStmt, WindowDef } from 'libpg-query';
import { integerOf, nodeKind } from './ast.js';
import type { AnalysisContext } from './context.js';
import { bindCtes } from './cte.js';
import { collectExpr, type ExprEnv } from './expr.js';
import { addFromClause } from './from.js';
import { emptyRelation } from './items.js';
import { IDENTITY, OriginSet, indirect, mergeOrigins } from './origins.js';
import { lookupAmong } from './resolve.js';
import { Scope, type DerivedRelation, type ScopeItem } from './scope.js';
import { collectGroupBy, collectOutputKeys, resolveTargets } from './targets.js';

const FILTER = indirect('FILTER');
const SORT = indirect('SORT');

function windowsOf(clause: readonly Node[] | undefined): Map<string, WindowDef> {
  const windows = new Map<string, WindowDef>();
  for (const node of clause ?? []) {
    if ('WindowDef' in node && node.WindowDef.name !== undefined) {
      windows.set(node.WindowDef.name, node.WindowDef);
    }
  }
  return windows;
}

function resolvePlain(stmt: SelectStmt, scope: Scope, ctx: AnalysisContext): DerivedRelation {
  const level = new OriginSet();
  addFromClause(stmt.fromClause, scope, ctx, level);
  const env: ExprEnv = { scope, ctx, windows: windowsOf(stmt.windowClause) };
  collectExpr(stmt.whereClause, FILTER, env, level);
  const { targets, open } = resolveTargets(stmt.targetList, env);
  collectGroupBy(stmt.groupClause, targets, env, level, indirect('GROUP_BY'));
  collectExpr(stmt.havingClause, FILTER, env, level);
  collectOutputKeys(stmt.sortClause, targets, env, level, SORT);
  // DISTINCT ON keeps one row per key, which is a grouping.
  collectOutputKeys(stmt.distinctClause, targets, env, level, indirect('GROUP_BY'));
  collectExpr(stmt.limitCount, FILTER, env, level);
  collectExpr(stmt.limitOffset, FILTER, env, level);
  const influences = level.sorted();
  return {
    columns: targets.map((target) => ({
      name: target.name,
      origins: mergeOrigins(target.own, influences),
    })),
    indirect: influences,
    complete: open.length === 0,
    unlisted: (name) => {
      const found = lookupAmong(open, name, () => false);
      return found.status === 'found'
        ? { ...found, origins: mergeOrigins(found.origins, influences) }
        : found;
    },
  };
}

function resolveValues(stmt: SelectStmt, scope: Scope, ctx: AnalysisContext): DerivedRelation {
  const env: ExprEnv = { scope, ctx, windows: new Map() };
  const columns: OriginSet[] = [];
  for (const row of stmt.valuesLists ?? []) {
    const items = 'List' in row ? (row.List.items ?? []) : [];
    items.forEach((item, index) => {
      const origins = columns[index] ?? new OriginSet();
      columns[index] = origins;
      collectExpr(item, IDENTITY, env, origins);
    });
  }
  return {
    ...emptyRelation(),
    columns: columns.map((origins, index) => ({
      name: `column${index + 1}`,
      origins: origins.sorted(),
    })),
  };
}

/** ORDER BY on a set operation sees only its output columns, by name or position. */
function sortSetOperation(
  keys: readonly Node[] | undefined,
  columns: readonly { name: string; origins: OriginSet }[],
  scope: Scope,
  ctx: AnalysisContext,
  level: OriginSet,
): void {
  const output: ScopeItem = {
    alias: null,
    relation: null,
    columns: columns.map(({ name, origins }) => ({ name, origins: origins.sorted() })),
    complete: true,
    unlisted: () => ({ status: 'missing' }),
    qualifiedOnly: false,
    label: 'set operation result',
  };
  const outputScope = new Scope(scope);
  outputScope.items.push(output);
  const env: ExprEnv = { scope: outputScope, ctx, windows: new Map() };
  for (const entry of keys ?? []) {
    const key = 'SortBy' in entry ? entry.SortBy.node : entry;
    const position = integerOf(key);
    if (position === undefined) collectExpr(key, SORT, env, level);
    else level.addVia(output.columns[position - 1]?.origins ?? [], SORT);
  }
}

/**
 * UNION and INTERSECT output values from every branch; EXCEPT outputs the left branch's values,
 * the right branch only removing rows.
 */
function resolveSetOperation(
  stmt: SelectStmt,
  scope: Scope,
  ctx: AnalysisContext,
): DerivedRelation {
  const branch = (side: SelectStmt | undefined): DerivedRelation =>
    side === undefined ? emptyRelation() : ctx.query({ SelectStmt: side }, scope);
  const left = branch(stmt.larg);
  const right = branch(stmt.rarg);
  if (left.complete && right.complete && left.columns.length !== right.columns.length) {
    const operation = stmt.op?.replace('SETOP_', '') ?? 'set operation';
    ctx.report(`each ${operation} branch must have the same number of columns`);
  }
  const except = stmt.op === 'SETOP_EXCEPT';
  const level = new OriginSet();
  level.addAll(left.indirect);
  level.addAll(right.indirect);
  if (except) {
    for (const column of right.columns) level.addVia(column.origins, FILTER);
  }
  const merged = left.columns.map((column, index) => {
    const origins = new OriginSet();
    origins.addAll(column.origins);
    if (!except) origins.addAll(right.columns[index]?.origins ?? []);
    return { name: column.name, origins };
  });
  sortSetOperation(stmt.sortClause, merged, scope, ctx, level);
  const influences = level.sorted();
  return {
    columns: merged.map(({ name, origins }) => ({
      name,
      origins: mergeOrigins(origins, influences),
    })),
    indirect: influences,
    complete: left.complete && right.complete,
    unlisted: (name) => left.unlisted(name),
  };
}

export function resolveSelect(
  stmt: SelectStmt,
  parent: Scope | null,
  ctx: AnalysisContext,
): DerivedRelation {
  const scope = new Scope(parent);
  bindCtes(stmt.withClause, scope, ctx);
  if (stmt.op !== undefined && stmt.op !== 'SETOP_NONE') {
    return resolveSetOperation(stmt, scope, ctx);
  }
  if (stmt.valuesLists !== undefined) return resolveValues(stmt, scope, ctx);
  return resolvePlain(stmt, scope, ctx);
}

/** Resolves a subquery; anything but SELECT (a data-modifying CTE, say) has no known columns. */
export function resolveQuery(
  node: Node,
  parent: Scope | null,
  ctx: AnalysisContext,
): DerivedRelation {
  if ('SelectStmt' in node) return resolveSelect(node.SelectStmt, parent, ctx);
  ctx.report(`unsupported subquery ${nodeKind(node)}`, true);
  return emptyRelation();
}
