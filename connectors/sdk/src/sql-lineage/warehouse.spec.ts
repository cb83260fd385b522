import {
  checkLineage,
  id,
  tf,
  agg,
  join,
  grp,
  fil,
  srt,
  win,
  cnd,
  type LineageCase as Case,
} from '../../test/lineage-cases.js';
import type { SchemaCatalog } from './types.js';

/** An e-commerce warehouse: raw sources loaded by EL jobs, analytics marts built from them. */
const CATALOG: SchemaCatalog = {
  'raw.events': [
    'event_id',
    'session_id',
    'customer_id',
    'event_type',
    'product_id',
    'occurred_at',
    'properties',
  ],
  'raw.sessions': ['session_id', 'customer_id', 'started_at', 'ended_at', 'channel', 'device'],
  'raw.orders': [
    'order_id',
    'customer_id',
    'status',
    'ordered_at',
    'total_amount',
    'discount_amount',
    'country',
  ],
  'raw.order_items': ['order_id', 'product_id', 'quantity', 'unit_price'],
  'raw.customers': [
    'customer_id',
    'email',
    'first_name',
    'last_name',
    'signup_at',
    'country',
    'is_deleted',
    'referred_by',
  ],
  'raw.products': ['product_id', 'sku', 'product_name', 'category', 'list_price', 'is_active'],
  'raw.inventory': ['product_id', 'warehouse_id', 'snapshot_date', 'on_hand_qty'],
  'raw.carts': ['cart_id', 'customer_id', 'created_at', 'updated_at', 'status'],
  'raw.cart_items': ['cart_id', 'product_id', 'quantity', 'added_at'],
  'analytics.customer_ltv': [
    'customer_id',
    'lifetime_value',
    'order_count',
    'first_order_at',
    'last_order_at',
  ],
  'analytics.daily_revenue': ['day', 'orders', 'revenue'],
};

async function check(entry: Case): Promise<void> {
  await checkLineage(entry, CATALOG);
}

