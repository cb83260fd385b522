import type { NestExpressApplication } from '@nestjs/platform-express';
import { pino } from 'pino';
import { createApiApp } from '../../src/app.factory.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { createJobQueue } from '../../src/jobs/create-job-queue.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import { AuthService } from '../../src/modules/auth/auth.service.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: NestExpressApplication;
  url: string;
  database: TestDatabase;
  jobs: JobQueue;
  config: AppConfig;
  adminToken: string;
  tokenFor(role: Parameters<AuthService['createToken']>[1]): Promise<string>;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>;
  ingest(
    body: string,
    query?: string,
    token?: string,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** The real API on a fresh database of the real PostgreSQL server, listening on a free port. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const redis = process.env['REDIS_URL'] ? { REDIS_URL: process.env['REDIS_URL'] } : {};
  const config = loadConfig({
    DATABASE_URL: database.url,
    ALMANAC_DATA_DIR: '/tmp/almanac-test',
    LOG_LEVEL: 'silent',
    ...redis,
    ...env,
  });
  const logger = pino({ level: 'silent' });
  // Each test app gets its own queue prefix, so parallel test files never run each other's jobs.
  const jobs = createJobQueue({
    logger,
    ...(config.redisUrl
      ? { redisUrl: config.redisUrl, prefix: `almanac-test-${database.name}` }
      : {}),
  });
  const app = await createApiApp({
    config,
    database: database.db,
    jobs,
    logger,
    warehouseUrl: database.url,
  });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const auth = app.get(AuthService);
  const adminToken = (await auth.createToken('test-admin', 'Admin')).token;
  let tokens = 0;

  return {
    app,
    url,
    database,
    jobs,
    config,
    adminToken,
    async tokenFor(role) {
      tokens += 1;
      return (await auth.createToken(`test-${role.toLowerCase()}-${tokens}`, role)).token;
    },
    async gql(query, variables = {}, token = adminToken) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as never;
    },
    async ingest(body, query = '', token = adminToken) {
      const response = await fetch(`${url}/api/v1/ingest${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}` },
        body,
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    async close() {
      await app.close();
      await jobs.close();
      await database.drop();
    },
  };
}

export function ndjson(records: readonly object[]): string {
  return records.map((record) => JSON.stringify(record)).join('\n') + '\n';
}
