import {
  modelReportSchema,
  qualityResultSchema,
  sourceReportSchema,
} from '../src/report/run-report.js';
import {
  describeSources,
  loadProject,
  runProject,
  type Project,
  type TransformRunResult,
} from '../src/transform/index.js';
import { EVENTS, DUPLICATES, insertEvents, loadFixture } from './transform-fixture.js';
import { createWarehouse, RAW_DDL, type TestWarehouse } from './transform-support.js';

let warehouse: TestWarehouse;
let project: Project;
let first: TransformRunResult;

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await warehouse.pool.query<Record<string, unknown>>(sql)).rows;
}

beforeAll(async () => {
  warehouse = await createWarehouse();
  await warehouse.pool.query(RAW_DDL);
  await loadFixture(warehouse.pool);
  project = await loadProject();
  first = await runProject(warehouse.pool, project);
});
afterAll(async () => warehouse.drop());

describe('a full run of the shipped project', () => {
  it('builds every model in DAG order', () => {
    expect(first.models.map((model) => model.name)).toEqual([
      'stg_customers',
      'stg_events',
      'order_items',
      'orders',
      'conversion_rate_daily',
      'product_affinity',
      'product_demand_trend',
      'sales_per_product_minute',
      'sessions',
      'cart_abandonment',
      'retargeting_list',
      'stg_inventory',
      'stg_products',
      'valid_orders',
      'customer_lifetime_value',
      'customer_segments',
      'inventory_turnover',
    ]);
    expect(first.models.filter((model) => model.status !== 'success')).toEqual([]);
    const position = new Map(first.models.map((model, index) => [model.name, index]));
    for (const model of project.models.values()) {
      for (const parent of model.refs)
        expect(position.get(parent)).toBeLessThan(position.get(model.name) ?? -1);
    }
  });

  it('reports models in the run-report contract, with real types and yml descriptions', () => {
    for (const report of first.models) expect(modelReportSchema.parse(report)).toEqual(report);
    const events = first.models.find((model) => model.name === 'stg_events');
    expect(events).toMatchObject({
      schema: 'staging',
      materialized: 'incremental',
      owners: ['data-engineering', 'dana'],
      dependsOn: ['raw.events'],
      rowCount: EVENTS.length,
    });
    expect(events?.compiledSql).toContain('FROM raw.events');
    expect(events?.compiledSql).not.toContain('{{');
    const types = Object.fromEntries(
      events?.columns.map((column) => [column.name, column.dataType]) ?? [],
    );
    expect(types).toMatchObject({
      event_time: 'timestamp with time zone',
      category_id: 'numeric(20,0)',
      price: 'numeric(12,2)',
      session_number: 'integer',
      event_date: 'date',
    });
    const abandonment = first.models.find((model) => model.name === 'cart_abandonment');
    expect(abandonment?.columns.find((column) => column.name === 'product_ids')).toEqual({
      name: 'product_ids',
      dataType: 'bigint[]',
      description: 'The products left in the cart.',
      ordinal: 9,
      nullable: true,
    });
    expect(abandonment?.dependsOn).toEqual(['marts.sessions', 'staging.stg_events']);
  });

  it('documents every column of every model, in the warehouse too', async () => {
    for (const report of first.models) {
      const declared = project.models.get(report.name)?.columns.map((column) => column.name);
      expect({ model: report.name, columns: report.columns.map((column) => column.name) }).toEqual({
        model: report.name,
        columns: declared,
      });
      expect(report.columns.every((column) => column.description)).toBe(true);
    }
    const [comment] = await rows(
      `SELECT obj_description('marts.orders'::regclass, 'pg_class') AS model,
              col_description('marts.orders'::regclass, 3) AS column`,
    );
    expect(comment).toEqual({
      model: project.models.get('orders')?.description,
      column: 'b2b or b2c from the customer master; null when the customer is unknown.',
    });
  });

  it('describes the raw sources for the run report', async () => {
    const sources = await describeSources(warehouse.pool, project);
    expect(sources.map((source) => [source.name, source.rowCount])).toEqual([
      ['raw.events', EVENTS.length + DUPLICATES.length],
      ['raw.customers', 7],
      ['raw.products', 4],
      ['raw.inventory', 9],
    ]);
    for (const source of sources) expect(sourceReportSchema.parse(source)).toEqual(source);
    expect(sources[0]?.columns.find((column) => column.name === 'category_id')).toEqual({
      name: 'category_id',
      dataType: 'numeric(20,0)',
      description: 'Numeric category id (19 digits, beyond a JavaScript number).',
      ordinal: 4,
      nullable: true,
    });
  });

  it('passes every declared check but the one the fixture breaks on purpose', () => {
    for (const result of first.quality) expect(qualityResultSchema.parse(result)).toEqual(result);
    const notPassing = first.quality.filter((result) => result.status !== 'pass');
    expect(notPassing).toMatchObject([
      {
        id: 'raw.customers.customer_type.accepted_values',
        status: 'fail',
        failingRows: 1,
        sampleFailures: [expect.objectContaining({ customer_id: '7', customer_type: 'B2C' })],
      },
    ]);
    expect(first.quality.length).toBeGreaterThan(80);
    expect(first.quality.map((result) => result.id)).toEqual(
      expect.arrayContaining([
        'raw.events._loaded_at.freshness',
        'stg_events.event_id.unique',
        'orders.customer_id.relationships',
      ]),
    );
  });
});