const ANALYTICS: Case[] = [
  {
    name: 'daily net revenue grouped and sorted by position',
    sql: `
      SELECT date_trunc('day', o.ordered_at)::date AS order_date,
             count(DISTINCT o.order_id) AS orders,
             sum(o.total_amount - coalesce(o.discount_amount, 0)) AS net_revenue
      FROM raw.orders o
      WHERE o.status IN ('paid', 'shipped')
      GROUP BY 1
      ORDER BY 1`,
    inputs: ['raw.orders'],
    every: [
      ...fil('raw.orders.status'),
      ...grp('raw.orders.ordered_at'),
      ...srt('raw.orders.ordered_at'),
    ],
    columns: [
      ['order_date', tf('raw.orders.ordered_at')],
      ['orders', agg('raw.orders.order_id')],
      ['net_revenue', agg('raw.orders.total_amount', 'raw.orders.discount_amount')],
    ],
  },
  {
    name: 'session funnel conversion by channel with aggregate FILTER',
    sql: `
      SELECT s.channel,
             count(DISTINCT s.session_id) AS sessions,
             count(DISTINCT e.session_id) FILTER (WHERE e.event_type = 'add_to_cart') AS carts,
             count(DISTINCT e.session_id) FILTER (WHERE e.event_type = 'purchase') AS purchases,
             round(100.0 * count(DISTINCT e.session_id) FILTER (WHERE e.event_type = 'purchase')
                   / nullif(count(DISTINCT s.session_id), 0), 2) AS conversion_rate
      FROM raw.sessions s
      LEFT JOIN raw.events e ON e.session_id = s.session_id
      WHERE s.started_at >= date '2024-01-01'
      GROUP BY s.channel`,
    inputs: ['raw.events', 'raw.sessions'],
    every: [
      ...join('raw.events.session_id', 'raw.sessions.session_id'),
      ...fil('raw.sessions.started_at'),
      ...grp('raw.sessions.channel'),
    ],
    columns: [
      ['channel', id('raw.sessions.channel')],
      ['sessions', agg('raw.sessions.session_id')],
      ['carts', [...agg('raw.events.session_id'), ...fil('raw.events.event_type')]],
      ['purchases', [...agg('raw.events.session_id'), ...fil('raw.events.event_type')]],
      [
        'conversion_rate',
        [
          ...agg('raw.events.session_id', 'raw.sessions.session_id'),
          ...fil('raw.events.event_type'),
        ],
      ],
    ],
  },
  {
    name: 'customer lifetime value through a CTE',
    sql: `
      WITH order_totals AS (
        SELECT o.customer_id, o.order_id,
               sum(oi.quantity * oi.unit_price) AS order_value,
               min(o.ordered_at) AS ordered_at
        FROM raw.orders o
        JOIN raw.order_items oi ON oi.order_id = o.order_id
        WHERE o.status <> 'cancelled'
        GROUP BY o.customer_id, o.order_id
      )
      SELECT c.customer_id,
             c.email,
             count(t.order_id) AS order_count,
             coalesce(sum(t.order_value), 0) AS lifetime_value,
             max(t.ordered_at) AS last_order_at
      FROM raw.customers c
      LEFT JOIN order_totals t ON t.customer_id = c.customer_id
      WHERE NOT c.is_deleted
      GROUP BY c.customer_id, c.email`,
    inputs: ['raw.customers', 'raw.order_items', 'raw.orders'],
    every: [
      ...join(
        'raw.order_items.order_id',
        'raw.orders.order_id',
        'raw.orders.customer_id',
        'raw.customers.customer_id',
      ),
      ...fil('raw.orders.status', 'raw.customers.is_deleted'),
      ...grp(
        'raw.orders.customer_id',
        'raw.orders.order_id',
        'raw.customers.customer_id',
        'raw.customers.email',
      ),
    ],
    columns: [
      ['customer_id', id('raw.customers.customer_id')],
      ['email', id('raw.customers.email')],
      ['order_count', agg('raw.orders.order_id')],
      ['lifetime_value', agg('raw.order_items.quantity', 'raw.order_items.unit_price')],
      ['last_order_at', agg('raw.orders.ordered_at')],
    ],
  },
  {
    name: 'cart abandonment with a correlated NOT EXISTS',
    sql: `
      SELECT c.cart_id,
             c.customer_id,
             c.updated_at AS abandoned_at,
             sum(ci.quantity * p.list_price) AS cart_value
      FROM raw.carts c
      JOIN raw.cart_items ci ON ci.cart_id = c.cart_id
      JOIN raw.products p ON p.product_id = ci.product_id
      WHERE c.status = 'open'
        AND c.updated_at < now() - interval '24 hours'
        AND NOT EXISTS (
          SELECT 1 FROM raw.orders o
          WHERE o.customer_id = c.customer_id AND o.ordered_at > c.created_at
        )
      GROUP BY c.cart_id, c.customer_id, c.updated_at`,
    inputs: ['raw.cart_items', 'raw.carts', 'raw.orders', 'raw.products'],
    every: [
      ...join(
        'raw.cart_items.cart_id',
        'raw.carts.cart_id',
        'raw.products.product_id',
        'raw.cart_items.product_id',
      ),
      ...fil(
        'raw.carts.status',
        'raw.carts.updated_at',
        'raw.orders.customer_id',
        'raw.carts.customer_id',
        'raw.orders.ordered_at',
        'raw.carts.created_at',
      ),
      ...grp('raw.carts.cart_id', 'raw.carts.customer_id', 'raw.carts.updated_at'),
    ],
    columns: [
      ['cart_id', id('raw.carts.cart_id')],
      ['customer_id', id('raw.carts.customer_id')],
      ['abandoned_at', id('raw.carts.updated_at')],
      ['cart_value', agg('raw.cart_items.quantity', 'raw.products.list_price')],
    ],
  },
  {
    name: 'customer segments from CASE conditions',
    sql: `
      SELECT l.customer_id,
             CASE
               WHEN l.lifetime_value >= 1000 THEN 'vip'
               WHEN l.order_count > 1 THEN 'repeat'
               ELSE 'one_time'
             END AS segment,
             CASE WHEN l.last_order_at < current_date - 180 THEN l.lifetime_value ELSE 0 END
               AS at_risk_value
      FROM analytics.customer_ltv l`,
    inputs: ['analytics.customer_ltv'],
    columns: [
      ['customer_id', id('analytics.customer_ltv.customer_id')],
      [
        'segment',
        cnd('analytics.customer_ltv.lifetime_value', 'analytics.customer_ltv.order_count'),
      ],
      [
        'at_risk_value',
        [
          ...tf('analytics.customer_ltv.lifetime_value'),
          ...cnd('analytics.customer_ltv.last_order_at'),
        ],
      ],
    ],
  },
  {
    name: 'product affinity from a self-join',
    sql: `
      SELECT a.product_id AS product_a,
             b.product_id AS product_b,
             count(*) AS co_purchases
      FROM raw.order_items a
      JOIN raw.order_items b ON a.order_id = b.order_id AND a.product_id < b.product_id
      GROUP BY a.product_id, b.product_id
      HAVING count(*) >= 10
      ORDER BY co_purchases DESC
      LIMIT 100`,
    inputs: ['raw.order_items'],
    every: [
      ...join('raw.order_items.order_id', 'raw.order_items.product_id'),
      ...grp('raw.order_items.product_id'),
    ],
    columns: [
      ['product_a', id('raw.order_items.product_id')],
      ['product_b', id('raw.order_items.product_id')],
      ['co_purchases', []],
    ],
  },
  {
    name: 'weekly demand trend with moving average and week-over-week change',
    sql: `
      SELECT p.category,
             date_trunc('week', o.ordered_at) AS week,
             sum(oi.quantity) AS units,
             avg(sum(oi.quantity)) OVER (
               PARTITION BY p.category ORDER BY date_trunc('week', o.ordered_at)
               ROWS BETWEEN 3 PRECEDING AND CURRENT ROW
             ) AS units_4wk_avg,
             sum(oi.quantity) - lag(sum(oi.quantity)) OVER (
               PARTITION BY p.category ORDER BY date_trunc('week', o.ordered_at)
             ) AS units_wow_change
      FROM raw.order_items oi
      JOIN raw.orders o ON o.order_id = oi.order_id
      JOIN raw.products p ON p.product_id = oi.product_id
      GROUP BY p.category, date_trunc('week', o.ordered_at)`,
    inputs: ['raw.order_items', 'raw.orders', 'raw.products'],
    every: [
      ...join(
        'raw.orders.order_id',
        'raw.order_items.order_id',
        'raw.products.product_id',
        'raw.order_items.product_id',
      ),
      ...grp('raw.products.category', 'raw.orders.ordered_at'),
    ],
    columns: [
      ['category', id('raw.products.category')],
      ['week', tf('raw.orders.ordered_at')],
      ['units', agg('raw.order_items.quantity')],
      [
        'units_4wk_avg',
        [
          ...agg('raw.order_items.quantity'),
          ...win('raw.products.category', 'raw.orders.ordered_at'),
        ],
      ],
      [
        'units_wow_change',
        [
          ...agg('raw.order_items.quantity'),
          ...win('raw.products.category', 'raw.orders.ordered_at'),
        ],
      ],
    ],
  },
  {
    name: 'inventory turnover from two CTEs, one joined USING',
    sql: `
      WITH sold AS (
        SELECT oi.product_id, sum(oi.quantity) AS units_sold
        FROM raw.order_items oi
        JOIN raw.orders o USING (order_id)
        WHERE o.ordered_at >= current_date - 90
        GROUP BY oi.product_id
      ), stock AS (
        SELECT product_id, avg(on_hand_qty) AS avg_on_hand
        FROM raw.inventory
        WHERE snapshot_date >= current_date - 90
        GROUP BY product_id
      )
      SELECT p.sku,
             s.units_sold,
             k.avg_on_hand,
             s.units_sold / nullif(k.avg_on_hand, 0) AS turnover
      FROM raw.products p
      JOIN sold s ON s.product_id = p.product_id
      JOIN stock k ON k.product_id = p.product_id
      WHERE p.is_active`,
    inputs: ['raw.inventory', 'raw.order_items', 'raw.orders', 'raw.products'],
    every: [
      ...join(
        'raw.order_items.order_id',
        'raw.orders.order_id',
        'raw.order_items.product_id',
        'raw.products.product_id',
        'raw.inventory.product_id',
      ),
      ...fil('raw.orders.ordered_at', 'raw.inventory.snapshot_date', 'raw.products.is_active'),
      ...grp('raw.order_items.product_id', 'raw.inventory.product_id'),
    ],
    columns: [
      ['sku', id('raw.products.sku')],
      ['units_sold', agg('raw.order_items.quantity')],
      ['avg_on_hand', agg('raw.inventory.on_hand_qty')],
      ['turnover', agg('raw.order_items.quantity', 'raw.inventory.on_hand_qty')],
    ],
  },
  {
    name: 'top three products per category filtered on row_number',
    sql: `
      SELECT category, product_name, revenue
      FROM (
        SELECT p.category, p.product_name,
               sum(oi.quantity * oi.unit_price) AS revenue,
               row_number() OVER (
                 PARTITION BY p.category ORDER BY sum(oi.quantity * oi.unit_price) DESC
               ) AS rn
        FROM raw.order_items oi
        JOIN raw.products p ON p.product_id = oi.product_id
        GROUP BY p.category, p.product_name
      ) ranked
      WHERE rn <= 3
      ORDER BY category, revenue DESC`,
    inputs: ['raw.order_items', 'raw.products'],
    every: [
      ...join('raw.products.product_id', 'raw.order_items.product_id'),
      ...grp('raw.products.category', 'raw.products.product_name'),
      ...win('raw.products.category', 'raw.order_items.quantity', 'raw.order_items.unit_price'),
      ...srt('raw.products.category', 'raw.order_items.quantity', 'raw.order_items.unit_price'),
    ],
    columns: [
      ['category', id('raw.products.category')],
      ['product_name', id('raw.products.product_name')],
      ['revenue', agg('raw.order_items.quantity', 'raw.order_items.unit_price')],
    ],
  },
  {
    name: 'repeat purchase rate by signup cohort through a LATERAL subquery',
    sql: `
      SELECT to_char(c.signup_at, 'YYYY-MM') AS cohort,
             count(*) AS customers,
             avg(CASE WHEN x.orders > 1 THEN 1.0 ELSE 0 END) AS repeat_rate
      FROM raw.customers c
      JOIN LATERAL (
        SELECT count(*) AS orders FROM raw.orders o WHERE o.customer_id = c.customer_id
      ) x ON true
      GROUP BY 1`,
    inputs: ['raw.customers', 'raw.orders'],
    every: [
      ...fil('raw.orders.customer_id', 'raw.customers.customer_id'),
      ...grp('raw.customers.signup_at'),
    ],
    columns: [
      ['cohort', tf('raw.customers.signup_at')],
      ['customers', []],
      ['repeat_rate', []],
    ],
  },
  {
    name: 'session duration and bounce flag over a USING join',
    sql: `
      SELECT s.session_id,
             s.device,
             extract(epoch FROM s.ended_at - s.started_at) / 60 AS duration_minutes,
             count(e.event_id) AS events,
             count(e.event_id) = 1 AS is_bounce
      FROM raw.sessions s
      LEFT JOIN raw.events e USING (session_id)
      GROUP BY s.session_id, s.device, s.ended_at, s.started_at`,
    inputs: ['raw.events', 'raw.sessions'],
    every: [
      ...join('raw.sessions.session_id', 'raw.events.session_id'),
      ...grp(
        'raw.sessions.session_id',
        'raw.sessions.device',
        'raw.sessions.ended_at',
        'raw.sessions.started_at',
      ),
    ],
    columns: [
      ['session_id', id('raw.sessions.session_id')],
      ['device', id('raw.sessions.device')],
      ['duration_minutes', tf('raw.sessions.ended_at', 'raw.sessions.started_at')],
      ['events', agg('raw.events.event_id')],
      ['is_bounce', agg('raw.events.event_id')],
    ],
  },
  {
    name: 'first-touch attribution with DISTINCT ON',
    sql: `
      SELECT DISTINCT ON (s.customer_id)
             s.customer_id,
             s.channel AS first_touch_channel,
             s.started_at AS first_touch_at
      FROM raw.sessions s
      WHERE s.customer_id IS NOT NULL
      ORDER BY s.customer_id, s.started_at`,
    inputs: ['raw.sessions'],
    every: [
      ...fil('raw.sessions.customer_id'),
      ...srt('raw.sessions.customer_id', 'raw.sessions.started_at'),
      ...grp('raw.sessions.customer_id'),
    ],
    columns: [
      ['customer_id', id('raw.sessions.customer_id')],
      ['first_touch_channel', id('raw.sessions.channel')],
      ['first_touch_at', id('raw.sessions.started_at')],
    ],
  },
  {
    name: 'activity timeline from UNION ALL of two sources',
    sql: `
      SELECT customer_id, occurred_at AS activity_at, 'event' AS source
      FROM raw.events
      WHERE customer_id IS NOT NULL
      UNION ALL
      SELECT customer_id, ordered_at, 'order'
      FROM raw.orders`,
    inputs: ['raw.events', 'raw.orders'],
    every: fil('raw.events.customer_id'),
    columns: [
      ['customer_id', id('raw.events.customer_id', 'raw.orders.customer_id')],
      ['activity_at', id('raw.events.occurred_at', 'raw.orders.ordered_at')],
      ['source', []],
    ],
  },
  {
    name: 'browsers who never bought: EXCEPT only filters',
    sql: `
      SELECT customer_id FROM raw.events WHERE event_type = 'product_view'
      EXCEPT
      SELECT customer_id FROM raw.orders`,
    inputs: ['raw.events', 'raw.orders'],
    columns: [
      [
        'customer_id',
        [
          ...id('raw.events.customer_id'),
          ...fil('raw.events.event_type', 'raw.orders.customer_id'),
        ],
      ],
    ],
  },
  {
    name: 'customers with both a cart and a paid order: INTERSECT',
    sql: `
      SELECT customer_id FROM raw.carts
      INTERSECT
      SELECT customer_id FROM raw.orders WHERE status = 'paid'`,
    inputs: ['raw.carts', 'raw.orders'],
    columns: [
      [
        'customer_id',
        [...id('raw.carts.customer_id', 'raw.orders.customer_id'), ...fil('raw.orders.status')],
      ],
    ],
  },
  {
    name: 'recursive date spine to gap-fill daily revenue',
    sql: `
      WITH RECURSIVE days(day) AS (
        SELECT min(ordered_at)::date FROM raw.orders
        UNION ALL
        SELECT day + 1 FROM days WHERE day < current_date
      )
      SELECT d.day, coalesce(r.revenue, 0) AS revenue
      FROM days d
      LEFT JOIN analytics.daily_revenue r ON r.day = d.day`,
    inputs: ['analytics.daily_revenue', 'raw.orders'],
    every: [
      ...fil('raw.orders.ordered_at'),
      ...join('analytics.daily_revenue.day', 'raw.orders.ordered_at'),
    ],
    columns: [
      ['day', agg('raw.orders.ordered_at')],
      ['revenue', tf('analytics.daily_revenue.revenue')],
    ],
  },
  {
    name: 'recursive referral tree',
    sql: `
      WITH RECURSIVE referrals AS (
        SELECT customer_id, referred_by, 1 AS depth
        FROM raw.customers
        WHERE referred_by IS NULL
        UNION ALL
        SELECT c.customer_id, c.referred_by, r.depth + 1
        FROM raw.customers c
        JOIN referrals r ON c.referred_by = r.customer_id
      )
      SELECT customer_id, depth FROM referrals`,
    inputs: ['raw.customers'],
    every: [
      ...fil('raw.customers.referred_by'),
      ...join('raw.customers.referred_by', 'raw.customers.customer_id'),
    ],
    columns: [
      ['customer_id', id('raw.customers.customer_id')],
      ['depth', []],
    ],
  },
  {
    name: 'revenue share and rank per category with windows over aggregates',
    sql: `
      SELECT p.category,
             sum(oi.quantity * oi.unit_price) AS revenue,
             sum(oi.quantity * oi.unit_price)
               / sum(sum(oi.quantity * oi.unit_price)) OVER () AS revenue_share,
             rank() OVER (ORDER BY sum(oi.quantity * oi.unit_price) DESC) AS revenue_rank
      FROM raw.order_items oi
      JOIN raw.products p USING (product_id)
      GROUP BY p.category`,
    inputs: ['raw.order_items', 'raw.products'],
    every: [
      ...join('raw.order_items.product_id', 'raw.products.product_id'),
      ...grp('raw.products.category'),
    ],
    columns: [
      ['category', id('raw.products.category')],
      ['revenue', agg('raw.order_items.quantity', 'raw.order_items.unit_price')],
      ['revenue_share', agg('raw.order_items.quantity', 'raw.order_items.unit_price')],
      ['revenue_rank', win('raw.order_items.quantity', 'raw.order_items.unit_price')],
    ],
  },
  {
    name: 'last order date from a correlated scalar subquery',
    sql: `
      SELECT c.customer_id,
             c.first_name || ' ' || c.last_name AS full_name,
             (SELECT max(o.ordered_at) FROM raw.orders o WHERE o.customer_id = c.customer_id)
               AS last_order_at
      FROM raw.customers c`,
    inputs: ['raw.customers', 'raw.orders'],
    columns: [
      ['customer_id', id('raw.customers.customer_id')],
      ['full_name', tf('raw.customers.first_name', 'raw.customers.last_name')],
      [
        'last_order_at',
        [
          ...agg('raw.orders.ordered_at'),
          ...fil('raw.orders.customer_id', 'raw.customers.customer_id'),
        ],
      ],
    ],
  },
  {
    name: 'in-stock products through nested IN and scalar subqueries',
    sql: `
      SELECT p.product_id, p.product_name
      FROM raw.products p
      WHERE p.product_id IN (
        SELECT i.product_id FROM raw.inventory i
        WHERE i.snapshot_date = (SELECT max(snapshot_date) FROM raw.inventory)
          AND i.on_hand_qty > 0
      )`,
    inputs: ['raw.inventory', 'raw.products'],
    every: fil(
      'raw.products.product_id',
      'raw.inventory.product_id',
      'raw.inventory.snapshot_date',
      'raw.inventory.on_hand_qty',
    ),
    columns: [
      ['product_id', id('raw.products.product_id')],
      ['product_name', id('raw.products.product_name')],
    ],
  },
  {
    name: 'UTM source and price extracted from JSON event properties',
    sql: `
      SELECT e.event_id,
             e.properties ->> 'utm_source' AS utm_source,
             (e.properties -> 'price')::numeric AS price
      FROM raw.events e
      WHERE e.event_type = 'product_view'`,
    inputs: ['raw.events'],
    every: fil('raw.events.event_type'),
    columns: [
      ['event_id', id('raw.events.event_id')],
      ['utm_source', tf('raw.events.properties')],
      ['price', tf('raw.events.properties')],
    ],
  },
  {
    name: 'funnel step timing over a named window',
    sql: `
      SELECT session_id, event_type, occurred_at,
             lead(occurred_at) OVER w - occurred_at AS time_to_next,
             row_number() OVER w AS step
      FROM raw.events
      WINDOW w AS (PARTITION BY session_id ORDER BY occurred_at)`,
    inputs: ['raw.events'],
    columns: [
      ['session_id', id('raw.events.session_id')],
      ['event_type', id('raw.events.event_type')],
      ['occurred_at', id('raw.events.occurred_at')],
      [
        'time_to_next',
        [
          ...tf('raw.events.occurred_at'),
          ...win('raw.events.session_id', 'raw.events.occurred_at'),
        ],
      ],
      ['step', win('raw.events.session_id', 'raw.events.occurred_at')],
    ],
  },
  {
    name: 'revenue by country and category with ROLLUP and grouping()',
    sql: `
      SELECT o.country, p.category,
             sum(oi.quantity * oi.unit_price) AS revenue,
             grouping(o.country, p.category) AS grouping_level
      FROM raw.orders o
      JOIN raw.order_items oi ON oi.order_id = o.order_id
      JOIN raw.products p ON p.product_id = oi.product_id
      GROUP BY ROLLUP (o.country, p.category)`,
    inputs: ['raw.order_items', 'raw.orders', 'raw.products'],
    every: [
      ...join(
        'raw.order_items.order_id',
        'raw.orders.order_id',
        'raw.products.product_id',
        'raw.order_items.product_id',
      ),
      ...grp('raw.orders.country', 'raw.products.category'),
    ],
    columns: [
      ['country', id('raw.orders.country')],
      ['category', id('raw.products.category')],
      ['revenue', agg('raw.order_items.quantity', 'raw.order_items.unit_price')],
      ['grouping_level', tf('raw.orders.country', 'raw.products.category')],
    ],
  },
  {
    name: 'orders by channel with COALESCE over a LEFT JOIN',
    sql: `
      SELECT coalesce(s.channel, 'direct') AS channel,
             count(*) AS orders,
             sum(o.total_amount) AS revenue
      FROM raw.orders o
      LEFT JOIN raw.sessions s
        ON s.customer_id = o.customer_id AND s.started_at <= o.ordered_at
      GROUP BY 1`,
    inputs: ['raw.orders', 'raw.sessions'],
    every: [
      ...join(
        'raw.sessions.customer_id',
        'raw.orders.customer_id',
        'raw.sessions.started_at',
        'raw.orders.ordered_at',
      ),
      ...grp('raw.sessions.channel'),
    ],
    columns: [
      ['channel', tf('raw.sessions.channel')],
      ['orders', []],
      ['revenue', agg('raw.orders.total_amount')],
    ],
  },
  {
    name: 'basket size distribution over an aggregated subquery',
    sql: `
      SELECT items_per_order, count(*) AS orders
      FROM (
        SELECT order_id, sum(quantity) AS items_per_order
        FROM raw.order_items
        GROUP BY order_id
      ) baskets
      GROUP BY items_per_order
      ORDER BY items_per_order`,
    inputs: ['raw.order_items'],
    every: [
      ...grp('raw.order_items.order_id', 'raw.order_items.quantity'),
      ...srt('raw.order_items.quantity'),
    ],
    columns: [
      ['items_per_order', agg('raw.order_items.quantity')],
      ['orders', []],
    ],
  },
];

