import type { Node, RangeFunction, RangeVar } from 'libpg-query';
import { childNodes, isNode, lastName, nodeKind, stringsOf } from './ast.js';
import type { AnalysisContext } from './context.js';
import { collectExpr, type ExprEnv } from './expr.js';
import { baseItem, derivedItem, relationOf } from './items.js';
import { joinNode } from './join.js';
import { OriginSet, type Usage } from './origins.js';
import type { DerivedColumn, DerivedRelation, FromNode, Scope, ScopeItem } from './scope.js';

const TRANSFORMATION: Usage = { type: 'DIRECT', subtype: 'TRANSFORMATION' };

/** Set-returning functions whose output columns are fixed without a column definition list. */
const FUNCTION_COLUMNS: Record<string, string[]> = {
  json_each: ['key', 'value'],
  json_each_text: ['key', 'value'],
  jsonb_each: ['key', 'value'],
  jsonb_each_text: ['key', 'value'],
};

function fixedRelation(columns: DerivedColumn[]): DerivedRelation {
  return { columns, indirect: [], complete: true, unlisted: () => ({ status: 'missing' }) };
}

function addItem(scope: Scope, item: ScopeItem): FromNode {
  scope.items.push(item);
  return { kind: 'item', item };
}

function rangeVarNode(
  range: RangeVar,
  scope: Scope,
  ctx: AnalysisContext,
  level: OriginSet,
): FromNode | null {
  const aliases = stringsOf(range.alias?.colnames);
  const cte =
    range.schemaname === undefined && range.relname !== undefined
      ? scope.cte(range.relname)
      : undefined;
  if (cte !== undefined && range.relname !== undefined) {
    level.addAll(cte.indirect);
    return addItem(scope, derivedItem(cte, range.alias?.aliasname ?? range.relname, aliases));
  }
  const ref = relationOf(range, ctx);
  if (ref === null) return null;
  ctx.inputs.add(ref.name);
  return addItem(scope, baseItem(range, ref, ctx));
}

/** Column names of a definition list such as `AS (id int, name text)`. */
function definedNames(list: Node | Node[] | undefined): string[] | undefined {
  const nodes = isNode(list) && 'List' in list ? list.List.items : Array.isArray(list) ? list : [];
  const names = (nodes ?? []).flatMap((node) =>
    'ColumnDef' in node && node.ColumnDef.colname !== undefined ? [node.ColumnDef.colname] : [],
  );
  return names.length > 0 ? names : undefined;
}

/** A function in FROM; its arguments may use the items to its left (functions are always lateral). */
function functionNode(range: RangeFunction, scope: Scope, ctx: AnalysisContext): FromNode {
  const env: ExprEnv = { scope: scope.viewForFromItem(true), ctx, windows: new Map() };
  const columns: DerivedColumn[] = [];
  let firstName: string | undefined;
  let named = false;
  for (const entry of range.functions ?? []) {
    const [call, definitions] = 'List' in entry ? (entry.List.items ?? []) : [entry];
    const origins = new OriginSet();
    collectExpr(call, TRANSFORMATION, env, origins);
    const name =
      call !== undefined && 'FuncCall' in call ? lastName(call.FuncCall.funcname) : undefined;
    firstName ??= name ?? 'function';
    const defined = definedNames(definitions) ?? definedNames(range.coldeflist);
    const known = name === undefined ? undefined : FUNCTION_COLUMNS[name];
    named ||= defined !== undefined || known !== undefined;
    for (const column of defined ?? known ?? [name ?? 'function']) {
      columns.push({ name: column, origins: origins.sorted() });
    }
  }
  const alias = range.alias?.aliasname;
  // A function returning one scalar column names that column after the table alias.
  if (alias !== undefined && !named && columns.length === 1 && columns[0] !== undefined) {
    columns[0] = { ...columns[0], name: alias };
  }
  if (range.ordinality === true) columns.push({ name: 'ordinality', origins: [] });
  const label = alias ?? firstName ?? 'function';
  return addItem(
    scope,
    derivedItem(fixedRelation(columns), label, stringsOf(range.alias?.colnames)),
  );
}

/** XMLTABLE, JSON_TABLE and the like: every column derives from every input expression. */
function tableFunctionNode(node: Node, scope: Scope, ctx: AnalysisContext): FromNode {
  const env: ExprEnv = { scope: scope.viewForFromItem(true), ctx, windows: new Map() };
  const origins = new OriginSet();
  const names: string[] = [];
  let alias: string | undefined;
  for (const child of childNodes(node)) {
    if ('RangeTableFuncCol' in child && child.RangeTableFuncCol.colname !== undefined) {
      names.push(child.RangeTableFuncCol.colname);
    } else if ('JsonTableColumn' in child && child.JsonTableColumn.name !== undefined) {
      names.push(child.JsonTableColumn.name);
    } else {
      collectExpr(child, TRANSFORMATION, env, origins);
    }
  }
  if ('RangeTableFunc' in node) alias = node.RangeTableFunc.alias?.aliasname;
  if ('JsonTable' in node) alias = node.JsonTable.alias?.aliasname;
  const columns = names.map((name) => ({ name, origins: origins.sorted() }));
  const label = alias ?? nodeKind(node).toLowerCase();
  return addItem(scope, derivedItem(fixedRelation(columns), label, []));
}

/** Resolves one FROM entry into `scope`, adding its row-level influences to `level`. */
export function fromNode(
  node: Node,
  scope: Scope,
  ctx: AnalysisContext,
  level: OriginSet,
): FromNode | null {
  if ('RangeVar' in node) return rangeVarNode(node.RangeVar, scope, ctx, level);
  if ('RangeSubselect' in node) {
    const { subquery, lateral, alias } = node.RangeSubselect;
    if (subquery === undefined) return null;
    const relation = ctx.query(subquery, scope.viewForFromItem(lateral === true));
    level.addAll(relation.indirect);
    const name = alias?.aliasname ?? 'unnamed_subquery';
    return addItem(scope, derivedItem(relation, name, stringsOf(alias?.colnames)));
  }
  if ('RangeFunction' in node) return functionNode(node.RangeFunction, scope, ctx);
  if ('RangeTableSample' in node) {
    const sampled = node.RangeTableSample.relation;
    return sampled === undefined ? null : fromNode(sampled, scope, ctx, level);
  }
  if ('JoinExpr' in node) {
    return joinNode(node.JoinExpr, scope, ctx, level, (side) => fromNode(side, scope, ctx, level));
  }
  if ('RangeTableFunc' in node || 'JsonTable' in node) return tableFunctionNode(node, scope, ctx);
  ctx.report(`unsupported FROM item ${nodeKind(node)}`, true);
  return null;
}

export function addFromClause(
  nodes: readonly Node[] | undefined,
  scope: Scope,
  ctx: AnalysisContext,
  level: OriginSet,
): void {
  for (const node of nodes ?? []) {
    const resolved = fromNode(node, scope, ctx, level);
    if (resolved !== null) scope.from.push(resolved);
  }
}
