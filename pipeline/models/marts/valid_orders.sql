-- Orders with a successful payment (positive total) whose every line is covered by the latest stock.
WITH latest_stock AS (
    SELECT DISTINCT ON (product_id)
        product_id,
        snapshot_date,
        quantity_on_hand
    FROM {{ ref('stg_inventory') }}
    ORDER BY product_id, snapshot_date DESC
),

confirmation AS (
    SELECT
        items.order_id,
        bool_and(stock.quantity_on_hand IS NOT NULL AND stock.quantity_on_hand >= items.quantity)
            AS inventory_confirmed,
        max(stock.snapshot_date) AS inventory_snapshot_date
    FROM {{ ref('order_items') }} AS items
    LEFT JOIN latest_stock AS stock ON stock.product_id = items.product_id
    GROUP BY items.order_id
)

SELECT
    orders.order_id,
    orders.customer_id,
    orders.customer_type,
    orders.ordered_at,
    orders.order_date,
    orders.line_count,
    orders.item_count,
    orders.order_total,
    confirmation.inventory_snapshot_date
FROM {{ ref('orders') }} AS orders
JOIN confirmation ON confirmation.order_id = orders.order_id
WHERE orders.order_total > 0
  AND confirmation.inventory_confirmed