const MODELS: Case[] = [
  {
    name: 'dbt staging model: rename and cast through import CTEs',
    sql: `
      with source as (
          select * from raw.orders
      ),
      renamed as (
          select
              order_id,
              customer_id,
              lower(status) as order_status,
              ordered_at::timestamp as ordered_at,
              total_amount::numeric(12, 2) as order_total,
              coalesce(discount_amount, 0) as discount_total
          from source
      )
      select * from renamed`,
    inputs: ['raw.orders'],
    columns: [
      ['order_id', id('raw.orders.order_id')],
      ['customer_id', id('raw.orders.customer_id')],
      ['order_status', tf('raw.orders.status')],
      ['ordered_at', tf('raw.orders.ordered_at')],
      ['order_total', tf('raw.orders.total_amount')],
      ['discount_total', tf('raw.orders.discount_amount')],
    ],
  },
  {
    name: 'dbt staging model: dedupe customers with row_number',
    sql: `
      with source as (select * from raw.customers),
      deduped as (
          select *, row_number() over (partition by lower(email) order by signup_at desc) as rn
          from source
      )
      select customer_id,
             lower(email) as email,
             initcap(first_name) as first_name,
             signup_at::date as signup_date
      from deduped
      where rn = 1 and not is_deleted`,
    inputs: ['raw.customers'],
    every: [
      ...win('raw.customers.email', 'raw.customers.signup_at'),
      ...fil('raw.customers.is_deleted'),
    ],
    columns: [
      ['customer_id', id('raw.customers.customer_id')],
      ['email', tf('raw.customers.email')],
      ['first_name', tf('raw.customers.first_name')],
      ['signup_date', tf('raw.customers.signup_at')],
    ],
  },
  {
    name: 'dbt incremental model filtered on its own uncatalogued target',
    sql: `
      select event_id, session_id, customer_id, event_type, product_id, occurred_at
      from raw.events
      where occurred_at > (select coalesce(max(occurred_at), '1900-01-01') from analytics.fct_events)`,
    inputs: ['analytics.fct_events', 'raw.events'],
    every: fil('raw.events.occurred_at', 'analytics.fct_events.occurred_at'),
    columns: [
      ['event_id', id('raw.events.event_id')],
      ['session_id', id('raw.events.session_id')],
      ['customer_id', id('raw.events.customer_id')],
      ['event_type', id('raw.events.event_type')],
      ['product_id', id('raw.events.product_id')],
      ['occurred_at', id('raw.events.occurred_at')],
    ],
  },
  {
    name: 'fact table built with CREATE TABLE AS',
    sql: `
      create table analytics.fct_orders as
      select o.order_id, o.customer_id, o.ordered_at,
             sum(oi.quantity) as item_count,
             sum(oi.quantity * oi.unit_price) as gross_revenue,
             o.total_amount - o.discount_amount as net_revenue
      from raw.orders o
      join raw.order_items oi on oi.order_id = o.order_id
      group by o.order_id, o.customer_id, o.ordered_at, o.total_amount, o.discount_amount`,
    kind: 'create_table_as',
    output: 'analytics.fct_orders',
    inputs: ['raw.order_items', 'raw.orders'],
    every: [
      ...join('raw.order_items.order_id', 'raw.orders.order_id'),
      ...grp(
        'raw.orders.order_id',
        'raw.orders.customer_id',
        'raw.orders.ordered_at',
        'raw.orders.total_amount',
        'raw.orders.discount_amount',
      ),
    ],
    columns: [
      ['order_id', id('raw.orders.order_id')],
      ['customer_id', id('raw.orders.customer_id')],
      ['ordered_at', id('raw.orders.ordered_at')],
      ['item_count', agg('raw.order_items.quantity')],
      ['gross_revenue', agg('raw.order_items.quantity', 'raw.order_items.unit_price')],
      ['net_revenue', tf('raw.orders.total_amount', 'raw.orders.discount_amount')],
    ],
  },
  {
    name: 'product dimension as a materialized view with LEFT JOIN LATERAL',
    sql: `
      create materialized view analytics.dim_products as
      select p.product_id, p.sku, p.product_name, p.category, p.list_price,
             i.on_hand_qty as current_stock
      from raw.products p
      left join lateral (
        select on_hand_qty from raw.inventory inv
        where inv.product_id = p.product_id
        order by inv.snapshot_date desc
        limit 1
      ) i on true
      where p.is_active`,
    kind: 'create_view',
    output: 'analytics.dim_products',
    inputs: ['raw.inventory', 'raw.products'],
    every: [
      ...fil('raw.inventory.product_id', 'raw.products.product_id', 'raw.products.is_active'),
      ...srt('raw.inventory.snapshot_date'),
    ],
    columns: [
      ['product_id', id('raw.products.product_id')],
      ['sku', id('raw.products.sku')],
      ['product_name', id('raw.products.product_name')],
      ['category', id('raw.products.category')],
      ['list_price', id('raw.products.list_price')],
      ['current_stock', id('raw.inventory.on_hand_qty')],
    ],
  },
  {
    name: 'customer 360 view: * over a USING join lists the merged column first',
    sql: `
      CREATE VIEW analytics.customer_360 AS
      WITH ltv AS (SELECT * FROM analytics.customer_ltv)
      SELECT *
      FROM raw.customers c
      LEFT JOIN ltv USING (customer_id)
      WHERE c.is_deleted = false`,
    kind: 'create_view',
    output: 'analytics.customer_360',
    inputs: ['analytics.customer_ltv', 'raw.customers'],
    every: [
      ...join('raw.customers.customer_id', 'analytics.customer_ltv.customer_id'),
      ...fil('raw.customers.is_deleted'),
    ],
    columns: [
      ['customer_id', id('raw.customers.customer_id')],
      ['email', id('raw.customers.email')],
      ['first_name', id('raw.customers.first_name')],
      ['last_name', id('raw.customers.last_name')],
      ['signup_at', id('raw.customers.signup_at')],
      ['country', id('raw.customers.country')],
      ['is_deleted', id('raw.customers.is_deleted')],
      ['referred_by', id('raw.customers.referred_by')],
      ['lifetime_value', id('analytics.customer_ltv.lifetime_value')],
      ['order_count', id('analytics.customer_ltv.order_count')],
      ['first_order_at', id('analytics.customer_ltv.first_order_at')],
      ['last_order_at', id('analytics.customer_ltv.last_order_at')],
    ],
  },
  {
    name: 'view with a column list renaming positional output',
    sql: `
      CREATE OR REPLACE VIEW analytics.daily_sessions (day, channel, sessions) AS
      SELECT started_at::date, channel, count(*) FROM raw.sessions GROUP BY 1, 2`,
    kind: 'create_view',
    output: 'analytics.daily_sessions',
    inputs: ['raw.sessions'],
    every: grp('raw.sessions.started_at', 'raw.sessions.channel'),
    columns: [
      ['day', tf('raw.sessions.started_at')],
      ['channel', id('raw.sessions.channel')],
      ['sessions', []],
    ],
  },
  {
    name: 'SELECT INTO a temporary table',
    sql: `
      SELECT customer_id, count(*) AS sessions
      INTO TEMP session_counts
      FROM raw.sessions
      GROUP BY customer_id`,
    kind: 'create_table_as',
    output: 'pg_temp.session_counts',
    inputs: ['raw.sessions'],
    every: grp('raw.sessions.customer_id'),
    columns: [
      ['customer_id', id('raw.sessions.customer_id')],
      ['sessions', []],
    ],
  },
];

