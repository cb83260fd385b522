-- Units and revenue per product per minute of purchase. Incremental: a run re-aggregates every
-- (product, minute) that newly loaded purchases fall in, however late they arrive, and upserts it.
{% if is_incremental() %}
WITH touched AS (
    SELECT DISTINCT product_id, date_trunc('minute', event_time) AS sale_minute
    FROM {{ ref('stg_events') }}
    WHERE event_type = 'purchase'
      AND {{ incremental_filter('loaded_at') }}
)
{% endif %}
SELECT
    purchases.product_id,
    date_trunc('minute', purchases.event_time) AS sale_minute,
    count(*)::integer AS units_sold,
    sum(purchases.price)::numeric(14, 2) AS revenue,
    count(DISTINCT purchases.session_id)::integer AS orders,
    max(purchases.event_time) AS last_sale_at,
    max(purchases.loaded_at) AS last_loaded_at
FROM {{ ref('stg_events') }} AS purchases
{% if is_incremental() %}
JOIN touched
  ON touched.product_id = purchases.product_id
 AND purchases.event_time >= touched.sale_minute
 AND purchases.event_time < touched.sale_minute + interval '1 minute'
{% endif %}
WHERE purchases.event_type = 'purchase'
GROUP BY purchases.product_id, date_trunc('minute', purchases.event_time)
