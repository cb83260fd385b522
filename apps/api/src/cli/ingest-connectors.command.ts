import { resolve } from 'node:path';
import { DbtSource } from '@almanac/connector-dbt';
import { PostgresSource, type TableSample } from '@almanac/connector-postgres';
import {
  HttpCatalogSink,
  type IngestSummary,
  type MetadataRecordInput,
  type Source,
} from '@almanac/sdk';
import type { Command } from 'commander';
import type { TableSampleInput } from '../modules/samples/dto/sample-batch.input.js';
import { sampleBatchSummarySchema } from '../modules/samples/dto/sample-batch.summary.js';
import { SAMPLE_LIMITS, truncateSampleValue } from '../modules/samples/sample-limits.js';
import { cliContext, CliError, type CliContext, wholeNumber } from './cli-context.js';
import { formatSummary } from './ingest-file.command.js';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Extracts everything before sending anything: a full run soft-deletes what it does not report,
 * so an extraction that fails half-way must not reach the catalog at all.
 */
async function extract(source: Source): Promise<MetadataRecordInput[]> {
  const records: MetadataRecordInput[] = [];
  try {
    for await (const record of source.records()) records.push(record);
  } catch (error) {
    throw new CliError(`${message(error)}; nothing was sent to the catalog`);
  }
  return records;
}

/** What happened to the samples of a run; absent when sampling was off. */
export interface SampleRun {
  /** Tables whose sample the catalog stored, with their columns and values. */
  tables: number;
  columns: number;
  values: number;
  /** Values cut to {@link SAMPLE_LIMITS.maxValueLength} before sending. */
  truncatedValues: number;
  /** Tables whose sample was not stored. */
  failedTables: number;
  /** Why they were not stored; a refused request is one error naming all its tables. */
  errors: string[];
}

export interface ConnectorRun {
  summary: IngestSummary;
  samples?: SampleRun;
  warnings: readonly string[];
}

async function sendRecords(ctx: CliContext, source: Source): Promise<IngestSummary> {
  const records = await extract(source);
  const sink = new HttpCatalogSink({ apiUrl: ctx.apiUrl, token: await ctx.token() });
  return sink.send(records, { mode: source.mode, source: source.name });
}

async function send(
  ctx: CliContext,
  source: Source,
  warnings: () => readonly string[],
): Promise<ConnectorRun> {
  const summary = await sendRecords(ctx, source);
  return { summary, warnings: warnings() };
}

// Keeps each request well under the API's JSON body limit (INGEST_MAX_LINE_BYTES, 4 MiB by default).
const SAMPLE_REQUEST_BYTES = 1024 * 1024;

function serverMessageOf(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body.message === 'string') return body.message;
  } catch {
    // Not JSON: the raw text says more than nothing.
  }
  return text.trim().slice(0, 500);
}

/** A sample as the API takes it: one list of values per column, long values cut. */
function toSampleInput(sample: TableSample): { input: TableSampleInput; truncated: number } {
  let truncated = 0;
  const columns = sample.columns.map((name, index) => ({
    name,
    values: sample.rows.map((row) => {
      const value = row[index] ?? null;
      if (value === null) return null;
      const cut = truncateSampleValue(value);
      if (cut.truncated) truncated += 1;
      return cut.value;
    }),
  }));
  return { input: { table: sample.table, columns }, truncated };
}

/**
 * Sends table samples to `POST /api/v1/samples` in requests of up to ~1 MiB. A refused request
 * fails only its own tables; every failure is reported, none is dropped.
 */
class SampleUploader {
  readonly run: SampleRun = {
    tables: 0,
    columns: 0,
    values: 0,
    truncatedValues: 0,
    failedTables: 0,
    errors: [],
  };
  private pending: { input: TableSampleInput; truncated: number }[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly ctx: CliContext,
    private readonly token: string,
    private readonly runId: string,
  ) {}

  async add(sample: TableSample): Promise<void> {
    const prepared = toSampleInput(sample);
    const bytes = Buffer.byteLength(JSON.stringify(prepared.input));
    const full =
      this.pending.length >= SAMPLE_LIMITS.maxTablesPerRequest ||
      this.pendingBytes + bytes > SAMPLE_REQUEST_BYTES;
    if (this.pending.length > 0 && full) await this.flush();
    this.pending.push(prepared);
    this.pendingBytes += bytes;
  }

  async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    if (batch.length === 0) return;
    const url = `${this.ctx.apiUrl}/api/v1/samples`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ runId: this.runId, tables: batch.map((b) => b.input) }),
      });
      text = await response.text();
    } catch (error) {
      throw new CliError(
        `could not send samples to ${url}: ${message(error)}; the metadata run ${this.runId} was ingested`,
      );
    }
    const tables = batch.map((b) => b.input.table).join(', ');
    if (!response.ok) {
      this.run.failedTables += batch.length;
      this.run.errors.push(
        `samples of ${tables} not stored: HTTP ${response.status}: ${serverMessageOf(text)}`,
      );
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const parsed = sampleBatchSummarySchema.safeParse(body);
    if (!parsed.success) throw new CliError(`the samples answer from ${url} is not a summary`);
    for (const outcome of parsed.data.tables) {
      this.run.tables += 1;
      this.run.columns += outcome.columns;
      this.run.values += outcome.values;
    }
    this.run.truncatedValues += batch.reduce((sum, b) => sum + b.truncated, 0);
  }
}

