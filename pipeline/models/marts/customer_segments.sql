-- Segments for personalised offers; a customer can be in several, one row per customer and segment.
WITH as_of AS (
    SELECT max(event_time) AS as_of FROM {{ ref('stg_events') }}
),

value_threshold AS (
    SELECT percentile_cont(0.8) WITHIN GROUP (ORDER BY lifetime_value) AS threshold
    FROM {{ ref('customer_lifetime_value') }}
),

high_value AS (
    SELECT
        clv.customer_id,
        'high_value'::text AS segment,
        NULL::text AS segment_detail,
        clv.lifetime_value::numeric AS score
    FROM {{ ref('customer_lifetime_value') }} AS clv
    CROSS JOIN value_threshold
    WHERE clv.lifetime_value >= value_threshold.threshold
),

deal_seekers AS (
    SELECT
        purchases.user_id AS customer_id,
        'deal_seeker'::text AS segment,
        NULL::text AS segment_detail,
        round(avg(CASE WHEN purchases.price <= products.list_price * 0.9 THEN 1 ELSE 0 END), 2) AS score
    FROM {{ ref('stg_events') }} AS purchases
    JOIN {{ ref('stg_products') }} AS products ON products.product_id = purchases.product_id
    WHERE purchases.event_type = 'purchase'
      AND purchases.price > 0
      AND products.list_price > 0
    GROUP BY purchases.user_id
    HAVING avg(CASE WHEN purchases.price <= products.list_price * 0.9 THEN 1 ELSE 0 END) >= 0.5
),

new_shoppers AS (
    SELECT
        events.user_id AS customer_id,
        'new'::text AS segment,
        NULL::text AS segment_detail,
        round(extract(EPOCH FROM as_of.as_of - min(events.event_time)) / 86400, 2) AS score
    FROM {{ ref('stg_events') }} AS events
    CROSS JOIN as_of
    GROUP BY events.user_id, as_of.as_of
    HAVING min(events.event_time) > as_of.as_of - interval '30 days'
),

category_scores AS (
    SELECT
        user_id,
        category_l1,
        sum(CASE event_type WHEN 'purchase' THEN 5 WHEN 'cart' THEN 3 WHEN 'view' THEN 1 ELSE 0 END) AS interest
    FROM {{ ref('stg_events') }}
    WHERE category_l1 IS NOT NULL
    GROUP BY user_id, category_l1
),

category_interest AS (
    SELECT DISTINCT ON (user_id)
        user_id AS customer_id,
        'category_interest'::text AS segment,
        category_l1 AS segment_detail,
        interest::numeric AS score
    FROM category_scores
    WHERE interest >= 3
    ORDER BY user_id, interest DESC, category_l1
),

segments AS (
    SELECT * FROM high_value
    UNION ALL
    SELECT * FROM deal_seekers
    UNION ALL
    SELECT * FROM new_shoppers
    UNION ALL
    SELECT * FROM category_interest
)

SELECT
    segments.customer_id,
    segments.segment,
    segments.segment_detail,
    segments.score,
    as_of.as_of
FROM segments
CROSS JOIN as_of
