-- Historical lifetime value per customer from valid orders.
WITH per_customer AS (
    SELECT
        customer_id,
        count(*)::integer AS order_count,
        sum(order_total) AS lifetime_value,
        min(ordered_at) AS first_order_at,
        max(ordered_at) AS last_order_at
    FROM {{ ref('valid_orders') }}
    GROUP BY customer_id
),

margins AS (
    SELECT
        valid.customer_id,
        -- Unknown cost on any line makes the margin unknown rather than silently too high.
        CASE
            WHEN bool_and(products.cost_price IS NOT NULL)
                THEN sum(items.line_total - items.quantity * products.cost_price)
        END AS gross_margin
    FROM {{ ref('valid_orders') }} AS valid
    JOIN {{ ref('order_items') }} AS items ON items.order_id = valid.order_id
    LEFT JOIN {{ ref('stg_products') }} AS products ON products.product_id = items.product_id
    GROUP BY valid.customer_id
)

SELECT
    per_customer.customer_id,
    customers.customer_type,
    customers.company_name,
    per_customer.order_count,
    per_customer.lifetime_value::numeric(14, 2) AS lifetime_value,
    round(per_customer.lifetime_value / per_customer.order_count, 2)::numeric(14, 2) AS average_order_value,
    margins.gross_margin::numeric(14, 2) AS gross_margin,
    per_customer.first_order_at,
    per_customer.last_order_at,
    (
        (per_customer.last_order_at AT TIME ZONE 'UTC')::date
        - (per_customer.first_order_at AT TIME ZONE 'UTC')::date
    ) AS customer_lifespan_days
FROM per_customer
JOIN margins ON margins.customer_id = per_customer.customer_id
LEFT JOIN {{ ref('stg_customers') }} AS customers ON customers.customer_id = per_customer.customer_id
