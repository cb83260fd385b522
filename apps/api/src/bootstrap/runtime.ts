import { join } from 'node:path';
import type { MetadataRecordInput } from '@almanac/sdk';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApiApp } from '../app.factory.js';
import type { AppConfig } from '../config/config.js';
import { TypeOrmDatabase } from '../database/database.js';
import { EmbeddedPostgres } from '../database/embedded/embedded-postgres.js';
import { createJobQueue } from '../jobs/create-job-queue.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { IngestService } from '../modules/ingest/ingest.service.js';
import type { AppLogger } from '../modules/ops/logger.js';
import { BUILTIN_SOURCE, builtinRecords } from '../seed/builtin-records.js';

/** The database to use: DATABASE_URL, or the embedded server for this data directory. */
export async function openDatabase(
  config: AppConfig,
  logger: AppLogger,
): Promise<{ database: TypeOrmDatabase; embedded: EmbeddedPostgres | null; url: string }> {
  if (config.databaseUrl) {
    const url = config.databaseUrl;
    return { database: await TypeOrmDatabase.connect({ url }), embedded: null, url };
  }
  const embedded = await EmbeddedPostgres.start({ dataDir: join(config.dataDir, 'pg') });
  logger.info(
    { port: embedded.port, dataDir: embedded.dataDir, attached: !embedded.owned },
    'embedded PostgreSQL ready',
  );
  return {
    database: await TypeOrmDatabase.connect({ url: embedded.url, poolSize: 4 }),
    embedded,
    url: embedded.url,
  };
}

export interface ApiRuntime {
  app: NestExpressApplication;
  database: TypeOrmDatabase;
  embedded: EmbeddedPostgres | null;
  jobs: JobQueue;
  /** The catalog database's URL (the embedded server's when DATABASE_URL is unset). */
  databaseUrl: string;
  stop(): Promise<void>;
}

/** Opens the database, migrates it, starts jobs and the API, and seeds the built-in classifications. */
export async function startApiRuntime(config: AppConfig, logger: AppLogger): Promise<ApiRuntime> {
  const { database, embedded, url } = await openDatabase(config, logger);
  const applied = await database.migrate();
  if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
  const jobs = createJobQueue({
    logger,
    ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
  });
  const warehouseUrl = config.pipeline.warehouseUrl ?? url;
  const app = await createApiApp({ config, database, jobs, logger, warehouseUrl });
  await app.listen(config.apiPort, '0.0.0.0');
  await ingestRecords(app, builtinRecords(), BUILTIN_SOURCE, 'delta');
  await jobs.enqueue('events.requeue', { reason: `start:${new Date().toISOString()}` });
  return {
    app,
    database,
    embedded,
    jobs,
    databaseUrl: url,
    async stop() {
      await app.close();
      await jobs.close();
      await database.close();
      await embedded?.stop();
    },
  };
}

/** Ingests records through the same path as POST /api/v1/ingest, as the system user. */
export function ingestRecords(
  app: NestExpressApplication,
  records: MetadataRecordInput[],
  source: string,
  mode: 'delta' | 'full',
) {
  return app.get(IngestService).ingestRecords(records, { mode, source, actor: 'almanac' });
}
