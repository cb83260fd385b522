-- One order per session with at least one purchase event.
SELECT
    items.order_id,
    items.customer_id,
    customers.customer_type,
    min(items.first_purchased_at) AS ordered_at,
    (min(items.first_purchased_at) AT TIME ZONE 'UTC')::date AS order_date,
    count(*)::integer AS line_count,
    sum(items.quantity)::integer AS item_count,
    sum(items.line_total)::numeric(14, 2) AS order_total
FROM {{ ref('order_items') }} AS items
LEFT JOIN {{ ref('stg_customers') }} AS customers ON customers.customer_id = items.customer_id
GROUP BY items.order_id, items.customer_id, customers.customer_type
