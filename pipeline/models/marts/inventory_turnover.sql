-- Inventory turnover per product over the whole loaded history: cost of goods sold / average inventory value.
WITH stock AS (
    SELECT
        product_id,
        min(snapshot_date) AS first_snapshot_date,
        max(snapshot_date) AS last_snapshot_date,
        count(*)::integer AS snapshots,
        avg(quantity_on_hand) AS average_units
    FROM {{ ref('stg_inventory') }}
    GROUP BY product_id
),

sold AS (
    SELECT items.product_id, sum(items.quantity)::integer AS units_sold
    FROM {{ ref('order_items') }} AS items
    JOIN {{ ref('valid_orders') }} AS valid ON valid.order_id = items.order_id
    GROUP BY items.product_id
),

valued AS (
    SELECT
        stock.*,
        coalesce(sold.units_sold, 0) AS units_sold,
        products.cost_price,
        coalesce(sold.units_sold, 0) * products.cost_price AS cost_of_goods_sold,
        stock.average_units * products.cost_price AS average_inventory_value
    FROM stock
    LEFT JOIN sold ON sold.product_id = stock.product_id
    LEFT JOIN {{ ref('stg_products') }} AS products ON products.product_id = stock.product_id
)

SELECT
    product_id,
    first_snapshot_date,
    last_snapshot_date,
    snapshots,
    units_sold,
    cost_price,
    cost_of_goods_sold::numeric(14, 2) AS cost_of_goods_sold,
    round(average_units, 2)::numeric(14, 2) AS average_inventory_units,
    round(average_inventory_value, 2)::numeric(14, 2) AS average_inventory_value,
    CASE
        WHEN average_inventory_value > 0 THEN round(cost_of_goods_sold / average_inventory_value, 4)
    END AS inventory_turnover
FROM valued
