import type {
  DeleteStmt,
  InsertStmt,
  MergeStmt,
  Node,
  RangeVar,
  UpdateStmt,
  WithClause,
} from 'libpg-query';
import { collectAssignments, ColumnWrites } from './assignments.js';
import type { AnalysisContext } from './context.js';
import { bindCtes } from './cte.js';
import { collectExpr, type ExprEnv } from './expr.js';
import { addFromClause, fromNode } from './from.js';
import { baseItem, emptyRelation, relationOf, type RelationRef } from './items.js';
import { IDENTITY, OriginSet, indirect } from './origins.js';
import { Scope, type ScopeItem } from './scope.js';
import type { SqlColumnLineage } from './types.js';

export interface Written {
  output: string | null;
  columns: SqlColumnLineage[];
}

const NOTHING: Written = { output: null, columns: [] };

/** The written relation as a FROM item, below a level holding the statement's CTEs. */
function targetScope(
  relation: RangeVar,
  ref: RelationRef,
  withClause: WithClause | undefined,
  ctx: AnalysisContext,
): Scope {
  const outer = new Scope(null);
  bindCtes(withClause, outer, ctx);
  const scope = new Scope(outer);
  const item = baseItem(relation, ref, ctx);
  scope.items.push(item);
  scope.from.push({ kind: 'item', item });
  return scope;
}

function namesOf(list: readonly Node[] | undefined): string[] {
  return (list ?? []).flatMap((node) =>
    'ResTarget' in node && node.ResTarget.name !== undefined ? [node.ResTarget.name] : [],
  );
}

/** Explicit column list, else the catalog's columns of the target. */
function insertColumns(listed: string[], target: RelationRef, ctx: AnalysisContext): string[] {
  if (listed.length > 0) return listed;
  const known = ctx.catalog.columnsOf(target.name);
  if (known === undefined) {
    ctx.report(
      `INSERT into ${target.name} without a column list needs ${target.name} in the catalog`,
    );
  }
  return [...(known ?? [])];
}

function onConflictUpdate(
  stmt: InsertStmt,
  target: RelationRef,
  writes: ColumnWrites,
  inserted: readonly { name: string; origins: OriginSet }[],
  parent: Scope,
  ctx: AnalysisContext,
): void {
  const clause = stmt.onConflictClause;
  if (clause?.action !== 'ONCONFLICT_UPDATE' || stmt.relation === undefined) return;
  const scope = new Scope(parent);
  scope.items.push(baseItem(stmt.relation, target, ctx));
  const excluded: ScopeItem = {
    alias: 'excluded',
    relation: null,
    columns: inserted.map(({ name, origins }) => ({ name, origins: origins.sorted() })),
    complete: false,
    // A target column left out of the INSERT gets its default: no origins.
    unlisted: () => ({ status: 'found', origins: [] }),
    qualifiedOnly: true,
    label: 'excluded',
  };
  scope.items.push(excluded);
  const env: ExprEnv = { scope, ctx, windows: new Map() };
  const filter = new OriginSet();
  collectExpr(clause.whereClause, indirect('FILTER'), env, filter);
  for (const { column, origins } of collectAssignments(clause.targetList, env)) {
    writes.add(column, origins, filter);
  }
}

export function analyzeInsert(stmt: InsertStmt, ctx: AnalysisContext): Written {
  const target = relationOf(stmt.relation, ctx);
  if (target === null) return NOTHING;
  const scope = new Scope(null);
  bindCtes(stmt.withClause, scope, ctx);
  const source =
    stmt.selectStmt === undefined ? emptyRelation() : ctx.query(stmt.selectStmt, scope);
  const listed = namesOf(stmt.cols);
  const names = insertColumns(listed, target, ctx);
  const values = source.columns.length;
  if (!source.complete) {
    ctx.report(
      `cannot map INSERT values to columns of ${target.name}: the SELECT list has unknown columns`,
    );
  } else if (
    names.length > 0 &&
    (listed.length > 0 ? values !== names.length : values > names.length)
  ) {
    ctx.report(`INSERT into ${target.name} has ${values} values for ${names.length} columns`);
  }
  const inserted = names.slice(0, values).map((name, index) => {
    const origins = new OriginSet();
    origins.addAll(source.columns[index]?.origins ?? []);
    return { name, origins };
  });
  const writes = new ColumnWrites();
  for (const { name, origins } of inserted) writes.add(name, origins);
  onConflictUpdate(stmt, target, writes, inserted, scope, ctx);
  return { output: target.name, columns: writes.lineage(new OriginSet(), ctx, target.name) };
}

