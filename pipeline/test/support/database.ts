import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ensureRawSchema } from '../../src/warehouse/ddl.js';

const SERVER_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of `database` on the test server. */
export function urlFor(database: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs one statement as the server's admin (create and drop test databases). */
export async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor('postgres') });
  try {
    await client.connect();
  } catch (error) {
    // Integration tests never skip: without PostgreSQL they must fail, and say why.
    throw new Error(
      `Pipeline integration tests need PostgreSQL at ${SERVER_URL} (set DATABASE_URL): ${String(error)}`,
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  pool: pg.Pool;
  count(sql: string, params?: unknown[]): Promise<number>;
  drop(): Promise<void>;
}

/** A fresh database with the raw schema, for one test file; `drop` removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `pipeline_test_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const pool = new pg.Pool({ connectionString: urlFor(name), max: 3 });
  // DROP ... WITH (FORCE) at teardown may end a connection the pool still holds; that is expected.
  pool.on('error', () => undefined);
  await ensureRawSchema(pool);
  return {
    name,
    pool,
    async count(sql, params = []) {
      const result = await pool.query<{ n: string }>(sql, params);
      return Number(result.rows[0]?.n ?? Number.NaN);
    },
    async drop() {
      await pool.end();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
