import type { JoinExpr, JoinType, Node } from 'libpg-query';
import { stringsOf } from './ast.js';
import type { AnalysisContext } from './context.js';
import { collectExpr } from './expr.js';
import { renameColumns } from './items.js';
import { OriginSet, indirect, type Usage } from './origins.js';
import { lookupAmong, starOfNode } from './resolve.js';
import { itemsOf, type FromNode, type Resolution, type Scope, type ScopeItem } from './scope.js';
import type { SqlColumnOrigin } from './types.js';

const JOIN = indirect('JOIN');
const TRANSFORMATION: Usage = { type: 'DIRECT', subtype: 'TRANSFORMATION' };
const ignore = (): void => undefined;

function usingOrigins(
  found: Resolution,
  name: string,
  ctx: AnalysisContext,
): readonly SqlColumnOrigin[] {
  if (found.status === 'found') return found.origins;
  ctx.report(
    found.status === 'error'
      ? found.message
      : `column "${name}" specified in USING clause does not exist`,
  );
  return [];
}

/** The value of a USING column: the left side's, the right's for RIGHT JOIN, either for FULL. */
function mergedValue(
  type: JoinType | undefined,
  left: readonly SqlColumnOrigin[],
  right: readonly SqlColumnOrigin[],
): SqlColumnOrigin[] {
  const merged = new OriginSet();
  if (type === 'JOIN_FULL') {
    merged.addVia(left, TRANSFORMATION);
    merged.addVia(right, TRANSFORMATION);
  } else {
    merged.addAll(type === 'JOIN_RIGHT' ? right : left);
  }
  return merged.sorted();
}

function naturalColumns(left: FromNode, right: FromNode, ctx: AnalysisContext): string[] {
  if (![...itemsOf(left), ...itemsOf(right)].every((item) => item.complete)) {
    ctx.report('NATURAL JOIN needs the columns of both sides (add them to the catalog)');
    return [];
  }
  const rightNames = new Set(starOfNode(right, ignore).map((column) => column.name));
  const names = starOfNode(left, ignore).map((column) => column.name);
  return [...new Set(names.filter((name) => rightNames.has(name)))];
}

/**
 * USING and NATURAL merge each named column into one unqualified column; the sides' own columns
 * then answer only to qualified references.
 */
function mergeUsing(
  join: JoinExpr,
  names: readonly string[],
  sides: readonly [ScopeItem[], ScopeItem[]],
  scope: Scope,
  ctx: AnalysisContext,
  level: OriginSet,
): ScopeItem {
  const columns = names.map((name) => {
    const hidden = (item: ScopeItem): boolean => scope.hidden.get(item)?.has(name) ?? false;
    const [left, right] = sides.map((items) =>
      usingOrigins(lookupAmong(items, name, hidden), name, ctx),
    );
    level.addVia(left ?? [], JOIN);
    level.addVia(right ?? [], JOIN);
    return { name, origins: mergedValue(join.jointype, left ?? [], right ?? []) };
  });
  for (const item of sides.flat()) {
    for (const name of names) scope.hide(item, name);
  }
  const merged: ScopeItem = {
    alias: null,
    relation: null,
    columns,
    complete: true,
    unlisted: () => ({ status: 'missing' }),
    qualifiedOnly: false,
    label: `USING (${names.join(', ')})`,
  };
  scope.items.push(merged);
  const usingAlias = join.join_using_alias?.aliasname;
  if (usingAlias !== undefined) {
    scope.items.push({ ...merged, alias: usingAlias, qualifiedOnly: true, label: usingAlias });
  }
  return merged;
}

/** An aliased join hides its members' names behind the alias; its columns are its `*`. */
function aliasedJoin(node: FromNode, join: JoinExpr, alias: string, scope: Scope): FromNode {
  const members = itemsOf(node);
  const item: ScopeItem = {
    alias,
    relation: null,
    columns: renameColumns(starOfNode(node, ignore), stringsOf(join.alias?.colnames)),
    complete: members.every((member) => member.complete),
    unlisted: (name) => lookupAmong(members, name, (member) => scope.isHidden(member, name)),
    qualifiedOnly: true,
    label: alias,
  };
  scope.items.push(item);
  return { kind: 'item', item };
}

/** Resolves a JOIN: both sides, then USING/NATURAL columns and ON keys as JOIN influences. */
export function joinNode(
  join: JoinExpr,
  scope: Scope,
  ctx: AnalysisContext,
  level: OriginSet,
  side: (node: Node) => FromNode | null,
): FromNode | null {
  const left = join.larg === undefined ? null : side(join.larg);
  const right = join.rarg === undefined ? null : side(join.rarg);
  if (left === null || right === null) return left ?? right;
  const names =
    join.isNatural === true ? naturalColumns(left, right, ctx) : stringsOf(join.usingClause);
  const merged =
    names.length === 0
      ? null
      : mergeUsing(join, names, [itemsOf(left), itemsOf(right)], scope, ctx, level);
  collectExpr(join.quals, JOIN, { scope, ctx, windows: new Map() }, level);
  const node: FromNode = { kind: 'join', left, right, merged };
  const alias = join.alias?.aliasname;
  return alias === undefined ? node : aliasedJoin(node, join, alias, scope);
}
