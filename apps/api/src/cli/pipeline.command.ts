import { join, resolve } from 'node:path';
import { HttpCatalogSink } from '@almanac/sdk';
import { generateShopData, watchLanding, type RunReport } from '@almanac/pipeline';
import type { Command } from 'commander';
import { openDatabase } from '../bootstrap/runtime.js';
import { loadConfig, type AppConfig } from '../config/config.js';
import { createJobQueue } from '../jobs/create-job-queue.js';
import { createLogger } from '../modules/ops/logger.js';
import {
  landingLocation,
  openLandingZone,
  runShopPipeline,
  shopRecords,
  type ShopRunOptions,
} from '../shop/shop-pipeline.js';
import { cliContext, wholeNumber } from './cli-context.js';
import { formatSummary } from './ingest-file.command.js';
import { ProgressBar } from './progress-bar.js';

/** The warehouse: WAREHOUSE_URL, else DATABASE_URL, else the embedded server (started or attached). */
async function withWarehouse<T>(config: AppConfig, work: (url: string) => Promise<T>): Promise<T> {
  if (config.pipeline.warehouseUrl) return work(config.pipeline.warehouseUrl);
  const { database, embedded, url } = await openDatabase(config, createLogger('warn'));
  try {
    await database.close();
    return await work(url);
  } finally {
    await embedded?.stop();
  }
}

function printReport(report: RunReport): void {
  for (const file of report.files) {
    const counts = `read ${file.rowsRead}, loaded ${file.rowsLoaded}, quarantined ${file.rowsQuarantined}`;
    console.log(
      `file ${file.name}: ${file.skipped ? 'already loaded' : counts}${file.error ? ` — ${file.error}` : ''}`,
    );
  }
  for (const model of report.models) {
    console.log(
      `model ${model.schema}.${model.name}: ${model.status}${model.error ? ` — ${model.error}` : ''} (${Math.round(model.durationMs)} ms)`,
    );
  }
  const failed = report.quality.filter((q) => q.status !== 'pass');
  console.log(
    `quality: ${report.quality.length - failed.length} passed, ${failed.length} failed or errored`,
  );
  for (const check of failed)
    console.log(
      `  ${check.status} ${check.id}: ${check.failingRows} rows${check.message ? ` — ${check.message}` : ''}`,
    );
  console.log(`run ${report.runId}: ${report.status} in ${report.timings.totalMs} ms`);
}

const MB = 1024 * 1024;

/** A progress bar over the bytes of the landed files, then one over the models. */
function progressObservers(): NonNullable<ShopRunOptions['observers']> {
  let load: ProgressBar | undefined;
  let models: ProgressBar | undefined;
  return {
    onStage: (stage) => {
      load?.finish();
      models?.finish();
      load = models = undefined;
      if (stage !== 'transform') process.stderr.write(`pipeline: ${stage}\n`);
    },
    onLoadProgress: (progress) => {
      load ??= new ProgressBar(progress.bytesTotal, 'load');
      const detail = `file ${progress.fileNumber}/${progress.files} ${progress.file} (${(progress.bytesDone / MB).toFixed(1)} of ${(progress.bytesTotal / MB).toFixed(1)} MB)`;
      load.update(progress.bytesDone, detail);
    },
    onModel: (progress) => {
      models ??= new ProgressBar(progress.models, 'models');
      models.update(progress.number - 1, `${progress.number}/${progress.models} ${progress.model}`);
    },
  };
}

async function ingestReport(report: RunReport): Promise<void> {
  const ctx = cliContext();
  const { source, mode, records } = await shopRecords(report);
  const sink = new HttpCatalogSink({ apiUrl: ctx.apiUrl, token: await ctx.token() });
  console.log(formatSummary(await sink.send(records, { mode, source })));
}

interface RunCommandOptions {
  landing?: string;
  report?: string;
  ingest: boolean;
  fullRefresh?: boolean;
}

async function runOnce(options: RunCommandOptions, mode: 'batch' | 'micro-batch') {
  const config = loadConfig();
  const landing = options.landing ?? landingLocation(config);
  const reportFile = resolve(options.report ?? join(config.dataDir, 'reports', 'latest-run.json'));
  const report = await withWarehouse(config, (warehouseUrl) =>
    runShopPipeline({
      warehouseUrl,
      landing,
      reportFile,
      openLineageUrl: config.pipeline.openLineageUrl,
      mode,
      fullRefresh: options.fullRefresh === true,
      observers: progressObservers(),
    }),
  );
  printReport(report);
  console.log(`report written to ${reportFile}`);
  if (options.ingest) await ingestReport(report);
  return report;
}