/** Sends the source's samples once its records are in the catalog, so every table exists. */
async function sendSamples(
  ctx: CliContext,
  source: PostgresSource,
  summary: IngestSummary,
): Promise<SampleRun> {
  const uploader = new SampleUploader(ctx, await ctx.token(), summary.runId);
  const rejected = new Set(summary.errors.map((error) => error.key));
  try {
    for await (const sample of source.samples()) {
      if (rejected.has(sample.table)) {
        uploader.run.failedTables += 1;
        uploader.run.errors.push(
          `sample of ${sample.table} not sent: its metadata record was rejected`,
        );
        continue;
      }
      await uploader.add(sample);
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      `${message(error)}; the metadata run ${summary.runId} was ingested, its samples were not all sent`,
    );
  }
  await uploader.flush();
  return uploader.run;
}

export interface PostgresCommandOptions {
  url: string;
  schemas?: string;
  sampleRows: number;
  service?: string;
}

/**
 * `almanac ingest postgres`: extract a database, ingest it as a full run of that source, then, with
 * `sampleRows` > 0, send up to that many sampled values per column.
 */
export async function ingestPostgres(
  ctx: CliContext,
  options: PostgresCommandOptions,
): Promise<ConnectorRun> {
  if (options.sampleRows > SAMPLE_LIMITS.maxValuesPerColumn) {
    throw new CliError(
      `--sample-rows must be at most ${SAMPLE_LIMITS.maxValuesPerColumn} (the catalog keeps at most ${SAMPLE_LIMITS.maxValuesPerColumn} values per column), got ${options.sampleRows}`,
    );
  }
  let source: PostgresSource;
  try {
    source = PostgresSource.fromConfig({
      url: options.url,
      sampleRows: options.sampleRows,
      ...(options.schemas ? { schemas: options.schemas.split(',').map((s) => s.trim()) } : {}),
      ...(options.service ? { serviceName: options.service } : {}),
    });
  } catch (error) {
    throw new CliError(message(error));
  }
  const summary = await sendRecords(ctx, source);
  if (options.sampleRows === 0) return { summary, warnings: source.warnings };
  const samples = await sendSamples(ctx, source, summary);
  return { summary, samples, warnings: source.warnings };
}

export interface DbtCommandOptions {
  manifest: string;
  catalog?: string;
  runResults?: string;
  service?: string;
}

/** `almanac ingest dbt`: map the artifacts, then ingest them as a full run of the project. */
export async function ingestDbt(
  ctx: CliContext,
  options: DbtCommandOptions,
): Promise<ConnectorRun> {
  let source: DbtSource;
  try {
    source = await DbtSource.fromConfig({
      manifest: resolve(options.manifest),
      ...(options.catalog ? { catalog: resolve(options.catalog) } : {}),
      ...(options.runResults ? { runResults: resolve(options.runResults) } : {}),
      ...(options.service ? { serviceName: options.service } : {}),
    });
  } catch (error) {
    throw new CliError(message(error));
  }
  return send(ctx, source, () => source.warnings);
}

/** One line on the samples of a run. */
export function formatSampleRun(run: SampleRun): string {
  const cut =
    run.truncatedValues > 0
      ? `, ${run.truncatedValues} cut to ${SAMPLE_LIMITS.maxValueLength} characters`
      : '';
  return `samples: ${run.tables} tables, ${run.columns} columns, ${run.values} values stored${cut}; ${run.failedTables} tables failed`;
}

function report(run: ConnectorRun): void {
  for (const warning of run.warnings) console.error(`warning: ${warning}`);
  console.log(formatSummary(run.summary));
  if (run.samples) {
    for (const error of run.samples.errors) console.error(`error: ${error}`);
    console.log(formatSampleRun(run.samples));
  }
  if (run.summary.rejected > 0 || (run.samples?.failedTables ?? 0) > 0) process.exitCode = 2;
}

export function registerIngestCommands(program: Command): void {
  const ingest = program.command('ingest').description('run a connector and ingest what it finds');
  ingest
    .command('postgres')
    .description(
      'schemas, tables, views, columns, keys, row estimates and view lineage of a PostgreSQL database (a full run: dropped objects are soft-deleted)',
    )
    .requiredOption('--url <url>', 'postgres://user:password@host:5432/database')
    .option('--schemas <list>', 'comma-separated schemas (default: all but system schemas)')
    .option(
      '--sample-rows <n>',
      `store up to N sampled values per column (at most ${SAMPLE_LIMITS.maxValuesPerColumn}), shown masked on PII columns`,
      wholeNumber('--sample-rows'),
      0,
    )
    .option('--service <name>', 'catalog service name (default: postgres_<host>)')
    .action(async (options: PostgresCommandOptions) => {
      report(await ingestPostgres(cliContext(), options));
    });
  ingest
    .command('dbt')
    .description(
      'models, sources, seeds, snapshots, exposures, tests, lineage and test results from dbt artifacts',
    )
    .requiredOption('--manifest <file>', 'target/manifest.json (schema v7 to v12)')
    .option('--catalog <file>', 'target/catalog.json, for column types')
    .option('--run-results <file>', 'target/run_results.json, for test results')
    .option('--service <name>', 'catalog service name (default: dbt)')
    .action(async (options: DbtCommandOptions) => {
      report(await ingestDbt(cliContext(), options));
    });
}
