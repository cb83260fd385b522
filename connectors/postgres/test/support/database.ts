import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';

const SERVER_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of `database` on the test server, optionally with other URL parts changed. */
export function urlFor(database: string, change: (url: URL) => void = () => undefined): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  change(url);
  return url.toString();
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    // Integration tests never skip: without PostgreSQL they must fail, and say why.
    throw new Error(
      `connector-postgres tests need PostgreSQL at ${SERVER_URL} (set DATABASE_URL): ${String(error)}`,
    );
  }
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Runs SQL as the server's admin (create and drop test databases). */
export function admin(sql: string): Promise<void> {
  return withClient(urlFor('postgres'), async (client) => {
    await client.query(sql);
  });
}

export interface TestDatabase {
  name: string;
  url: string;
  /** Runs SQL in the test database. */
  run(sql: string): Promise<void>;
  drop(): Promise<void>;
}

/** A fresh, empty database for one test file; `drop` removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `connector_pg_test_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = urlFor(name);
  return {
    name,
    url,
    run: (sql) =>
      withClient(url, async (client) => {
        await client.query(sql);
      }),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** A fresh database holding the e-commerce fixture of `shop-schema.sql`. */
export async function createShopDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  await database.run(await readFile(new URL('./shop-schema.sql', import.meta.url), 'utf8'));
  return database;
}