export function analyzeUpdate(stmt: UpdateStmt, ctx: AnalysisContext): Written {
  const target = relationOf(stmt.relation, ctx);
  if (target === null || stmt.relation === undefined) return NOTHING;
  const scope = targetScope(stmt.relation, target, stmt.withClause, ctx);
  const level = new OriginSet();
  addFromClause(stmt.fromClause, scope, ctx, level);
  const env: ExprEnv = { scope, ctx, windows: new Map() };
  collectExpr(stmt.whereClause, indirect('FILTER'), env, level);
  const writes = new ColumnWrites();
  for (const { column, origins } of collectAssignments(stmt.targetList, env))
    writes.add(column, origins);
  return { output: target.name, columns: writes.lineage(level, ctx, target.name) };
}

function mergeInsert(
  names: string[],
  values: readonly Node[],
  env: ExprEnv,
  target: RelationRef,
): { column: string; origins: OriginSet }[] {
  const columns = names.length > 0 ? names : insertColumns([], target, env.ctx);
  return columns.slice(0, values.length).map((column, index) => {
    const origins = new OriginSet();
    collectExpr(values[index], IDENTITY, env, origins);
    return { column, origins };
  });
}

/**
 * MERGE writes what its WHEN clauses assign. The ON condition joins source to target; a WHEN
 * clause's own condition decides whether its assignments happen, so it is CONDITIONAL for them.
 */
export function analyzeMerge(stmt: MergeStmt, ctx: AnalysisContext): Written {
  const target = relationOf(stmt.relation, ctx);
  if (target === null || stmt.relation === undefined) return NOTHING;
  const scope = targetScope(stmt.relation, target, stmt.withClause, ctx);
  const level = new OriginSet();
  const source =
    stmt.sourceRelation === undefined ? null : fromNode(stmt.sourceRelation, scope, ctx, level);
  if (source !== null) scope.from.push(source);
  const env: ExprEnv = { scope, ctx, windows: new Map() };
  collectExpr(stmt.joinCondition, indirect('JOIN'), env, level);
  const writes = new ColumnWrites();
  for (const node of stmt.mergeWhenClauses ?? []) {
    if (!('MergeWhenClause' in node)) continue;
    const clause = node.MergeWhenClause;
    const condition = new OriginSet();
    collectExpr(clause.condition, indirect('CONDITIONAL'), env, condition);
    const assigned =
      clause.commandType === 'CMD_UPDATE'
        ? collectAssignments(clause.targetList, env)
        : clause.commandType === 'CMD_INSERT'
          ? mergeInsert(namesOf(clause.targetList), clause.values ?? [], env, target)
          : [];
    for (const { column, origins } of assigned) writes.add(column, origins, condition);
  }
  return { output: target.name, columns: writes.lineage(level, ctx, target.name) };
}

/** DELETE writes no column values; it is analysed only for the relations it reads. */
export function analyzeDelete(stmt: DeleteStmt, ctx: AnalysisContext): void {
  const target = relationOf(stmt.relation, ctx);
  if (target === null || stmt.relation === undefined) return;
  const scope = targetScope(stmt.relation, target, stmt.withClause, ctx);
  const level = new OriginSet();
  addFromClause(stmt.usingClause, scope, ctx, level);
  collectExpr(stmt.whereClause, indirect('FILTER'), { scope, ctx, windows: new Map() }, level);
}
