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
  /** The model the check belongs to; undefined for checks on sources. */
  model?: string;
  /** Models the check reads besides its own, which must exist before it runs. */
  reads: string[];
}

interface Owner {
  label: string;
  relation: string;
  model?: string;
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
      checks: model.checks,
      columns: model.columns,
    };
  });
  return [...sources, ...models].flatMap((owner) => planOwner(owner, project, ids));
}
