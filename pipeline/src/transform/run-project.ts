import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { planChecks, scopeToIncrement, type PlannedCheck } from '../quality/plan-checks.js';
import { blockedCheck, runChecksSharingScans } from '../quality/run-checks.js';
import { type ModelReport, type QualityResult } from '../report/run-report.js';
import { compileModel } from './compile.js';
import { selectWithDescendants } from './dag.js';
import {
  materialize,
  type Attempt,
  type Increment,
  type MaterializeOptions,
} from './materialize.js';
import { type ModelDefinition, type Project } from './project.js';
import { countRows, readColumns, toReportColumns } from './warehouse-catalog.js';

export interface RunProjectOptions extends MaterializeOptions {
  /** Run only these models and everything downstream of them. */
  select?: string[];
  /**
   * `micro-batch` builds only the models marked for micro-batches (incremental models and views
   * unless configured otherwise) and their checks, row-level checks of incremental models on the
   * new rows only; source checks and the other tables wait for the next batch run.
   */
  refresh?: 'all' | 'micro-batch';
  /** Told as each model starts building, for progress output. */
  onModel?: (progress: ModelProgress) => void;
}

export interface ModelProgress {
  model: string;
  /** 1-based position in the run. */
  number: number;
  models: number;
}

export interface TransformRunResult {
  /** One report per model that was part of the run, in run order. */
  models: ModelReport[];
  quality: QualityResult[];
}

type Outcome =
  { status: 'success'; increment?: Increment } | { status: 'error' | 'skipped'; rootCause: string };

interface Built {
  report: ModelReport;
  increment?: Increment;
}

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

/**
 * Model builds sort and hash millions of rows (deduplication, sessions, index builds); the server's
 * defaults (4 MB, 64 MB) would spill them to disk. Session-level, so other clients keep theirs.
 */
const BUILD_SETTINGS = ["SET work_mem = '256MB'", "SET maintenance_work_mem = '512MB'"];

async function buildModel(
  pool: pg.Pool,
  project: Project,
  model: ModelDefinition,
  options: MaterializeOptions,
): Promise<Built> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const attempt: Attempt = { sql: compileModel(project, model) };
  const elapsed = (): number => Math.round((performance.now() - started) * 1000) / 1000;
  const client = await pool.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${model.schema}`);
    for (const setting of BUILD_SETTINGS) await client.query(setting);
    const increment = await materialize(client, project, model, attempt, options);
    const descriptions = new Map(model.columns.map((column) => [column.name, column.description]));
    const columns = toReportColumns(await readColumns(client, model.relation), descriptions);
    const rowCount = await countRows(client, model.relation);
    const report: ModelReport = {
      ...reportBase(project, model),
      status: 'success',
      compiledSql: attempt.sql,
      columns,
      rowCount,
      startedAt,
      durationMs: elapsed(),
    };
    return increment ? { report, increment } : { report };
  } catch (error) {
    const report: ModelReport = {
      ...reportBase(project, model),
      status: 'error',
      error: (error as Error).message,
      compiledSql: attempt.sql,
      columns: [],
      startedAt,
      durationMs: elapsed(),
    };
    return { report };
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
    /** Micro-batches check only the rows incremental models wrote; batches check everything. */
    private readonly checkIncrementsOnly: boolean,
  ) {
    this.pending = checks;
  }

  private readiness(name: string): Readiness {
    if (!this.inRun.has(name)) return 'ready';
    const outcome = this.outcomes.get(name);
    if (!outcome) return 'waiting';
    return outcome.status === 'success' ? 'ready' : 'broken';
  }

  private scoped(check: PlannedCheck): PlannedCheck {
    const outcome = check.model === undefined ? undefined : this.outcomes.get(check.model);
    return this.checkIncrementsOnly && outcome?.status === 'success' && outcome.increment
      ? scopeToIncrement(check, outcome.increment)
      : check;
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
    const ready: PlannedCheck[] = [];
    for (const check of this.pending) {
      const decision = this.decide(check);
      if (decision === 'wait') waiting.push(check);
      else if (decision === 'run') ready.push(this.scoped(check));
      else if (decision !== 'drop') {
        this.results.push(blockedCheck(check, `model ${decision.blockedBy} did not build`));
      }
    }
    this.pending = waiting;
    this.results.push(...(await runChecksSharingScans(db, ready)));
  }
}

function checksFor(
  project: Project,
  selected: readonly string[],
  refresh: RunProjectOptions['refresh'],
): PlannedCheck[] {
  const chosen = new Set(selected);
  if (refresh === 'micro-batch')
    return planChecks(project).filter((check) => chosen.has(check.model ?? ''));
  const sources = new Set(selected.flatMap((name) => project.models.get(name)?.sources ?? []));
  return planChecks(project).filter((check) =>
    check.model === undefined ? sources.has(check.relation) : chosen.has(check.model),
  );
}

function modelsToRun(project: Project, options: RunProjectOptions): string[] {
  const selected = options.select
    ? selectWithDescendants(project.dag, options.select)
    : project.dag.order;
  if (options.refresh !== 'micro-batch') return selected;
  return selected.filter((name) => project.models.get(name)?.microBatch);
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
  const selected = modelsToRun(project, options);
  const outcomes = new Map<string, Outcome>();
  const queue = new CheckQueue(
    checksFor(project, selected, options.refresh),
    new Set(selected),
    outcomes,
    options.refresh === 'micro-batch',
  );
  const models: ModelReport[] = [];
  await queue.flush(pool);
  for (const [index, name] of selected.entries()) {
    const model = project.models.get(name);
    if (!model) continue;
    options.onModel?.({ model: name, number: index + 1, models: selected.length });
    const rootCause = failedParent(project, name, outcomes);
    const { report, increment }: Built = rootCause
      ? { report: skippedReport(project, model, rootCause) }
      : await buildModel(pool, project, model, options);
    models.push(report);
    outcomes.set(
      name,
      report.status === 'success'
        ? { status: 'success', ...(increment ? { increment } : {}) }
        : { status: report.status, rootCause: rootCause ?? name },
    );
    await queue.flush(pool);
  }
  return { models, quality: queue.results };
}
