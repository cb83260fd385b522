import type { CaseExpr, ColumnRef, FuncCall, Node, SubLink, WindowDef } from 'libpg-query';
import { childNodes, lastName, stringsOf } from './ast.js';
import type { AnalysisContext } from './context.js';
import { type OriginSet, nested, promote, type Usage } from './origins.js';
import { findItem, resolveColumn, starOfItem, starOfNode } from './resolve.js';
import type { DerivedColumn, Scope } from './scope.js';

/** What an expression can see: its query level (and outer ones) and that level's named windows. */
export interface ExprEnv {
  readonly scope: Scope;
  readonly ctx: AnalysisContext;
  readonly windows: ReadonlyMap<string, WindowDef>;
}

/** Built-in aggregates; user-defined ones are only recognised by aggregate-only syntax. */
const AGGREGATES = new Set([
  'any_value',
  'array_agg',
  'avg',
  'bit_and',
  'bit_or',
  'bit_xor',
  'bool_and',
  'bool_or',
  'corr',
  'count',
  'covar_pop',
  'covar_samp',
  'every',
  'json_agg',
  'json_agg_strict',
  'json_object_agg',
  'json_object_agg_strict',
  'json_object_agg_unique',
  'json_object_agg_unique_strict',
  'jsonb_agg',
  'jsonb_agg_strict',
  'jsonb_object_agg',
  'jsonb_object_agg_strict',
  'jsonb_object_agg_unique',
  'jsonb_object_agg_unique_strict',
  'max',
  'min',
  'mode',
  'percentile_cont',
  'percentile_disc',
  'range_agg',
  'range_intersect_agg',
  'regr_avgx',
  'regr_avgy',
  'regr_count',
  'regr_intercept',
  'regr_r2',
  'regr_slope',
  'regr_sxx',
  'regr_sxy',
  'regr_syy',
  'stddev',
  'stddev_pop',
  'stddev_samp',
  'string_agg',
  'sum',
  'variance',
  'var_pop',
  'var_samp',
  'xmlagg',
]);

const AGGREGATE_NODES = new Set(['JsonArrayAgg', 'JsonObjectAgg', 'JsonArrayQueryConstructor']);

function isAggregate(call: FuncCall): boolean {
  return (
    AGGREGATES.has(lastName(call.funcname)?.toLowerCase() ?? '') ||
    call.agg_star === true ||
    call.agg_distinct === true ||
    call.agg_within_group === true ||
    call.agg_filter !== undefined ||
    (call.agg_order?.length ?? 0) > 0
  );
}

export function collectExprs(
  nodes: readonly Node[] | undefined,
  usage: Usage,
  env: ExprEnv,
  into: OriginSet,
): void {
  for (const node of nodes ?? []) collectExpr(node, usage, env, into);
}

function addColumns(columns: readonly DerivedColumn[], usage: Usage, into: OriginSet): void {
  for (const column of columns) into.addVia(column.origins, usage);
}

function collectColumnRef(ref: ColumnRef, usage: Usage, env: ExprEnv, into: OriginSet): void {
  const fields = ref.fields ?? [];
  const last = fields[fields.length - 1];
  const report = (message: string): void => env.ctx.report(message);
  if (last !== undefined && 'A_Star' in last) {
    const qualifier = stringsOf(fields.slice(0, -1));
    if (qualifier.length === 0) {
      for (const node of env.scope.from) addColumns(starOfNode(node, report), usage, into);
      return;
    }
    const item = findItem(env.scope, qualifier);
    if (item === undefined) report(`missing FROM-clause entry for "${qualifier.join('.')}"`);
    else addColumns(starOfItem(item, report), usage, into);
    return;
  }
  const resolved = resolveColumn(env.scope, stringsOf(fields));
  if (resolved.status === 'found') {
    into.addVia(resolved.origins, resolved.wholeRow ? promote(usage, 'TRANSFORMATION') : usage);
  } else if (resolved.status === 'error') {
    report(resolved.message);
  }
}

function collectWindow(
  def: WindowDef,
  usage: Usage,
  env: ExprEnv,
  into: OriginSet,
  seen: Set<string>,
  atCall: boolean,
): void {
  collectExprs(def.partitionClause, usage, env, into);
  collectExprs(def.orderClause, usage, env, into);
  collectExpr(def.startOffset, usage, env, into);
  collectExpr(def.endOffset, usage, env, into);
  // At a call `OVER w` puts the window's name in `name`; in a WINDOW clause `name` is its own.
  for (const ref of [def.refname, atCall ? def.name : undefined]) {
    if (ref === undefined || seen.has(ref)) continue;
    seen.add(ref);
    const named = env.windows.get(ref);
    if (named === undefined) env.ctx.report(`window "${ref}" does not exist`);
    else collectWindow(named, usage, env, into, seen, false);
  }
}

