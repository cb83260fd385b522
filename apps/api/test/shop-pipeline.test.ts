import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateShopData } from '@almanac/pipeline';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('the shop pipeline as a job, ingested into the catalog (real PostgreSQL)', () => {
  let t: TestApp;
  let landingDir: string;
  let database: string;

  beforeAll(async () => {
    landingDir = await mkdtemp(join(tmpdir(), 'almanac-shop-'));
    await generateShopData({ events: 5_000, seed: 3, outDir: landingDir });
    t = await startTestApp({ PIPELINE_LANDING_DIR: landingDir, ALMANAC_DATA_DIR: landingDir });
    database = t.database.name;
    await t.jobs.enqueue('pipeline.run', { reason: 'test' });
    await t.jobs.drain(180_000);
  }, 200_000);

  afterAll(async () => {
    await t.close();
    await rm(landingDir, { recursive: true, force: true });
  });

  const fqn = (relation: string) => `shop_warehouse.${database}.${relation}`;

  it('catalogs the raw sources and the models with described, typed columns and owners', async () => {
    const result = await t.gql<{
      table: {
        tableType: string;
        description: string;
        owners: { name: string; type: string }[];
        columns: { name: string; dataType: string; description: string }[];
      };
    }>(
      `query($fqn: String!) { table(fqn: $fqn) { description owners { name type } columns { name dataType description } } }`,
      { fqn: fqn('marts.customer_lifetime_value') },
    );
    const table = result.data?.table;
    expect(table?.description).toMatch(/lifetime/i);
    expect(table?.owners).toEqual([{ name: 'analytics', type: 'team' }]);
    expect(table?.columns.length).toBeGreaterThan(2);
    for (const column of table?.columns ?? []) expect(column.description.length).toBeGreaterThan(0);
    const raw = await t.gql<{ assets: { totalCount: number } }>(
      `query($parent: String!) { assets(type: "table", parentFqn: $parent) { totalCount } }`,
      { parent: fqn('raw') },
    );
    expect(raw.data?.assets.totalCount).toBeGreaterThanOrEqual(4);
  });

  it('stores table and column lineage from the models SQL, with the pipeline on each edge', async () => {
    const edges = await t.database.db.query<{
      from_fqn: string;
      pipeline_fqn: string;
      columns: string;
    }>(
      `SELECT e.from_fqn, e.pipeline_fqn, count(c.*) AS columns FROM lineage_edge e
         LEFT JOIN column_lineage c ON c.edge_id = e.id
        WHERE e.to_fqn = $1 GROUP BY 1, 2`,
      [fqn('marts.customer_lifetime_value')],
    );
    expect(edges.length).toBeGreaterThan(0);
    for (const edge of edges) {
      expect(edge.pipeline_fqn).toBe('shop_pipeline.ecommerce');
      expect(Number(edge.columns)).toBeGreaterThan(0);
    }
  });

  it('records the pipeline with one task per model and the quality results as test results', async () => {
    const pipeline = await t.gql<{ asset: { attributes: { tasks: { name: string }[] } } }>(
      `query { asset(fqn: "shop_pipeline.ecommerce") { attributes } }`,
    );
    expect(pipeline.data?.asset.attributes.tasks.map((task) => task.name)).toEqual(
      expect.arrayContaining(['stg_events', 'customer_lifetime_value', 'sales_per_product_minute']),
    );
    const results = await t.database.db.query<{ n: string; statuses: string[] }>(
      `SELECT count(*) AS n, array_agg(DISTINCT status) AS statuses FROM test_result`,
    );
    expect(Number(results[0]?.n)).toBeGreaterThan(50);
    expect(results[0]?.statuses).toContain('success');
  });

  it('ingests a micro-batch as a delta: the models it did not build stay in the catalog', async () => {
    const header =
      'event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session';
    const purchase =
      '2030-01-01 12:00:00 UTC,purchase,987654321,2053013555631882655,,acme,10.00,42,s';
    await writeFile(join(landingDir, 'events-late.csv'), `${header}\n${purchase}\n`);
    await t.jobs.enqueue('pipeline.run', { reason: 'micro', mode: 'micro-batch' });
    await t.jobs.drain(120_000);
    const sold = await t.database.db.query<{ units: number }>(
      `SELECT units_sold AS units FROM marts.sales_per_product_minute WHERE product_id = 987654321`,
    );
    expect(sold).toEqual([{ units: 1 }]);
    const clv = await t.gql<{ table: { deleted: boolean } | null }>(
      `query($fqn: String!) { table(fqn: $fqn) { deleted } }`,
      { fqn: fqn('marts.customer_lifetime_value') },
    );
    expect(clv.data?.table).toEqual({ deleted: false });
  });
});
