import { resolve } from 'node:path';
import { DbtSource } from '@almanac/connector-dbt';
import { PostgresSource } from '@almanac/connector-postgres';
import {
  HttpCatalogSink,
  type IngestSummary,
  type MetadataRecordInput,
  type Source,
} from '@almanac/sdk';
import type { Command } from 'commander';
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

export interface ConnectorRun {
  summary: IngestSummary;
  warnings: readonly string[];
}

async function send(
  ctx: CliContext,
  source: Source,
  warnings: () => readonly string[],
): Promise<ConnectorRun> {
  const records = await extract(source);
  const sink = new HttpCatalogSink({ apiUrl: ctx.apiUrl, token: await ctx.token() });
  const summary = await sink.send(records, { mode: source.mode, source: source.name });
  return { summary, warnings: warnings() };
}

export interface PostgresCommandOptions {
  url: string;
  schemas?: string;
  sampleRows: number;
  service?: string;
}

/** `almanac ingest postgres`: extract a database, then ingest it as a full run of that source. */
export async function ingestPostgres(
  ctx: CliContext,
  options: PostgresCommandOptions,
): Promise<ConnectorRun> {
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
  return send(ctx, source, () => source.warnings);
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

function report(run: ConnectorRun): void {
  for (const warning of run.warnings) console.error(`warning: ${warning}`);
  console.log(formatSummary(run.summary));
  if (run.summary.rejected > 0) process.exitCode = 2;
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
    .option('--sample-rows <n>', 'read N sample rows per table', wholeNumber('--sample-rows'), 0)
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
