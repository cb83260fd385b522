import { resolve } from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

const postgresUrl = z
  .string()
  .url('must be a URL such as postgres://user@host:5432/db')
  .refine(
    (value) => /^postgres(ql)?:\/\//.test(value),
    'must start with postgres:// or postgresql://',
  );

const redisUrl = z
  .string()
  .url('must be a URL such as redis://127.0.0.1:6379')
  .refine((value) => /^rediss?:\/\//.test(value), 'must start with redis:// or rediss://');

const httpUrl = z
  .string()
  .url('must be a URL such as http://localhost:9200')
  .refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://');

const byteSize = z.coerce.number({ error: 'must be a number of bytes' }).int().positive();

const envSchema = z.object({
  DATABASE_URL: postgresUrl.optional(),
  REDIS_URL: redisUrl.optional(),
  ELASTICSEARCH_URL: httpUrl.optional(),
  ALMANAC_DATA_DIR: z.string().min(1).default('.almanac'),
  API_PORT: port.default(4000),
  WEB_PORT: port.default(3000),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })
    .default('info'),
  ALMANAC_ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  ALMANAC_WEB_URL: httpUrl.optional(),
  INGEST_MAX_BODY_BYTES: byteSize.default(1024 * 1024 * 1024),
  INGEST_MAX_LINE_BYTES: byteSize.default(4 * 1024 * 1024),
  INGEST_BATCH_SIZE: z.coerce.number().int().min(1).max(10000).default(500),
  WAREHOUSE_URL: postgresUrl.optional(),
  PIPELINE_LANDING_DIR: z.string().min(1).optional(),
  PIPELINE_LANDING_URL: z
    .string()
    .startsWith('s3://', 'must be an s3://ACCESS_KEY:SECRET@host:port/bucket/prefix URL')
    .optional(),
  PIPELINE_SAMPLE_EVENTS: z.coerce.number().int().min(0).default(300_000),
  OPENLINEAGE_URL: httpUrl.optional(),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface AppConfig {
  readonly databaseUrl: string | undefined;
  readonly redisUrl: string | undefined;
  readonly elasticsearchUrl: string | undefined;
  readonly dataDir: string;
  readonly apiPort: number;
  readonly webPort: number;
  readonly webUrl: string;
  readonly logLevel: LogLevel;
  readonly adminToken: string | undefined;
  readonly ingest: { maxBodyBytes: number; maxLineBytes: number; batchSize: number };
  readonly pipeline: {
    /** The shop warehouse; unset means the catalog's own database (embedded by default). */
    warehouseUrl: string | undefined;
    landingDir: string;
    /** An S3-compatible landing zone (MinIO, AWS S3); replaces landingDir when set. */
    landingUrl: string | undefined;
    sampleEvents: number;
    openLineageUrl: string | undefined;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; an invalid value throws a ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const blanksRemoved = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(blanksRemoved);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    elasticsearchUrl: e.ELASTICSEARCH_URL,
    dataDir: resolve(e.ALMANAC_DATA_DIR),
    apiPort: e.API_PORT,
    webPort: e.WEB_PORT,
    webUrl: e.ALMANAC_WEB_URL ?? `http://localhost:${e.WEB_PORT}`,
    logLevel: e.LOG_LEVEL,
    adminToken: e.ALMANAC_ADMIN_TOKEN,
    ingest: {
      maxBodyBytes: e.INGEST_MAX_BODY_BYTES,
      maxLineBytes: e.INGEST_MAX_LINE_BYTES,
      batchSize: e.INGEST_BATCH_SIZE,
    },
    pipeline: {
      warehouseUrl: e.WAREHOUSE_URL,
      landingDir: resolve(e.PIPELINE_LANDING_DIR ?? `${e.ALMANAC_DATA_DIR}/landing`),
      landingUrl: e.PIPELINE_LANDING_URL,
      sampleEvents: e.PIPELINE_SAMPLE_EVENTS,
      openLineageUrl: e.OPENLINEAGE_URL,
    },
  };
}