describe('marts of the fixture shop', () => {
  it('removes duplicates and splits sessions after more than 30 minutes of inactivity', async () => {
    expect(await rows(`SELECT count(*)::int AS n FROM staging.stg_events`)).toEqual([
      { n: EVENTS.length },
    ]);
    expect(
      await rows(
        `SELECT customer_id, session_id, event_count FROM marts.sessions WHERE customer_id IN (5, 6) ORDER BY session_id`,
      ),
    ).toEqual([
      { customer_id: '5', session_id: '5-20240301T130000', event_count: 1 },
      { customer_id: '5', session_id: '5-20240301T133100', event_count: 3 },
      { customer_id: '6', session_id: '6-20240301T140000', event_count: 2 },
      { customer_id: '6', session_id: '6-20240302T150000', event_count: 1 },
    ]);
  });

  it('keeps orders with payment and stock as valid; the B2B bulk order is one order of 11 units', async () => {
    expect(
      await rows(
        `SELECT order_id, item_count, order_total::text FROM marts.orders ORDER BY order_id`,
      ),
    ).toEqual([
      { order_id: '1-20240301T090000', item_count: 2, order_total: '150.00' },
      { order_id: '1-20240302T090000', item_count: 1, order_total: '100.00' },
      { order_id: '4-20240301T120001', item_count: 11, order_total: '150.00' },
      { order_id: '4-20240302T100001', item_count: 3, order_total: '240.00' },
      { order_id: '5-20240301T133100', item_count: 1, order_total: '72.00' },
      { order_id: '7-20240302T110000', item_count: 1, order_total: '0.00' },
      { order_id: '8-20240220T100000', item_count: 3, order_total: '150.00' },
    ]);
    // Dave's second order needs 3 headphones with 2 in stock; Grace's payment was zero.
    expect(await rows(`SELECT order_id FROM marts.valid_orders ORDER BY order_id`)).toEqual(
      [
        '1-20240301T090000',
        '1-20240302T090000',
        '4-20240301T120001',
        '5-20240301T133100',
        '8-20240220T100000',
      ].map((order_id) => ({ order_id })),
    );
  });

  it('computes conversion rate as transactions / visitors × 100 per day', async () => {
    expect(
      await rows(
        `SELECT activity_date::text, visitors, transactions, purchasing_visitors, conversion_rate::text
           FROM marts.conversion_rate_daily ORDER BY activity_date`,
      ),
    ).toEqual([
      {
        activity_date: '2024-01-15',
        visitors: 1,
        transactions: 0,
        purchasing_visitors: 0,
        conversion_rate: '0.00',
      },
      {
        activity_date: '2024-02-20',
        visitors: 1,
        transactions: 1,
        purchasing_visitors: 1,
        conversion_rate: '100.00',
      },
      {
        activity_date: '2024-03-01',
        visitors: 7,
        transactions: 3,
        purchasing_visitors: 3,
        conversion_rate: '42.86',
      },
      {
        activity_date: '2024-03-02',
        visitors: 4,
        transactions: 3,
        purchasing_visitors: 3,
        conversion_rate: '75.00',
      },
    ]);
  });

  it('computes customer lifetime value from valid orders', async () => {
    expect(
      await rows(
        `SELECT customer_id::int, customer_type, company_name, order_count, lifetime_value::text,
                average_order_value::text, gross_margin::text, customer_lifespan_days
           FROM marts.customer_lifetime_value ORDER BY customer_id`,
      ),
    ).toEqual([
      {
        customer_id: 1,
        customer_type: 'b2c',
        company_name: null,
        order_count: 2,
        lifetime_value: '250.00',
        average_order_value: '125.00',
        gross_margin: '150.00',
        customer_lifespan_days: 1,
      },
      {
        customer_id: 4,
        customer_type: 'b2b',
        company_name: 'Dave Corp',
        order_count: 1,
        lifetime_value: '150.00',
        average_order_value: '150.00',
        gross_margin: '90.00',
        customer_lifespan_days: 0,
      },
      {
        customer_id: 5,
        customer_type: 'b2c',
        company_name: null,
        order_count: 1,
        lifetime_value: '72.00',
        average_order_value: '72.00',
        gross_margin: '42.00',
        customer_lifespan_days: 0,
      },
      {
        customer_id: 8,
        customer_type: 'b2c',
        company_name: null,
        order_count: 1,
        lifetime_value: '150.00',
        average_order_value: '150.00',
        gross_margin: '90.00',
        customer_lifespan_days: 0,
      },
    ]);
  });

  it('flags abandoned carts and puts only consenting, not-since-bought customers on the retargeting list', async () => {
    expect(
      await rows(
        `SELECT customer_id::int, session_id, abandoned_at, cart_value::text, product_ids::text
           FROM marts.cart_abandonment ORDER BY customer_id`,
      ),
    ).toEqual([
      {
        customer_id: 2,
        session_id: '2-20240301T100000',
        abandoned_at: new Date('2024-03-01T10:31:00Z'),
        cart_value: '80.00',
        product_ids: '{103}',
      },
      // Carol removed the toaster again, so only the blender counts.
      {
        customer_id: 3,
        session_id: '3-20240301T110000',
        abandoned_at: new Date('2024-03-01T11:34:00Z'),
        cart_value: '90.00',
        product_ids: '{101}',
      },
      {
        customer_id: 5,
        session_id: '5-20240301T130000',
        abandoned_at: new Date('2024-03-01T13:30:00Z'),
        cart_value: '80.00',
        product_ids: '{103}',
      },
    ]);
    // Bob gave no consent; Eve bought in her next session; Grace emptied her cart.
    expect(
      await rows(
        `SELECT customer_id::int, email, offer, abandoned_carts FROM marts.retargeting_list`,
      ),
    ).toEqual([
      { customer_id: 3, email: 'carol@example.com', offer: 'free_shipping', abandoned_carts: 1 },
    ]);
  });

  it('derives bought-together pairs with support, confidence and lift', async () => {
    expect(
      await rows(
        `SELECT product_id::int, bought_with_product_id::int AS with, pair_orders, support::text, confidence::text, lift::text
           FROM marts.product_affinity ORDER BY 1, 2`,
      ),
    ).toEqual([
      {
        product_id: 101,
        with: 102,
        pair_orders: 1,
        support: '0.1429',
        confidence: '0.3333',
        lift: '0.7778',
      },
      {
        product_id: 101,
        with: 104,
        pair_orders: 1,
        support: '0.1429',
        confidence: '0.3333',
        lift: '2.3333',
      },
      {
        product_id: 102,
        with: 101,
        pair_orders: 1,
        support: '0.1429',
        confidence: '0.3333',
        lift: '0.7778',
      },
      {
        product_id: 104,
        with: 101,
        pair_orders: 1,
        support: '0.1429',
        confidence: '1.0000',
        lift: '2.3333',
      },
    ]);
  });

  it('computes inventory turnover as cost of goods sold / average inventory value', async () => {
    expect(
      await rows(
        `SELECT product_id::int, units_sold, cost_of_goods_sold::text, average_inventory_value::text, inventory_turnover::text
           FROM marts.inventory_turnover ORDER BY product_id`,
      ),
    ).toEqual([
      // The corrected re-delivery (6 instead of 7 blenders) is the snapshot that counts.
      {
        product_id: 101,
        units_sold: 3,
        cost_of_goods_sold: '120.00',
        average_inventory_value: '320.00',
        inventory_turnover: '0.3750',
      },
      {
        product_id: 102,
        units_sold: 4,
        cost_of_goods_sold: '80.00',
        average_inventory_value: '380.00',
        inventory_turnover: '0.2105',
      },
      {
        product_id: 103,
        units_sold: 1,
        cost_of_goods_sold: '30.00',
        average_inventory_value: '90.00',
        inventory_turnover: '0.3333',
      },
      {
        product_id: 104,
        units_sold: 10,
        cost_of_goods_sold: '20.00',
        average_inventory_value: '1100.00',
        inventory_turnover: '0.0182',
      },
    ]);
  });

  it('segments customers and spots products likely to sell', async () => {
    expect(
      await rows(
        `SELECT customer_id::int, segment, segment_detail FROM marts.customer_segments
          WHERE segment <> 'new' OR customer_id = 1 ORDER BY customer_id, segment`,
      ),
    ).toEqual([
      { customer_id: 1, segment: 'category_interest', segment_detail: 'appliances' },
      { customer_id: 1, segment: 'high_value', segment_detail: null },
      { customer_id: 2, segment: 'category_interest', segment_detail: 'electronics' },
      { customer_id: 3, segment: 'category_interest', segment_detail: 'appliances' },
      { customer_id: 4, segment: 'category_interest', segment_detail: 'stationery' },
      { customer_id: 5, segment: 'category_interest', segment_detail: 'electronics' },
      { customer_id: 5, segment: 'deal_seeker', segment_detail: null },
      { customer_id: 7, segment: 'category_interest', segment_detail: 'appliances' },
      { customer_id: 8, segment: 'category_interest', segment_detail: 'appliances' },
    ]);
    // Alice was first seen in January, more than 30 days before the newest event.
    expect(
      await rows(`SELECT count(*)::int AS n FROM marts.customer_segments WHERE segment = 'new'`),
    ).toEqual([{ n: 7 }]);
    expect(
      await rows(`SELECT product_id::int, units_recent, units_previous, growth_pct::text, trend, likely_to_sell
                    FROM marts.product_demand_trend ORDER BY product_id`),
    ).toEqual([
      {
        product_id: 101,
        units_recent: 3,
        units_previous: 0,
        growth_pct: null,
        trend: 'new',
        likely_to_sell: true,
      },
      {
        product_id: 102,
        units_recent: 2,
        units_previous: 3,
        growth_pct: '-33.33',
        trend: 'falling',
        likely_to_sell: false,
      },
      {
        product_id: 103,
        units_recent: 4,
        units_previous: 0,
        growth_pct: null,
        trend: 'new',
        likely_to_sell: true,
      },
      {
        product_id: 104,
        units_recent: 10,
        units_previous: 0,
        growth_pct: null,
        trend: 'new',
        likely_to_sell: true,
      },
    ]);
  });
});

