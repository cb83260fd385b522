import pg from 'pg';
import { type ServerAddress, secretsOf, serverAddress } from './postgres-config.js';
import { PostgresSourceError, type PostgresSourceErrorCode } from './postgres-source-error.js';

const CONNECT_TIMEOUT_MS = 10_000;
const STATEMENT_TIMEOUT_MS = 60_000;
const APPLICATION_NAME = 'almanac-connector-postgres';
const REDACTED = '***';

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  errors?: unknown;
}

/**
 * What was said about a failure, and the driver's code for it. Duck-typed: errors from another
 * realm (a test VM, a worker) fail `instanceof Error`.
 */
function describeCause(error: unknown): { text: string; reason?: string } {
  if (typeof error !== 'object' || error === null) return { text: String(error) };
  const { message, code, errors } = error as ErrorLike;
  const reason = typeof code === 'string' ? code : undefined;
  // Node reports a failed connection to every address of a host as an AggregateError with an
  // empty message; the attempts carry the useful text.
  const attempts = Array.isArray(errors) ? errors.map((inner) => describeCause(inner).text) : [];
  const text = [typeof message === 'string' ? message : '', attempts.join('; '), reason ?? ''].find(
    (candidate) => candidate !== '',
  );
  return { text: text ?? 'unknown error', ...(reason !== undefined ? { reason } : {}) };
}

function scrub(text: string, secrets: readonly string[]): string {
  return secrets.reduce((scrubbed, secret) => scrubbed.replaceAll(secret, REDACTED), text);
}

function where(address: ServerAddress): string {
  return `${address.host}:${address.port}`;
}

/** What the driver said about a failure, with the URL's password scrubbed out. */
export function causeOf(url: string, error: unknown): string {
  return scrub(describeCause(error).text, secretsOf(url));
}

/** Turns a driver error into a {@link PostgresSourceError} naming the server, without secrets. */
export function failure(
  code: Exclude<PostgresSourceErrorCode, 'INVALID_CONFIG'>,
  url: string,
  error: unknown,
): PostgresSourceError {
  const address = serverAddress(url);
  const action =
    code === 'CONNECTION_FAILED'
      ? `cannot connect to postgres at ${where(address)}`
      : `cannot read the catalog of postgres at ${where(address)}/${address.database}`;
  const { reason } = describeCause(error);
  return new PostgresSourceError(code, `${action}: ${causeOf(url, error)}`, reason);
}

/** A connected client; `close` never throws. */
export interface Connection {
  client: pg.Client;
  close(): Promise<void>;
}

/** Connects to the configured database, or throws a `CONNECTION_FAILED` error naming the host. */
export async function connect(url: string): Promise<Connection> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    application_name: APPLICATION_NAME,
  });
  // A connection lost between queries is reported by the failing query; without a listener the
  // 'error' event would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw failure('CONNECTION_FAILED', url, error);
  }
  return { client, close: () => client.end().catch(() => undefined) };
}
