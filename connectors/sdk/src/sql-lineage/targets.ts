import type { Node } from 'libpg-query';
import { integerOf, stringsOf } from './ast.js';
import { collectExpr, type ExprEnv } from './expr.js';
import { figureColname } from './naming.js';
import { IDENTITY, OriginSet, type Usage } from './origins.js';
import { findItem, resolveColumn, starOfItem, starOfNode } from './resolve.js';
import { itemsOf, type DerivedColumn, type ScopeItem } from './scope.js';
import type { SqlColumnOrigin } from './types.js';

/** One output column of a query level, before the level's row influences are added. */
export interface Target {
  name: string;
  own: OriginSet;
  /** The expression, re-walked when GROUP BY or ORDER BY refer to the column by name or position. */
  expr?: Node;
  /** For columns that came from `*`: their origins as listed. */
  listed?: readonly SqlColumnOrigin[];
  /** Named with AS, so GROUP BY may refer to it by that name. */
  aliased: boolean;
}

export interface Targets {
  targets: Target[];
  /** Items whose columns `*` could not list; they answer for unlisted columns. */
  open: ScopeItem[];
}

function starColumns(fields: readonly Node[], env: ExprEnv, open: ScopeItem[]): DerivedColumn[] {
  const report = (message: string): void => env.ctx.report(message);
  const qualifier = stringsOf(fields.slice(0, -1));
  if (qualifier.length === 0) {
    for (const node of env.scope.from) open.push(...itemsOf(node).filter((item) => !item.complete));
    return env.scope.from.flatMap((node) => starOfNode(node, report));
  }
  const item = findItem(env.scope, qualifier);
  if (item === undefined) {
    report(`missing FROM-clause entry for "${qualifier.join('.')}"`);
    return [];
  }
  if (!item.complete) open.push(item);
  return starOfItem(item, report);
}

export function resolveTargets(list: readonly Node[] | undefined, env: ExprEnv): Targets {
  const targets: Target[] = [];
  const open: ScopeItem[] = [];
  for (const node of list ?? []) {
    if (!('ResTarget' in node)) continue;
    const { name, val } = node.ResTarget;
    const fields = val !== undefined && 'ColumnRef' in val ? (val.ColumnRef.fields ?? []) : [];
    const last = fields[fields.length - 1];
    if (last !== undefined && 'A_Star' in last) {
      for (const column of starColumns(fields, env, open)) {
        const own = new OriginSet();
        own.addAll(column.origins);
        targets.push({ name: column.name, own, listed: column.origins, aliased: false });
      }
      continue;
    }
    const own = new OriginSet();
    collectExpr(val, IDENTITY, env, own);
    targets.push({ name: name ?? figureColname(val), own, expr: val, aliased: name !== undefined });
  }
  return { targets, open };
}

/** Re-reads an output column in another role, as if its expression were written there. */
export function useTarget(target: Target, usage: Usage, env: ExprEnv, into: OriginSet): void {
  if (target.expr !== undefined) collectExpr(target.expr, usage, env, into);
  else into.addVia(target.listed ?? [], usage);
}

function soleName(node: Node): string | undefined {
  if (!('ColumnRef' in node)) return undefined;
  const fields = node.ColumnRef.fields ?? [];
  const names = stringsOf(fields);
  return fields.length === 1 && names.length === 1 ? names[0] : undefined;
}

function byPosition(
  node: Node,
  targets: readonly Target[],
  env: ExprEnv,
  clause: string,
): Target | null | undefined {
  const position = integerOf(node);
  if (position === undefined) return undefined;
  const target = targets[position - 1];
  if (target === undefined) env.ctx.report(`${clause} position ${position} is not in select list`);
  return target ?? null;
}

/**
 * GROUP BY keys. A bare name means an input column first and an output alias only failing that; an
 * input column merely guessed for a relation outside the catalog loses to a matching alias.
 */
export function collectGroupBy(
  nodes: readonly Node[] | undefined,
  targets: readonly Target[],
  env: ExprEnv,
  into: OriginSet,
  usage: Usage,
): void {
  for (const node of nodes ?? []) {
    if ('GroupingSet' in node) {
      collectGroupBy(node.GroupingSet.content, targets, env, into, usage);
      continue;
    }
    const positional = byPosition(node, targets, env, 'GROUP BY');
    if (positional !== undefined) {
      if (positional !== null) useTarget(positional, usage, env, into);
      continue;
    }
    const name = soleName(node);
    const alias = targets.find((target) => target.aliased && target.name === name);
    if (name !== undefined && alias !== undefined) {
      const input = resolveColumn(env.scope, [name]);
      if (input.status !== 'found' || input.guessed === true) {
        useTarget(alias, usage, env, into);
        continue;
      }
    }
    collectExpr(node, usage, env, into);
  }
}

/** ORDER BY and DISTINCT ON keys: a bare name or a position means an output column first. */
export function collectOutputKeys(
  nodes: readonly Node[] | undefined,
  targets: readonly Target[],
  env: ExprEnv,
  into: OriginSet,
  usage: Usage,
): void {
  for (const entry of nodes ?? []) {
    const node = 'SortBy' in entry ? entry.SortBy.node : entry;
    if (node === undefined) continue;
    const positional = byPosition(node, targets, env, 'ORDER BY');
    if (positional !== undefined) {
      if (positional !== null) useTarget(positional, usage, env, into);
      continue;
    }
    const name = soleName(node);
    const matches = targets.filter((target) => target.name === name);
    if (matches.length > 0) {
      for (const target of matches) useTarget(target, usage, env, into);
      continue;
    }
    collectExpr(node, usage, env, into);
  }
}