/** Polls the landing folder; each micro-batch goes through the job queue (retried, deduplicated). */
async function watch(options: {
  landing?: string;
  interval: number;
  refreshEvery: number;
  ingest: boolean;
}): Promise<void> {
  const config = loadConfig();
  const location = options.landing ?? landingLocation(config);
  const landing = openLandingZone(location);
  const logger = createLogger(config.logLevel);
  const jobs = createJobQueue({
    logger,
    ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
  });
  jobs.registerHandler('pipeline.run', async () => {
    const report = await runOnce({ landing: location, ingest: options.ingest }, 'micro-batch');
    if (report.status === 'partial')
      throw new Error(`micro-batch ${report.runId} was partial; it will be retried`);
  });
  jobs.registerHandler('entity.changed', () => Promise.resolve());
  jobs.registerHandler('events.requeue', () => Promise.resolve());
  await jobs.start();
  console.log(
    `watching ${String(landing)} every ${options.interval} s, refreshing at least every ${options.refreshEvery} s (Ctrl-C to stop)`,
  );
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  await watchLanding({
    landing,
    pollMs: options.interval * 1000,
    refreshMs: options.refreshEvery * 1000,
    signal: stop.signal,
    runMicroBatch: async (reason) => {
      process.stderr.write(`pipeline: micro-batch (${reason})\n`);
      // The time keeps a later arrival of a same-named file from being taken for this job.
      await jobs.enqueue('pipeline.run', {
        reason: `${reason} at ${new Date().toISOString()}`,
        mode: 'micro-batch',
      });
      await jobs.drain(10 * 60_000);
    },
    onError: (error) => logger.error({ err: error }, 'micro-batch failed'),
  });
  await jobs.close();
}

export function registerPipelineCommands(program: Command): void {
  const pipeline = program.command('pipeline').description('the embedded e-commerce pipeline');
  pipeline
    .command('generate')
    .description(
      'write seeded, realistic shop data (events with 1-3 % dirt, customers, products, inventory)',
    )
    .requiredOption('--events <n>', 'event lines to write', wholeNumber('--events'))
    .option('--seed <n>', 'random seed', wholeNumber('--seed'), 42)
    .requiredOption('--out <dir>', 'folder to write to (e.g. the landing folder)')
    .action(async (options: { events: number; seed: number; out: string }) => {
      const summary = await generateShopData({
        events: options.events,
        seed: options.seed,
        outDir: resolve(options.out),
      });
      for (const file of summary.files)
        console.log(`${file.name}: ${file.rows} rows (${file.invalidRows} dirty)`);
      console.log(`generated in ${Math.round(summary.durationMs)} ms`);
    });
  pipeline
    .command('run')
    .description(
      'land, check and transform once; write the run report and ingest it into the catalog',
    )
    .option(
      '--landing <dir|s3-url>',
      'landing folder or s3://KEY:SECRET@host:port/bucket/prefix (default: PIPELINE_LANDING_URL, PIPELINE_LANDING_DIR or ALMANAC_DATA_DIR/landing)',
    )
    .option('--report <file>', 'where to write the run report (JSON)')
    .option('--no-ingest', 'do not send the metadata to the catalog')
    .option('--full-refresh', 'rebuild the incremental models from scratch')
    .action(async (options: RunCommandOptions) => {
      const report = await runOnce(options, 'batch');
      if (report.status !== 'success') process.exitCode = 2;
    });
  pipeline
    .command('watch')
    .description(
      'pick up new files within seconds and refresh the models (micro-batches through the job queue)',
    )
    .option('--landing <dir|s3-url>', 'landing folder or s3:// URL')
    .option('--interval <seconds>', 'how often to look for files', wholeNumber('--interval'), 2)
    .option(
      '--refresh-every <seconds>',
      'run a micro-batch at least this often, so expired sessions reach cart abandonment',
      wholeNumber('--refresh-every'),
      60,
    )
    .option('--no-ingest', 'do not send the metadata to the catalog')
    .action(watch);
}
