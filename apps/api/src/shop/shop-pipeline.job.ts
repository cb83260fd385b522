import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { JOB_QUEUE } from '../jobs/job-queue.token.js';
import { IngestService } from '../modules/ingest/ingest.service.js';
import { LOGGER, type AppLogger } from '../modules/ops/logger.js';
import { WAREHOUSE_URL } from './warehouse.token.js';
import { landingLocation, runShopPipeline, shopRecords } from './shop-pipeline.js';
import { join } from 'node:path';

/** Runs the shop pipeline as a job (scheduled, retried, deduplicated) and ingests what it built. */
@Injectable()
export class ShopPipelineJob {
  constructor(
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WAREHOUSE_URL) private readonly warehouseUrl: string,
    @Inject(LOGGER) private readonly logger: AppLogger,
    private readonly ingest: IngestService,
  ) {}

  register(): void {
    this.jobs.registerHandler('pipeline.run', async (payload) => {
      const report = await runShopPipeline({
        warehouseUrl: this.warehouseUrl,
        landing: landingLocation(this.config),
        reportFile: join(this.config.dataDir, 'reports', 'latest-run.json'),
        openLineageUrl: this.config.pipeline.openLineageUrl,
        mode: payload.mode ?? 'batch',
      });
      const { source, mode, records } = await shopRecords(report);
      const summary = await this.ingest.ingestRecords(records, {
        mode,
        source,
        actor: 'almanac-pipeline',
      });
      this.logger.info(
        {
          reason: payload.reason,
          status: report.status,
          created: summary.created,
          updated: summary.updated,
          rejected: summary.rejected,
        },
        'pipeline job done',
      );
    });
  }
}
