import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { LandingZone } from '../landing/landing-zone.js';
import { loadLanding, type LoadProgress } from '../load/load-landing.js';
import { runReportEvents, type RunEvent } from '../openlineage/run-events.js';
import type { FileReport, ModelReport, RunReport } from '../report/run-report.js';
import { describeSources } from '../transform/describe-sources.js';
import { loadProject } from '../transform/load-project.js';
import { runProject, type ModelProgress } from '../transform/run-project.js';
import { ensureRawSchema } from '../warehouse/ddl.js';
import { catalogOf, modelLineage } from './model-lineage.js';

export interface OpenLineageTarget {
  emitAll(events: readonly RunEvent[]): Promise<void>;
}

export interface RunPipelineOptions {
  /** The shop warehouse (PostgreSQL). */
  warehouseUrl: string;
  landing: LandingZone;
  /** A micro-batch refreshes the models marked for it; other tables wait for the next batch. */
  mode?: 'batch' | 'micro-batch';
  select?: string[];
  fullRefresh?: boolean;
  modelsDir?: string;
  openLineage?: { target: OpenLineageTarget; jobNamespace: string; jobName: string };
  /** Told about each stage as it starts, for progress output. */
  onStage?: (stage: 'load' | 'transform' | 'quality' | 'lineage' | 'publish') => void;
  /** Told as the load reads the landed files. */
  onLoadProgress?: (progress: LoadProgress) => void;
  /** Told as each model starts building. */
  onModel?: (progress: ModelProgress) => void;
}

function warehouseIdentity(url: string): RunReport['warehouse'] {
  const parsed = new URL(url);
  return {
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres',
    host: parsed.host,
  };
}

function statusOf(
  files: readonly FileReport[],
  models: readonly ModelReport[],
): RunReport['status'] {
  const broken = files.some((f) => f.error) || models.some((m) => m.status !== 'success');
  return broken ? 'partial' : 'success';
}

/** Land, load, transform and check the shop data once; the report says what happened. */
export async function runPipeline(options: RunPipelineOptions): Promise<RunReport> {
  const started = new Date();
  const pool = new pg.Pool({ connectionString: options.warehouseUrl, max: 5 });
  const errors: string[] = [];
  // A connection that dies while idle must become a reported error, not a crash of the host process.
  pool.on('error', (error) => errors.push(`warehouse connection lost: ${error.message}`));
  const lock = await takeRunLock(pool);
  try {
    await ensureRawSchema(pool);
    options.onStage?.('load');
    const loadStart = Date.now();
    const files = await loadLanding(pool, options.landing, options.onLoadProgress);
    const loadMs = Date.now() - loadStart;

    options.onStage?.('transform');
    const project = await loadProject(options.modelsDir ? { modelsDir: options.modelsDir } : {});
    const transformStart = Date.now();
    const { models, quality } = await runProject(pool, project, {
      ...(options.select ? { select: options.select } : {}),
      ...(options.fullRefresh ? { fullRefresh: true } : {}),
      refresh: options.mode === 'micro-batch' ? 'micro-batch' : 'all',
      ...(options.onModel ? { onModel: options.onModel } : {}),
    });
    const elapsed = Date.now() - transformStart;
    // Checks run between models; their time is what the models themselves did not take.
    const modelMs = models.reduce((sum, m) => sum + m.durationMs, 0);
    const qualityMs = Math.max(0, elapsed - modelMs);
    const transformMs = elapsed - qualityMs;

    options.onStage?.('lineage');
    const sources = await describeSources(pool, project);
    const catalog = catalogOf(sources, models);
    for (const model of models) {
      if (model.status === 'success') model.lineage = await modelLineage(model, catalog);
    }

    const report: RunReport = {
      runId: randomUUID(),
      mode: options.mode ?? 'batch',
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      status: statusOf(files, models),
      warehouse: warehouseIdentity(options.warehouseUrl),
      files,
      sources,
      models,
      quality,
      timings: { loadMs, transformMs, qualityMs, totalMs: Date.now() - started.getTime() },
      errors,
    };
    if (options.openLineage) {
      options.onStage?.('publish');
      await publishLineage(report, options.openLineage, errors);
    }
    return report;
  } finally {
    await lock.release();
    await pool.end();
  }
}

// Any constant will do, as long as every pipeline process uses the same one.
const RUN_LOCK = 5_310_473;

/**
 * Runs on one warehouse take turns: table swaps must not interleave, and incremental models rely
 * on every load before their watermark having committed.
 */
async function takeRunLock(pool: pg.Pool): Promise<{ release(): Promise<void> }> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [RUN_LOCK]);
  } catch (error) {
    client.release();
    throw error;
  }
  return {
    async release() {
      await client.query('SELECT pg_advisory_unlock($1)', [RUN_LOCK]).catch(() => undefined);
      client.release();
    },
  };
}

async function publishLineage(
  report: RunReport,
  target: NonNullable<RunPipelineOptions['openLineage']>,
  errors: string[],
): Promise<void> {
  const events = runReportEvents(report, {
    jobNamespace: target.jobNamespace,
    datasetNamespace: `postgres://${report.warehouse.host}`,
    database: report.warehouse.database,
    parentJobName: target.jobName,
  });
  try {
    await target.target.emitAll(events);
  } catch (error) {
    errors.push(
      `OpenLineage events were not delivered: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
