import pg from 'pg';
import type { EmbeddedPostgres } from '../../src/database/embedded/embedded-postgres.js';

export type Cleanups = Array<() => Promise<void>>;

/** A pool on the embedded server, ended by the test's cleanups. */
export function openPool(cleanups: Cleanups, server: EmbeddedPostgres, max = 4): pg.Pool {
  const pool = new pg.Pool({ connectionString: server.url, max });
  // An idle client may see its connection closed when a server is stopped mid-test.
  pool.on('error', () => undefined);
  cleanups.push(() => pool.end());
  return pool;
}

/** A checked-out client, released (and destroyed) by the test's cleanups. */
export async function connect(cleanups: Cleanups, pool: pg.Pool): Promise<pg.PoolClient> {
  const client = await pool.connect();
  // The server closes a connection it refuses; the rejected query reports why.
  client.on('error', () => undefined);
  cleanups.push(() => Promise.resolve(client.release(true)));
  return client;
}

/** Fails instead of hanging when the embedded server never lets `promise` finish. */
export function withTimeout<T>(promise: Promise<T>, what: string, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
