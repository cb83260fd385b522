import { z } from 'zod';

const POSTGRES_PROTOCOLS = new Set(['postgres:', 'postgresql:']);
const DEFAULT_PORT = '5432';
// The catalog accepts these characters in a source name (see the ingest endpoint).
const SOURCE_NAME_LIMIT = 100;

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function databaseOf(url: URL): string {
  return decoded(url.pathname.replace(/^\//, ''));
}

// The messages never repeat the URL: it may carry a password.
const postgresUrlSchema = z.string().transform((value, ctx) => {
  const url = parseUrl(value);
  if (url === null || !POSTGRES_PROTOCOLS.has(url.protocol)) {
    ctx.addIssue({ code: 'custom', message: 'must be a postgres:// or postgresql:// URL' });
    return z.NEVER;
  }
  if (url.hostname === '') {
    ctx.addIssue({ code: 'custom', message: 'must name a host (postgres://host/database)' });
    return z.NEVER;
  }
  if (databaseOf(url) === '') {
    ctx.addIssue({ code: 'custom', message: 'must name a database (postgres://host/database)' });
    return z.NEVER;
  }
  return value;
});

/** Configuration of {@link PostgresSource}, validated by `fromConfig`. */
export const postgresSourceConfigSchema = z.strictObject({
  /** `postgres://user:password@host:port/database?sslmode=…`; the database must be named. */
  url: postgresUrlSchema,
  /** Schemas to read; all non-system schemas when omitted. */
  schemas: z.array(z.string().min(1)).min(1).optional(),
  /** Catalog service name; `postgres_<host>[_<port>]` when omitted. */
  serviceName: z.string().min(1).optional(),
  /** Rows to read per table for {@link PostgresSource.samples}; 0 turns sampling off. */
  sampleRows: z.number().int().min(0).default(0),
});

/** Configuration as a caller writes it. */
export type PostgresSourceConfigInput = z.input<typeof postgresSourceConfigSchema>;
/** Configuration after validation, defaults applied. */
export type PostgresSourceConfig = z.output<typeof postgresSourceConfigSchema>;

/** Where the source connects, without credentials: safe to show in messages. */
export interface ServerAddress {
  host: string;
  port: string;
  database: string;
}

/** The address of a validated URL. */
export function serverAddress(url: string): ServerAddress {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port === '' ? DEFAULT_PORT : parsed.port,
    database: databaseOf(parsed),
  };
}

/** The password of a URL in its raw and decoded forms, to scrub from messages; none if empty. */
export function secretsOf(url: string): string[] {
  const raw = parseUrl(url)?.password ?? '';
  return raw === '' ? [] : [...new Set([raw, decoded(raw)])];
}

function snakeCase(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * `postgres_<host>`, plus the port when it is not 5432 so two servers on one host do not share a
 * service (and soft-delete each other's tables). Only `[a-z0-9_]`, so the FQN needs no quoting.
 */
export function defaultServiceName(address: Pick<ServerAddress, 'host' | 'port'>): string {
  const port = address.port === DEFAULT_PORT ? '' : `_${address.port}`;
  const host = snakeCase(address.host.replace(/^\[|\]$/g, ''));
  return `postgres_${host === '' ? 'localhost' : host}${port}`;
}

/**
 * The source name scopes soft-deletes of a full run, so each database is its own source: a full
 * run of one database must not delete the tables of another database of the same server.
 */
export function sourceNameFor(serviceName: string, database: string): string {
  return `${serviceName}.${database}`.replace(/[^\w.-]/g, '_').slice(0, SOURCE_NAME_LIMIT);
}