function collectFuncCall(call: FuncCall, usage: Usage, env: ExprEnv, into: OriginSet): void {
  const argUsage = promote(usage, isAggregate(call) ? 'AGGREGATION' : 'TRANSFORMATION');
  collectExprs(call.args, argUsage, env, into);
  // WITHIN GROUP (ORDER BY x) names the aggregated values; a plain aggregate ORDER BY only sorts.
  collectExprs(call.agg_order, call.agg_within_group ? argUsage : nested(usage, 'SORT'), env, into);
  collectExpr(call.agg_filter, nested(usage, 'FILTER'), env, into);
  if (call.over !== undefined) {
    collectWindow(call.over, nested(usage, 'WINDOW'), env, into, new Set(), true);
  }
}

function collectCase(expr: CaseExpr, usage: Usage, env: ExprEnv, into: OriginSet): void {
  const condition = nested(usage, 'CONDITIONAL');
  const value = promote(usage, 'TRANSFORMATION');
  collectExpr(expr.arg, condition, env, into);
  for (const arm of expr.args ?? []) {
    if (!('CaseWhen' in arm)) continue;
    collectExpr(arm.CaseWhen.expr, condition, env, into);
    collectExpr(arm.CaseWhen.result, value, env, into);
  }
  collectExpr(expr.defresult, value, env, into);
}

function collectSubLink(link: SubLink, usage: Usage, env: ExprEnv, into: OriginSet): void {
  if (link.subselect === undefined) return;
  const relation = env.ctx.query(link.subselect, env.scope);
  const first = relation.columns.slice(0, 1);
  switch (link.subLinkType) {
    case 'EXISTS_SUBLINK':
      break;
    case 'EXPR_SUBLINK':
    case 'MULTIEXPR_SUBLINK':
      addColumns(first, usage, into);
      break;
    case 'ARRAY_SUBLINK':
      addColumns(first, promote(usage, 'AGGREGATION'), into);
      break;
    default: {
      const compared = promote(usage, 'TRANSFORMATION');
      collectExpr(link.testexpr, compared, env, into);
      addColumns(relation.columns, compared, into);
    }
  }
  into.addAll(relation.indirect);
}

/**
 * Adds the origins of an expression, as used by `usage`, to `into`. Unknown node kinds are walked
 * generically as transformations of their children, so new syntax degrades instead of failing.
 */
export function collectExpr(
  node: Node | undefined,
  usage: Usage,
  env: ExprEnv,
  into: OriginSet,
): void {
  if (node === undefined) return;
  if ('ColumnRef' in node) {
    collectColumnRef(node.ColumnRef, usage, env, into);
  } else if ('A_Const' in node || 'ParamRef' in node || 'SQLValueFunction' in node) {
    return;
  } else if ('TypeCast' in node) {
    collectExpr(node.TypeCast.arg, promote(usage, 'TRANSFORMATION'), env, into);
  } else if ('CollateClause' in node) {
    collectExpr(node.CollateClause.arg, usage, env, into);
  } else if ('SortBy' in node) {
    collectExpr(node.SortBy.node, usage, env, into);
  } else if ('List' in node) {
    collectExprs(node.List.items, usage, env, into);
  } else if ('FuncCall' in node) {
    collectFuncCall(node.FuncCall, usage, env, into);
  } else if ('CaseExpr' in node) {
    collectCase(node.CaseExpr, usage, env, into);
  } else if ('SubLink' in node) {
    collectSubLink(node.SubLink, usage, env, into);
  } else if ('SelectStmt' in node) {
    const relation = env.ctx.query(node, env.scope);
    addColumns(relation.columns, promote(usage, 'TRANSFORMATION'), into);
    into.addAll(relation.indirect);
  } else {
    const kind = Object.keys(node)[0] ?? '';
    const childUsage = promote(usage, AGGREGATE_NODES.has(kind) ? 'AGGREGATION' : 'TRANSFORMATION');
    collectExprs(childNodes(node), childUsage, env, into);
  }
}