const WRITES: Case[] = [
  {
    name: 'incremental INSERT … SELECT with a column list',
    sql: `
      INSERT INTO analytics.daily_revenue (day, orders, revenue)
      SELECT ordered_at::date, count(*), sum(total_amount)
      FROM raw.orders
      WHERE ordered_at >= current_date - 1 AND status = 'paid'
      GROUP BY 1`,
    kind: 'insert',
    output: 'analytics.daily_revenue',
    inputs: ['raw.orders'],
    every: [...fil('raw.orders.ordered_at', 'raw.orders.status'), ...grp('raw.orders.ordered_at')],
    columns: [
      ['day', tf('raw.orders.ordered_at')],
      ['orders', []],
      ['revenue', agg('raw.orders.total_amount')],
    ],
  },
  {
    name: 'INSERT without a column list maps to the catalogued target columns',
    sql: `
      INSERT INTO analytics.customer_ltv
      SELECT customer_id, sum(total_amount), count(*), min(ordered_at), max(ordered_at)
      FROM raw.orders
      GROUP BY customer_id`,
    kind: 'insert',
    output: 'analytics.customer_ltv',
    inputs: ['raw.orders'],
    every: grp('raw.orders.customer_id'),
    columns: [
      ['customer_id', id('raw.orders.customer_id')],
      ['lifetime_value', agg('raw.orders.total_amount')],
      ['order_count', []],
      ['first_order_at', agg('raw.orders.ordered_at')],
      ['last_order_at', agg('raw.orders.ordered_at')],
    ],
  },
  {
    name: 'upsert with ON CONFLICT DO UPDATE reading the target and EXCLUDED',
    sql: `
      INSERT INTO analytics.customer_ltv AS t (customer_id, lifetime_value, order_count)
      SELECT customer_id, sum(total_amount), count(*)
      FROM raw.orders
      WHERE ordered_at >= current_date
      GROUP BY customer_id
      ON CONFLICT (customer_id) DO UPDATE
      SET lifetime_value = t.lifetime_value + excluded.lifetime_value,
          order_count = t.order_count + excluded.order_count`,
    kind: 'insert',
    output: 'analytics.customer_ltv',
    inputs: ['analytics.customer_ltv', 'raw.orders'],
    every: [...fil('raw.orders.ordered_at'), ...grp('raw.orders.customer_id')],
    columns: [
      ['customer_id', id('raw.orders.customer_id')],
      [
        'lifetime_value',
        [...agg('raw.orders.total_amount'), ...tf('analytics.customer_ltv.lifetime_value')],
      ],
      ['order_count', tf('analytics.customer_ltv.order_count')],
    ],
  },
  {
    name: 'INSERT … VALUES has columns without origins',
    sql: `
      INSERT INTO raw.products (product_id, sku, product_name)
      VALUES (1, 'MUG-1', 'Mug'), (2, 'CUP-1', 'Cup')`,
    kind: 'insert',
    output: 'raw.products',
    inputs: [],
    columns: [
      ['product_id', []],
      ['sku', []],
      ['product_name', []],
    ],
  },
  {
    name: 'UPDATE … FROM an aggregated subquery',
    sql: `
      UPDATE analytics.customer_ltv AS l
      SET lifetime_value = s.total,
          last_order_at = s.last_at
      FROM (
        SELECT customer_id, sum(total_amount) AS total, max(ordered_at) AS last_at
        FROM raw.orders
        WHERE status = 'paid'
        GROUP BY customer_id
      ) s
      WHERE l.customer_id = s.customer_id`,
    kind: 'update',
    output: 'analytics.customer_ltv',
    inputs: ['analytics.customer_ltv', 'raw.orders'],
    every: [
      ...fil('raw.orders.status', 'analytics.customer_ltv.customer_id', 'raw.orders.customer_id'),
      ...grp('raw.orders.customer_id'),
    ],
    columns: [
      ['lifetime_value', agg('raw.orders.total_amount')],
      ['last_order_at', agg('raw.orders.ordered_at')],
    ],
  },
  {
    name: 'UPDATE with a multi-column assignment from a correlated subquery',
    sql: `
      UPDATE raw.products
      SET (list_price, is_active) = (
        SELECT avg(unit_price), true FROM raw.order_items oi
        WHERE oi.product_id = products.product_id
      )
      WHERE category = 'clearance'`,
    kind: 'update',
    output: 'raw.products',
    inputs: ['raw.order_items', 'raw.products'],
    every: fil('raw.products.category', 'raw.order_items.product_id', 'raw.products.product_id'),
    columns: [
      ['list_price', agg('raw.order_items.unit_price')],
      ['is_active', []],
    ],
  },
  {
    name: 'MERGE from an aggregated source with a conditional WHEN MATCHED',
    sql: `
      MERGE INTO analytics.customer_ltv AS t
      USING (
        SELECT customer_id, sum(total_amount) AS ltv, count(*) AS n
        FROM raw.orders
        GROUP BY customer_id
      ) AS s
      ON t.customer_id = s.customer_id
      WHEN MATCHED AND s.n <> t.order_count THEN
        UPDATE SET lifetime_value = s.ltv, order_count = s.n
      WHEN NOT MATCHED THEN
        INSERT (customer_id, lifetime_value, order_count) VALUES (s.customer_id, s.ltv, s.n)`,
    kind: 'merge',
    output: 'analytics.customer_ltv',
    inputs: ['analytics.customer_ltv', 'raw.orders'],
    every: [
      ...join('analytics.customer_ltv.customer_id', 'raw.orders.customer_id'),
      ...grp('raw.orders.customer_id'),
    ],
    columns: [
      [
        'lifetime_value',
        [...agg('raw.orders.total_amount'), ...cnd('analytics.customer_ltv.order_count')],
      ],
      ['order_count', cnd('analytics.customer_ltv.order_count')],
      ['customer_id', id('raw.orders.customer_id')],
    ],
  },
  {
    name: 'MERGE from an uncatalogued staging table, INSERT without a column list',
    sql: `
      MERGE INTO raw.inventory i
      USING staging.inventory_updates u
      ON i.product_id = u.product_id AND i.warehouse_id = u.warehouse_id
      WHEN MATCHED AND u.on_hand_qty = 0 THEN DELETE
      WHEN MATCHED THEN
        UPDATE SET on_hand_qty = u.on_hand_qty, snapshot_date = u.snapshot_date
      WHEN NOT MATCHED THEN
        INSERT VALUES (u.product_id, u.warehouse_id, u.snapshot_date, u.on_hand_qty)`,
    kind: 'merge',
    output: 'raw.inventory',
    inputs: ['raw.inventory', 'staging.inventory_updates'],
    every: join(
      'raw.inventory.product_id',
      'staging.inventory_updates.product_id',
      'raw.inventory.warehouse_id',
      'staging.inventory_updates.warehouse_id',
    ),
    columns: [
      ['on_hand_qty', id('staging.inventory_updates.on_hand_qty')],
      ['snapshot_date', id('staging.inventory_updates.snapshot_date')],
      ['product_id', id('staging.inventory_updates.product_id')],
      ['warehouse_id', id('staging.inventory_updates.warehouse_id')],
    ],
  },
  {
    name: 'DELETE … USING only reads relations',
    sql: `
      DELETE FROM raw.carts c
      USING raw.orders o
      WHERE o.customer_id = c.customer_id AND c.status = 'open'`,
    kind: 'other',
    inputs: ['raw.orders'],
    columns: [],
  },
];

describe('analyzeSqlLineage on an e-commerce warehouse', () => {
  it.each(ANALYTICS)('analytics: $name', check);
  it.each(MODELS)('models: $name', check);
  it.each(WRITES)('writes: $name', check);
});
