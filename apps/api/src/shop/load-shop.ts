import { join } from 'node:path';
import type { ApiRuntime } from '../bootstrap/runtime.js';
import { ingestRecords } from '../bootstrap/runtime.js';
import type { AppConfig } from '../config/config.js';
import type { AppLogger } from '../modules/ops/logger.js';
import {
  ensureSampleData,
  landingLocation,
  runShopPipeline,
  shopRecords,
} from './shop-pipeline.js';

/**
 * The first screen shows the real shop: sample data is generated on a first start, the pipeline
 * lands, checks and transforms it, and its metadata is ingested like any connector's.
 */
export async function loadShopIntoCatalog(
  runtime: ApiRuntime,
  config: AppConfig,
  logger: AppLogger,
): Promise<void> {
  const warehouseUrl = config.pipeline.warehouseUrl ?? runtime.databaseUrl;
  const { landingDir, landingUrl, sampleEvents, openLineageUrl } = config.pipeline;
  // Sample data only ever goes to a local landing folder, never into someone's bucket.
  if (!landingUrl && (await ensureSampleData(warehouseUrl, landingDir, sampleEvents))) {
    logger.info({ landingDir, events: sampleEvents }, 'sample shop data generated');
  }
  const started = Date.now();
  const report = await runShopPipeline({
    warehouseUrl,
    landing: landingLocation(config),
    reportFile: join(config.dataDir, 'reports', 'latest-run.json'),
    openLineageUrl,
  });
  const failed = report.models.filter((m) => m.status !== 'success').map((m) => m.name);
  logger.info(
    {
      status: report.status,
      files: report.files.length,
      models: report.models.length,
      failed,
      ms: Date.now() - started,
    },
    'shop pipeline ran',
  );
  const { source, mode, records } = await shopRecords(report);
  const summary = await ingestRecords(runtime.app, records, source, mode);
  logger.info(
    {
      created: summary.created,
      updated: summary.updated,
      unchanged: summary.unchanged,
      deleted: summary.deleted,
      rejected: summary.rejected,
    },
    'shop metadata ingested',
  );
  for (const error of summary.errors.slice(0, 20))
    logger.warn({ line: error.line, key: error.key }, error.reason);
}
