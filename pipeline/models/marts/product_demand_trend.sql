-- Demand over the last 7 days against the 7 days before, per product, as of the newest event.
WITH as_of AS (
    SELECT max(event_time) AS as_of FROM {{ ref('stg_events') }}
),

windows AS (
    SELECT
        events.product_id,
        events.event_type,
        events.event_time > as_of.as_of - interval '7 days' AS is_recent
    FROM {{ ref('stg_events') }} AS events
    CROSS JOIN as_of
    WHERE events.event_time > as_of.as_of - interval '14 days'
),

demand AS (
    SELECT
        product_id,
        count(*) FILTER (WHERE is_recent AND event_type = 'purchase')::integer AS units_recent,
        count(*) FILTER (WHERE NOT is_recent AND event_type = 'purchase')::integer AS units_previous,
        count(*) FILTER (WHERE is_recent AND event_type = 'cart')::integer AS carts_recent,
        count(*) FILTER (WHERE is_recent AND event_type = 'view')::integer AS views_recent
    FROM windows
    GROUP BY product_id
)

SELECT
    demand.product_id,
    demand.units_recent,
    demand.units_previous,
    demand.carts_recent,
    demand.views_recent,
    CASE
        WHEN demand.units_previous > 0
            THEN round(100.0 * (demand.units_recent - demand.units_previous) / demand.units_previous, 2)
    END AS growth_pct,
    CASE
        WHEN demand.units_previous = 0 AND demand.units_recent > 0 THEN 'new'
        WHEN demand.units_recent > demand.units_previous THEN 'rising'
        WHEN demand.units_recent < demand.units_previous THEN 'falling'
        ELSE 'steady'
    END AS trend,
    (demand.units_recent > demand.units_previous OR demand.carts_recent > demand.units_recent) AS likely_to_sell,
    as_of.as_of AS window_end
FROM demand
CROSS JOIN as_of
