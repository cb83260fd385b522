import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { planChecks, type PlannedCheck } from '../quality/plan-checks.js';
import { blockedCheck, runCheck } from '../quality/run-checks.js';
import { type ModelReport, type QualityResult } from '../report/run-report.js';
import { compileModel } from './compile.js';
import { selectWithDescendants } from './dag.js';
import { materialize, type Attempt, type MaterializeOptions } from './materialize.js';
import { type ModelDefinition, type Project } from './project.js';
import { countRows, readColumns, toReportColumns } from './warehouse-catalog.js';

export interface RunProjectOptions extends MaterializeOptions {
  /** Run only these models and everything downstream of them (micro-batch refreshes). */
  select?: string[];
}

export interface TransformRunResult {
  /** One report per model that was part of the run, in run order. */
  models: ModelReport[];
  quality: QualityResult[];
}

type Outcome = { status: 'success' } | { status: 'error' | 'skipped'; rootCause: string };

function reportBase(
  project: Project,
  model: ModelDefinition,
): Omit<ModelReport, 'status' | 'compiledSql' | 'columns' | 'durationMs'> {
  const refs = model.refs.map((name) => project.models.get(name)?.relation ?? name);
  return {
    name: model.name,
    schema: model.schema,
    materialized: model.materialized,
    description: model.description,
    owners: model.owners,
    tags: model.tags,
    dependsOn: [...refs, ...model.sources],
  };
}

async function buildModel(
  pool: pg.Pool,
  project: Project,
  model: ModelDefinition,
  options: MaterializeOptions,
): Promise<ModelReport> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const attempt: Attempt = { sql: compileModel(project, model) };
  const elapsed = (): number => Math.round((performance.now() - started) * 1000) / 1000;
  const client = await pool.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${model.schema}`);
    await materialize(client, project, model, attempt, options);
    const descriptions = new Map(model.columns.map((column) => [column.name, column.description]));
    const columns = toReportColumns(await readColumns(client, model.relation), descriptions);
    const rowCount = await countRows(client, model.relation);
    return {
      ...reportBase(project, model),
      status: 'success',
      compiledSql: attempt.sql,
      columns,
      rowCount,
      startedAt,
      durationMs: elapsed(),
    };
  } catch (error) {
    return {
      ...reportBase(project, model),
      status: 'error',
      error: (error as Error).message,
      compiledSql: attempt.sql,
      columns: [],
      startedAt,
      durationMs: elapsed(),
    };
  } finally {
    client.release();
  }
}

function skippedReport(project: Project, model: ModelDefinition, rootCause: string): ModelReport {
  return {
    ...reportBase(project, model),
    status: 'skipped',
    error: `upstream model ${rootCause} failed`,
    compiledSql: compileModel(project, model),
    columns: [],
    durationMs: 0,
  };
}

function failedParent(
  project: Project,
  name: string,
  outcomes: ReadonlyMap<string, Outcome>,
): string | null {
  for (const parent of project.dag.parents.get(name) ?? []) {
    const outcome = outcomes.get(parent);
    if (outcome && outcome.status !== 'success') return outcome.rootCause;
  }
  return null;
}

type Readiness = 'ready' | 'waiting' | 'broken';
type Decision = 'run' | 'wait' | 'drop' | { blockedBy: string };

/** Runs checks once their own model and every model they read have finished; keeps the rest waiting. */
class CheckQueue {
  readonly results: QualityResult[] = [];
  private pending: PlannedCheck[];

  constructor(
    checks: PlannedCheck[],
    private readonly inRun: ReadonlySet<string>,
    private readonly outcomes: ReadonlyMap<string, Outcome>,
  ) {
    this.pending = checks;
  }

  private readiness(name: string): Readiness {
    if (!this.inRun.has(name)) return 'ready';
    const outcome = this.outcomes.get(name);
    if (!outcome) return 'waiting';
    return outcome.status === 'success' ? 'ready' : 'broken';
  }

  private decide(check: PlannedCheck): Decision {
    const own = check.model === undefined ? 'ready' : this.readiness(check.model);
    // Checks of a model that did not build are not run: the model report already says why.
    if (own !== 'ready') return own === 'waiting' ? 'wait' : 'drop';
    if (check.reads.some((name) => this.readiness(name) === 'waiting')) return 'wait';
    const broken = check.reads.find((name) => this.readiness(name) === 'broken');
    return broken === undefined ? 'run' : { blockedBy: broken };
  }

  async flush(db: pg.Pool): Promise<void> {
    const waiting: PlannedCheck[] = [];
    for (const check of this.pending) {
      const decision = this.decide(check);
      if (decision === 'wait') waiting.push(check);
      else if (decision === 'run') this.results.push(await runCheck(db, check));
      else if (decision !== 'drop') {
        this.results.push(blockedCheck(check, `model ${decision.blockedBy} did not build`));
      }
    }
    this.pending = waiting;
  }
}

function checksFor(project: Project, selected: readonly string[]): PlannedCheck[] {
  const chosen = new Set(selected);
  const sources = new Set(selected.flatMap((name) => project.models.get(name)?.sources ?? []));
  return planChecks(project).filter((check) =>
    check.model === undefined ? sources.has(check.relation) : chosen.has(check.model),
  );
}

/**
 * Builds the project's models in DAG order against the warehouse and runs their checks.
 * A failing model does not stop the run: its descendants are skipped, other branches go on.
 */
export async function runProject(
  pool: pg.Pool,
  project: Project,
  options: RunProjectOptions = {},
): Promise<TransformRunResult> {
  const selected = options.select
    ? selectWithDescendants(project.dag, options.select)
    : project.dag.order;
  const outcomes = new Map<string, Outcome>();
  const queue = new CheckQueue(checksFor(project, selected), new Set(selected), outcomes);
  const models: ModelReport[] = [];
  await queue.flush(pool);
  for (const name of selected) {
    const model = project.models.get(name);
    if (!model) continue;
    const rootCause = failedParent(project, name, outcomes);
    const report = rootCause
      ? skippedReport(project, model, rootCause)
      : await buildModel(pool, project, model, options);
    models.push(report);
    outcomes.set(
      name,
      report.status === 'success'
        ? { status: 'success' }
        : { status: report.status, rootCause: rootCause ?? name },
    );
    await queue.flush(pool);
  }
  return { models, quality: queue.results };
}
