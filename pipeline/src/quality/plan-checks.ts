import pg from 'pg';
import { type QualityResult } from '../report/run-report.js';
import { compileSql } from '../transform/compile.js';
import { type ColumnDefinition, type Project } from '../transform/project.js';
import { parseTemplate, templateDependencies } from '../transform/template.js';
import { type CheckConfig } from './check-config.js';
import { compileCheck, type CheckResolver } from './check-sql.js';

/** A declared check, compiled and ready to run. */
export interface PlannedCheck {
  /** Stable id: owner.column.kind or owner.kind, with a _2, _3 suffix on repeats. */
  id: string;
  relation: string;
  column?: string;
  check: QualityResult['check'];
  parameters: Record<string, unknown>;
  failuresSql: string;
  /** The failing-row condition of a single-row check (see CompiledCheck). */
  rowFilter?: string;
  /** The model the check belongs to; undefined for checks on sources. */
  model?: string;
  /** Models the check reads besides its own, which must exist before it runs. */
  reads: string[];
  /**
   * For row-level checks of incremental models: the same check over INCREMENT_RELATION, so a
   * micro-batch can check just the rows it wrote.
   */
  incrementSql?: string;
  /** Set on a check narrowed to an increment by scopeToIncrement. */
  increment?: { column: string; after: string };
}

/** The name a scoped check reads the increment under (a CTE the runner puts in front). */
export const INCREMENT_RELATION = 'almanac_increment';

// Whole-table properties (counts, freshness, custom rules) are only meaningful on the whole table.
const ROW_LEVEL = new Set([
  'not_null',
  'unique',
  'accepted_values',
  'range',
  'non_negative',
  'relationships',
]);

interface Owner {
  label: string;
  relation: string;
  model?: string;
  incremental?: boolean;
  checks: CheckConfig[];
  columns: ColumnDefinition[];
}

function resolverFor(project: Project, self: string): CheckResolver {
  return {
    relation: (to) => (to.includes('.') ? to : (project.models.get(to)?.relation ?? to)),
    template: (sql) => compileSql(project, parseTemplate(sql, `check on ${self}`), self),
  };
}

function modelsRead(config: CheckConfig, project: Project, self: string): string[] {
  if (config.kind === 'relationships') return project.models.has(config.to) ? [config.to] : [];
  if (config.kind === 'custom_sql')
    return templateDependencies(parseTemplate(config.sql, `check on ${self}`)).refs;
  return [];
}

function planOwner(owner: Owner, project: Project, ids: Set<string>): PlannedCheck[] {
  const entries = [
    ...owner.checks.map((config) => ({ config, column: undefined as string | undefined })),
    ...owner.columns.flatMap((column) =>
      column.checks.map((config) => ({ config, column: column.name })),
    ),
  ];
  const resolver = resolverFor(project, owner.relation);
  return entries.map(({ config, column }) => {
    const compiled = compileCheck(config, { relation: owner.relation, column }, resolver);
    const scoped =
      owner.incremental && ROW_LEVEL.has(config.kind)
        ? compileCheck(config, { relation: INCREMENT_RELATION, column }, resolver).failuresSql
        : undefined;
    const base = [owner.label, column, config.kind].filter(Boolean).join('.');
    let id = base;
    for (let n = 2; ids.has(id); n += 1) id = `${base}_${n}`;
    ids.add(id);
    return {
      id,
      relation: owner.relation,
      ...(column === undefined ? {} : { column }),
      ...compiled,
      ...(owner.model === undefined ? {} : { model: owner.model }),
      reads: modelsRead(config, project, owner.relation).filter((name) => name !== owner.model),
      ...(scoped === undefined ? {} : { incrementSql: scoped }),
    };
  });
}

/** Compiles every check the project declares on its models and sources. */
export function planChecks(project: Project): PlannedCheck[] {
  const ids = new Set<string>();
  const sources: Owner[] = [...project.sources.values()].map((table) => ({
    label: table.relation,
    relation: table.relation,
    checks: table.checks,
    columns: table.columns,
  }));
  const models: Owner[] = project.dag.order.map((name) => {
    const model = project.models.get(name);
    if (!model) throw new Error(`model ${name} missing from the project`);
    return {
      label: name,
      relation: model.relation,
      model: name,
      incremental: model.materialized === 'incremental',
      checks: model.checks,
      columns: model.columns,
    };
  });
  return [...sources, ...models].flatMap((owner) => planOwner(owner, project, ids));
}

/**
 * Narrows a row-level check of an incremental model to the rows past the watermark the run
 * started from; other checks are returned as they are.
 */
export function scopeToIncrement(
  check: PlannedCheck,
  increment: { column: string; from: string | null },
): PlannedCheck {
  if (check.incrementSql === undefined || increment.from === null) return check;
  const rows = `SELECT * FROM ${check.relation} WHERE ${pg.escapeIdentifier(increment.column)} > ${pg.escapeLiteral(increment.from)}`;
  return {
    ...check,
    failuresSql: `WITH ${INCREMENT_RELATION} AS (${rows})\n${check.incrementSql}`,
    increment: { column: increment.column, after: increment.from },
  };
}
