-- One row per product in an order; each purchase event is one unit.
SELECT
    session_id AS order_id,
    user_id AS customer_id,
    product_id,
    count(*)::integer AS quantity,
    round(sum(price) / count(*), 2)::numeric(12, 2) AS unit_price,
    sum(price)::numeric(14, 2) AS line_total,
    min(event_time) AS first_purchased_at
FROM {{ ref('stg_events') }}
WHERE event_type = 'purchase'
GROUP BY session_id, user_id, product_id
