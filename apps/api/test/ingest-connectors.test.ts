import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { cliContext, CliError } from '../src/cli/cli-context.js';
import { ingestDbt, ingestPostgres } from '../src/cli/ingest-connectors.command.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const SHARED = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'dbt');
const JAFFLE = join(SHARED, 'jaffle_shop');
const haveShared = existsSync(JAFFLE);
if (!haveShared && process.env['CI'] === 'true')
  throw new Error(`the shared dbt artifacts are missing at ${JAFFLE}`);
if (!haveShared) console.log(`skipping the dbt CLI test: ${JAFFLE} is absent`);

const SERVER = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function urlOf(database: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('almanac ingest postgres | dbt (real PostgreSQL)', () => {
  let t: TestApp;
  const shop = `cli_shop_${Date.now().toString(36)}`;
  beforeAll(async () => {
    t = await startTestApp();
    await admin(`CREATE DATABASE ${shop}`);
    const client = new pg.Client({ connectionString: urlOf(shop) });
    await client.connect();
    await client.query(`
      CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL);
      COMMENT ON COLUMN customers.email IS 'Customer e-mail';
      CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers(id), total numeric(12,2));
      CREATE TABLE scratch (id int);
      CREATE VIEW customer_value AS
        SELECT c.id, c.email, sum(o.total) AS value FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.id, c.email;`);
    await client.end();
  });
  afterAll(async () => {
    await t.close();
    await admin(`DROP DATABASE IF EXISTS ${shop} WITH (FORCE)`);
  });

  const ctx = () => cliContext({ ALMANAC_API_URL: t.url, ALMANAC_TOKEN: t.adminToken });
  const service = 'cli_pg';
  const fqn = (table: string) => `${service}.${shop}.public.${table}`;

  it('catalogs a database with its view lineage, then soft-deletes a dropped table on the next run', async () => {
    const first = await ingestPostgres(ctx(), { url: urlOf(shop), sampleRows: 0, service });
    expect(first.summary).toMatchObject({ rejected: 0, mode: 'full' });
    expect(first.summary.created).toBeGreaterThanOrEqual(7);
    const lineage = await t.gql<{
      lineage: { edges: { from: string; columns: { to: string }[] }[] };
    }>(
      `query($fqn: String!) { lineage(fqn: $fqn, upstreamDepth: 1, downstreamDepth: 0, columnLevel: true) { edges { from columns { to } } } }`,
      { fqn: fqn('customer_value') },
    );
    const edges = lineage.data?.lineage.edges ?? [];
    expect(edges.map((edge) => edge.from).sort()).toEqual([fqn('customers'), fqn('orders')]);
    expect(edges.flatMap((edge) => edge.columns.map((c) => c.to))).toContain(
      `${fqn('customer_value')}.value`,
    );

    const client = new pg.Client({ connectionString: urlOf(shop) });
    await client.connect();
    await client.query('DROP TABLE scratch');
    await client.end();
    const second = await ingestPostgres(ctx(), { url: urlOf(shop), sampleRows: 0, service });
    expect(second.summary).toMatchObject({ rejected: 0, deleted: 1 });
  });

  it('sends nothing when the database cannot be read, and names host and cause', async () => {
    const run = ingestPostgres(ctx(), {
      url: 'postgres://nobody:secret@127.0.0.1:5999/nowhere',
      sampleRows: 0,
      service,
    });
    await expect(run).rejects.toThrow(CliError);
    await expect(run).rejects.toThrow(/127\.0\.0\.1:5999.*nothing was sent to the catalog/);
    await expect(run).rejects.not.toThrow(/secret/);
    const still = await t.gql<{ table: { deleted: boolean } }>(
      `query($fqn: String!) { table(fqn: $fqn) { deleted } }`,
      { fqn: fqn('customers') },
    );
    expect(still.data?.table.deleted).toBe(false);
  });

  (haveShared ? it : it.skip)(
    'ingests the jaffle_shop dbt artifacts with lineage and test results',
    async () => {
      const run = await ingestDbt(ctx(), {
        manifest: join(JAFFLE, 'manifest', 'v12', 'jaffle_shop', 'manifest_1.8.json'),
        catalog: join(JAFFLE, 'catalog', 'v1', 'jaffle_shop', 'catalog.json'),
        runResults: join(JAFFLE, 'run_results', 'v6', 'jaffle_shop', 'run_results.json'),
        service: 'cli_dbt',
      });
      expect(run.summary).toMatchObject({ rejected: 0, mode: 'full' });
      const edges = await t.database.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM lineage_edge WHERE source = 'dbt'`,
      );
      expect(Number(edges[0]?.n)).toBeGreaterThan(3);
      const results = await t.database.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM test_result`,
      );
      expect(Number(results[0]?.n)).toBeGreaterThan(0);
      await expect(ingestDbt(ctx(), { manifest: join(JAFFLE, 'nope.json') })).rejects.toThrow(
        CliError,
      );
    },
  );
  (haveShared ? it : it.skip)(
    'links a dbt exposure to the tables it reads, so impact reaches the dashboard',
    async () => {
      const manifest = join(SHARED, 'dbt-core-manifests', 'v12', 'manifest.json');
      const run = await ingestDbt(ctx(), { manifest, service: 'cli_core' });
      expect(run.summary).toMatchObject({ rejected: 0 });
      const model = 'cli_core.dbt.test17291979431657508683_test_previous_version_state.my_model';
      const result = await t.gql<{ impact: { assets: { fqn: string; type: string }[] } }>(
        `query ($fqn: String!) { impact(fqn: $fqn) { assets { fqn type } } }`,
        { fqn: model },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.impact.assets).toContainEqual({
        fqn: 'cli_core_exposures.simple_exposure',
        type: 'dashboard',
      });
    },
  );
});
