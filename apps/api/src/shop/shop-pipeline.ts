import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import pg from 'pg';
import {
  LocalLandingZone,
  S3LandingZone,
  OpenLineageHttpTransport,
  generateShopData,
  runPipeline,
  type LandingZone,
  type RunPipelineOptions,
  type RunReport,
} from '@almanac/pipeline';
import { PipelineRunSource } from '@almanac/connector-pipeline';
import type { IngestMode, MetadataRecordInput } from '@almanac/sdk';
import type { AppConfig } from '../config/config.js';

/** Names in the models' owner lists that are people; the rest are teams. */
export const SHOP_OWNER_TYPES = { dana: 'user' } as const;
export const SHOP_SAMPLE_SEED = 42;

/** A landing zone from where it is: an s3:// URL (MinIO, AWS S3) or a local folder. */
export function openLandingZone(location: string): LandingZone {
  return location.startsWith('s3://')
    ? S3LandingZone.fromUrl(location)
    : new LocalLandingZone(resolve(location));
}

/** Where the pipeline lands files: the S3 zone when configured, else the landing folder. */
export function landingLocation(config: AppConfig): string {
  return config.pipeline.landingUrl ?? config.pipeline.landingDir;
}

export interface ShopRunOptions {
  warehouseUrl: string;
  /** A landing folder or an s3:// URL. */
  landing: string;
  reportFile?: string | undefined;
  openLineageUrl?: string | undefined;
  mode?: 'batch' | 'micro-batch';
  /** Rebuild incremental models from scratch. */
  fullRefresh?: boolean;
  /** Progress callbacks, passed through to the pipeline. */
  observers?: Pick<RunPipelineOptions, 'onStage' | 'onLoadProgress' | 'onModel'>;
}

async function loadedFileCount(warehouseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: warehouseUrl });
  await client.connect();
  try {
    const exists = await client.query<{ present: boolean }>(
      `SELECT to_regclass('pipeline.load_ledger') IS NOT NULL AS present`,
    );
    if (!exists.rows[0]?.present) return 0;
    const rows = await client.query<{ n: string }>(
      'SELECT count(*) AS n FROM pipeline.load_ledger',
    );
    return Number(rows.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

async function isEmptyFolder(dir: string): Promise<boolean> {
  try {
    const entries = await readdir(dir);
    return entries.filter((name) => !name.startsWith('.')).length === 0;
  } catch {
    return true;
  }
}

/**
 * Generates the sample shop data into the landing folder on a first start: only when the folder
 * holds nothing and the warehouse has never loaded a file, so a user's own data is never mixed in.
 */
export async function ensureSampleData(
  warehouseUrl: string,
  landingDir: string,
  events: number,
): Promise<boolean> {
  if (
    events === 0 ||
    !(await isEmptyFolder(landingDir)) ||
    (await loadedFileCount(warehouseUrl)) > 0
  )
    return false;
  await mkdir(landingDir, { recursive: true });
  await generateShopData({ events, seed: SHOP_SAMPLE_SEED, outDir: landingDir });
  return true;
}

/** Runs the shop pipeline once and writes the run report where asked. */
export async function runShopPipeline(options: ShopRunOptions): Promise<RunReport> {
  const landing = openLandingZone(options.landing);
  if (landing instanceof LocalLandingZone) await mkdir(landing.dir, { recursive: true });
  const report = await runPipeline({
    warehouseUrl: options.warehouseUrl,
    landing,
    mode: options.mode ?? 'batch',
    ...(options.fullRefresh ? { fullRefresh: true } : {}),
    ...options.observers,
    ...(options.openLineageUrl
      ? {
          openLineage: {
            target: new OpenLineageHttpTransport(options.openLineageUrl),
            jobNamespace: 'shop_pipeline',
            jobName: 'ecommerce',
          },
        }
      : {}),
  });
  if (options.reportFile) {
    await mkdir(dirname(options.reportFile), { recursive: true });
    await writeFile(options.reportFile, `${JSON.stringify(report, null, 2)}\n`);
  }
  return report;
}

/** The catalog records of a run, and whether they form a full run of the pipeline source. */
export async function shopRecords(
  report: RunReport,
): Promise<{ source: string; mode: IngestMode; records: MetadataRecordInput[] }> {
  const source = await PipelineRunSource.fromConfig({ report, ownerTypes: SHOP_OWNER_TYPES });
  const records: MetadataRecordInput[] = [];
  for await (const record of source.records()) records.push(record);
  return { source: source.name, mode: source.mode, records };
}