describe('micro-batches', () => {
  // Every column of the models micro-batches maintain, in a stable order.
  const state = async (): Promise<Record<string, unknown[]>> => ({
    events: await rows('SELECT * FROM staging.stg_events ORDER BY event_id'),
    sessions: await rows('SELECT * FROM marts.sessions ORDER BY session_id'),
    sales: await rows(
      'SELECT * FROM marts.sales_per_product_minute ORDER BY product_id, sale_minute',
    ),
    abandoned: await rows('SELECT * FROM marts.cart_abandonment ORDER BY session_id'),
    retargeting: await rows('SELECT * FROM marts.retargeting_list ORDER BY customer_id'),
  });
  const rowVersions = async (): Promise<string[]> =>
    (await rows('SELECT xmin::text AS v FROM staging.stg_events ORDER BY event_id')).map((row) =>
      String(row['v']),
    );
  let micro: TransformRunResult;

  beforeAll(async () => {
    await insertEvents(
      warehouse.pool,
      [
        // Extends shopper 1's session of 2024-03-02 09:00.
        ['2024-03-02 09:20:00', 'view', 101, 100, 1, 'a2'],
        // Arrives late, 15 minutes before shopper 2's first session: that session now starts earlier.
        ['2024-03-01 09:45:00', 'view', 103, 80, 2, 'b1'],
        // A copy of an event already stored.
        ['2024-03-01 11:02:00', 'cart', 101, 90, 3, 'c1'],
        // A new purchase minute, and a purchase late into a minute already stored.
        ['2024-03-02 11:00:30', 'purchase', 102, 45, 7, 'g2'],
        ['2024-03-01 12:00:20', 'purchase', 104, 5, 4, 'd1'],
        // A purchase much older than anything stored.
        ['2024-02-01 08:00:00', 'purchase', 101, 100, 3, 'c0'],
      ],
      'events-3.csv',
    );
    micro = await runProject(warehouse.pool, project, { refresh: 'micro-batch' });
  });

  it('build the incremental models, views and tables marked for them, and leave other tables', () => {
    expect(micro.models.map((model) => [model.name, model.status])).toEqual([
      ['stg_customers', 'success'],
      ['stg_events', 'success'],
      ['sales_per_product_minute', 'success'],
      ['sessions', 'success'],
      ['cart_abandonment', 'success'],
      ['retargeting_list', 'success'],
      ['stg_inventory', 'success'],
      ['stg_products', 'success'],
    ]);
    const events = micro.models.find((model) => model.name === 'stg_events');
    expect(events?.compiledSql).toContain('FROM staging.stg_events');
    expect(events?.compiledSql).toContain(
      '_loaded_at > (SELECT max(loaded_at) FROM staging.stg_events)',
    );
  });

  it('end in exactly the state a full rebuild produces, late and duplicate events included', async () => {
    const incremental = await state();
    const b1 = (incremental['sessions'] as { customer_id: string; session_start: Date }[]).filter(
      (session) => Number(session.customer_id) === 2,
    );
    expect(b1.map((session) => session.session_start.toISOString())).toEqual([
      '2024-03-01T09:45:00.000Z',
    ]);
    await runProject(warehouse.pool, project, { fullRefresh: true });
    expect(await state()).toEqual(incremental);
  });

  it('check only the rows they wrote, and say so', () => {
    const scoped = micro.quality.filter((check) => check.increment !== undefined);
    expect(scoped.map((check) => check.id)).toContain('stg_events.event_id.unique');
    expect(scoped.every((check) => check.sql.includes('WITH almanac_increment AS ('))).toBe(true);
    expect(micro.quality.find((check) => check.id === 'stg_events.row_count')?.increment).toBe(
      undefined,
    );
    expect(micro.quality.filter((check) => check.relation.startsWith('raw.'))).toEqual([]);
    expect(micro.quality.filter((check) => check.status !== 'pass')).toEqual([]);
  });

  it('leave whole-table checks to batch runs, which check every row', async () => {
    const batch = await runProject(warehouse.pool, project);
    expect(batch.quality.filter((check) => check.increment !== undefined)).toEqual([]);
    expect(batch.quality.some((check) => check.relation.startsWith('raw.'))).toBe(true);
  });

  it('rewrite nothing when nothing new arrived', async () => {
    await runProject(warehouse.pool, project, { refresh: 'micro-batch' });
    const before = await rowVersions();
    const again = await runProject(warehouse.pool, project, { refresh: 'micro-batch' });
    expect(again.models.every((model) => model.status === 'success')).toBe(true);
    expect(await rowVersions()).toEqual(before);
  });
});

describe('selected runs', () => {
  it('runs only the selected model and its descendants, with their checks and sources', async () => {
    const result = await runProject(warehouse.pool, project, { select: ['stg_inventory'] });
    expect(result.models.map((model) => model.name)).toEqual([
      'stg_inventory',
      'valid_orders',
      'customer_lifetime_value',
      'customer_segments',
      'inventory_turnover',
    ]);
    const relations = new Set(result.quality.map((check) => check.relation));
    expect([...relations].sort()).toEqual([
      'marts.customer_lifetime_value',
      'marts.customer_segments',
      'marts.inventory_turnover',
      'marts.valid_orders',
      'raw.inventory',
      'staging.stg_inventory',
    ]);
  });
});
