import type { Node, WithClause } from 'libpg-query';
import { stringsOf } from './ast.js';
import type { AnalysisContext } from './context.js';
import { renameColumns } from './items.js';
import { signature } from './origins.js';
import type { DerivedRelation, Scope } from './scope.js';

/** Each round can only add origins, so this bounds rounds for absurdly deep recursion only. */
const MAX_ROUNDS = 50;

function renamed(relation: DerivedRelation, aliases: readonly string[]): DerivedRelation {
  return { ...relation, columns: renameColumns(relation.columns, aliases) };
}

function fingerprint(relation: DerivedRelation): string {
  return signature([...relation.columns, { name: '', origins: relation.indirect }]);
}

/**
 * A recursive CTE is resolved from its non-recursive term, then re-resolved with its own earlier
 * result in scope until the origins stop growing.
 */
function resolveRecursive(
  query: Node,
  name: string,
  aliases: readonly string[],
  scope: Scope,
  ctx: AnalysisContext,
): DerivedRelation {
  const body = 'SelectStmt' in query ? query.SelectStmt : undefined;
  if (body?.op !== 'SETOP_UNION' || body.larg === undefined) {
    return renamed(ctx.query(query, scope), aliases);
  }
  let current = renamed(ctx.query({ SelectStmt: body.larg }, scope), aliases);
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    scope.ctes.set(name, current);
    const next = renamed(ctx.query(query, scope), aliases);
    if (fingerprint(next) === fingerprint(current)) return next;
    current = next;
  }
  return current;
}

/** Binds a WITH clause's CTEs in `scope`, each seeing those before it. */
export function bindCtes(clause: WithClause | undefined, scope: Scope, ctx: AnalysisContext): void {
  for (const node of clause?.ctes ?? []) {
    if (!('CommonTableExpr' in node)) continue;
    const { ctename: name, ctequery: query, aliascolnames } = node.CommonTableExpr;
    if (name === undefined || query === undefined) continue;
    const aliases = stringsOf(aliascolnames);
    const relation =
      clause?.recursive === true
        ? resolveRecursive(query, name, aliases, scope, ctx)
        : renamed(ctx.query(query, scope), aliases);
    scope.ctes.set(name, relation);
  }
}
