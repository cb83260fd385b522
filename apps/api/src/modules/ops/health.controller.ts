import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { DATABASE } from '../../database/database.tokens.js';
import type { Database } from '../../database/sql-executor.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { JOB_QUEUE } from '../../jobs/job-queue.token.js';
import { Public, Requires } from '../auth/requires.decorator.js';
import { MetricsService } from './metrics.service.js';

export interface ComponentHealth {
  up: boolean;
  driver: string;
  reason?: string;
}

const CHECK_TIMEOUT_MS = 3000;

async function check(driver: string, probe: () => Promise<void>): Promise<ComponentHealth> {
  try {
    await Promise.race([
      probe(),
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        ).unref(),
      ),
    ]);
    return { up: true, driver };
  } catch (error) {
    return { up: false, driver, reason: error instanceof Error ? error.message : String(error) };
  }
}

@Controller()
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  /** Liveness and readiness for load balancers, which carry no token. */
  @Get('healthz')
  @Public()
  async health(@Res({ passthrough: true }) response: Response) {
    const database = await check(this.config.databaseUrl ? 'postgres' : 'embedded', () =>
      this.db.ping(),
    );
    const queue = await this.jobs.health().catch((error: unknown): ComponentHealth => ({
      up: false,
      driver: 'unknown',
      reason: String(error),
    }));
    const search = await this.searchHealth(database);
    const status = database.up && queue.up && search.up ? 'up' : 'down';
    response.status(status === 'up' ? 200 : 503);
    return { status, database, queue, search };
  }

  @Get('metrics')
  @Requires('ops.read')
  metricsText(@Res({ passthrough: true }) response: Response): string {
    response.type('text/plain; version=0.0.4');
    return this.metrics.render();
  }

  private searchHealth(database: ComponentHealth): Promise<ComponentHealth> {
    const url = this.config.elasticsearchUrl;
    if (!url) {
      return Promise.resolve({
        up: database.up,
        driver: 'postgres',
        ...(database.up ? {} : { reason: 'search runs in the database, which is down' }),
      });
    }
    return check('elasticsearch', async () => {
      const answer = await fetch(new URL('/_cluster/health', url), {
        signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
      });
      if (!answer.ok) throw new Error(`Elasticsearch answered HTTP ${answer.status}`);
    });
  }
}
