-- One row per shopper session (a new session starts after 30 minutes without events).
SELECT
    session_id,
    user_id AS customer_id,
    min(event_time) AS session_start,
    max(event_time) AS session_end,
    max(event_time) + interval '30 minutes' AS expires_at,
    extract(EPOCH FROM max(event_time) - min(event_time))::integer AS duration_seconds,
    count(*)::integer AS event_count,
    count(*) FILTER (WHERE event_type = 'view')::integer AS views,
    count(*) FILTER (WHERE event_type = 'cart')::integer AS carts,
    count(*) FILTER (WHERE event_type = 'removefromcart')::integer AS removals,
    count(*) FILTER (WHERE event_type = 'purchase')::integer AS purchases,
    coalesce(sum(price) FILTER (WHERE event_type = 'purchase'), 0)::numeric(14, 2) AS purchase_amount,
    count(DISTINCT product_id)::integer AS distinct_products,
    bool_or(event_type = 'cart') AS has_cart,
    bool_or(event_type = 'purchase') AS has_purchase,
    max(loaded_at) AS last_loaded_at
FROM {{ ref('stg_events') }}
{% if is_incremental() %}
-- New events can extend, split or merge a shopper's sessions: recompute all sessions of the shoppers
-- with newly loaded events; delete+insert on customer_id replaces what was stored for them.
WHERE user_id IN (SELECT user_id FROM {{ ref('stg_events') }} WHERE {{ incremental_filter('loaded_at') }})
{% endif %}
GROUP BY session_id, user_id
