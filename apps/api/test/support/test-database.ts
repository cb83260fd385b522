import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { MIGRATIONS, TypeOrmDatabase } from '../../src/database/database.js';
import { QueryCounter } from '../../src/database/query-counter.js';

const SERVER_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// The template is named after the migrations' source, so changing a migration rebuilds it.
const MIGRATIONS_DIGEST = createHash('sha1')
  .update(MIGRATIONS.map((migration) => migration.toString()).join('\n'))
  .digest('hex')
  .slice(0, 12);
const TEMPLATE = `almanac_test_tpl_${MIGRATIONS_DIGEST}`;

function urlFor(database: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: urlFor('postgres') });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Integration tests need PostgreSQL at ${SERVER_URL} (set DATABASE_URL): ${String(error)}`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function ensureTemplate(admin: pg.Client): Promise<void> {
  // Parallel test files race to build the template; an advisory lock makes one of them do it.
  await admin.query('SELECT pg_advisory_lock(774411)');
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE]);
    if (exists.rowCount) return;
    const building = `${TEMPLATE}_build`;
    await admin.query(`DROP DATABASE IF EXISTS ${building}`);
    await admin.query(`CREATE DATABASE ${building}`);
    const db = await TypeOrmDatabase.connect({ url: urlFor(building), poolSize: 1 });
    await db.migrate();
    await db.close();
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${TEMPLATE}`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock(774411)');
  }
}

export interface TestDatabase {
  url: string;
  name: string;
  db: TypeOrmDatabase;
  counter: QueryCounter;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file, cloned from a template on the real server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `almanac_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (admin) => {
    await ensureTemplate(admin);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
  });
  const url = urlFor(name);
  const counter = new QueryCounter();
  const db = await TypeOrmDatabase.connect({ url, counter, poolSize: 5 });
  return {
    url,
    name,
    db,
    counter,
    async drop() {
      await db.close();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
