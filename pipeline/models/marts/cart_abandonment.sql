-- Expired sessions that carted products and bought nothing.
WITH abandoned_sessions AS (
    SELECT session_id, customer_id, session_end, expires_at
    FROM {{ ref('sessions') }}
    WHERE has_cart
      AND NOT has_purchase
      AND expires_at <= now()
),

left_in_cart AS (
    SELECT
        carts.session_id,
        carts.product_id,
        max(carts.event_time) AS carted_at,
        (array_agg(carts.price ORDER BY carts.event_time DESC))[1] AS price
    FROM {{ ref('stg_events') }} AS carts
    JOIN abandoned_sessions ON abandoned_sessions.session_id = carts.session_id
    WHERE carts.event_type = 'cart'
      AND NOT EXISTS (
          SELECT 1
          FROM {{ ref('stg_events') }} AS removals
          WHERE removals.session_id = carts.session_id
            AND removals.product_id = carts.product_id
            AND removals.event_type = 'removefromcart'
            AND removals.event_time >= carts.event_time
      )
    GROUP BY carts.session_id, carts.product_id
)

SELECT
    abandoned_sessions.session_id,
    abandoned_sessions.customer_id,
    min(left_in_cart.carted_at) AS first_cart_at,
    max(left_in_cart.carted_at) AS last_cart_at,
    abandoned_sessions.session_end,
    abandoned_sessions.expires_at AS abandoned_at,
    count(*)::integer AS abandoned_products,
    sum(left_in_cart.price)::numeric(14, 2) AS cart_value,
    array_agg(left_in_cart.product_id ORDER BY left_in_cart.product_id) AS product_ids
FROM abandoned_sessions
JOIN left_in_cart ON left_in_cart.session_id = abandoned_sessions.session_id
GROUP BY
    abandoned_sessions.session_id, abandoned_sessions.customer_id,
    abandoned_sessions.session_end, abandoned_sessions.expires_at
