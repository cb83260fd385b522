-- "Bought together": for each product, the products found in the same orders.
WITH baskets AS (
    SELECT DISTINCT order_id, product_id
    FROM {{ ref('order_items') }}
),

totals AS (
    SELECT count(DISTINCT order_id) AS orders FROM baskets
),

product_orders AS (
    SELECT product_id, count(*) AS orders
    FROM baskets
    GROUP BY product_id
),

pairs AS (
    SELECT
        a.product_id,
        b.product_id AS bought_with_product_id,
        count(*) AS pair_orders
    FROM baskets AS a
    JOIN baskets AS b ON b.order_id = a.order_id AND b.product_id <> a.product_id
    GROUP BY a.product_id, b.product_id
)

SELECT
    pairs.product_id,
    pairs.bought_with_product_id,
    pairs.pair_orders::integer AS pair_orders,
    round(pairs.pair_orders::numeric / totals.orders, 4) AS support,
    round(pairs.pair_orders::numeric / antecedent.orders, 4) AS confidence,
    round(
        (pairs.pair_orders::numeric / antecedent.orders) / (consequent.orders::numeric / totals.orders), 4
    ) AS lift
FROM pairs
CROSS JOIN totals
JOIN product_orders AS antecedent ON antecedent.product_id = pairs.product_id
JOIN product_orders AS consequent ON consequent.product_id = pairs.bought_with_product_id
