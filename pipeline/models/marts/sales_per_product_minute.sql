-- Units and revenue per product per minute of purchase; incremental on the minute.
SELECT
    product_id,
    date_trunc('minute', event_time) AS sale_minute,
    count(*)::integer AS units_sold,
    sum(price)::numeric(14, 2) AS revenue,
    count(DISTINCT session_id)::integer AS orders,
    max(event_time) AS last_sale_at
FROM {{ ref('stg_events') }}
WHERE event_type = 'purchase'
  AND {{ incremental_filter('event_time') }}
GROUP BY product_id, date_trunc('minute', event_time)
