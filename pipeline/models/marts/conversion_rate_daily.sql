-- Conversion rate per UTC day: transactions (orders) / visitors (distinct shoppers) × 100.
WITH visits AS (
    SELECT
        event_date AS activity_date,
        count(DISTINCT user_id)::integer AS visitors,
        count(DISTINCT session_id)::integer AS sessions,
        count(DISTINCT user_id) FILTER (WHERE event_type = 'purchase')::integer AS purchasing_visitors
    FROM {{ ref('stg_events') }}
    GROUP BY event_date
),

transactions AS (
    SELECT order_date AS activity_date, count(*)::integer AS transactions
    FROM {{ ref('orders') }}
    GROUP BY order_date
)

SELECT
    visits.activity_date,
    visits.visitors,
    visits.sessions,
    coalesce(transactions.transactions, 0) AS transactions,
    visits.purchasing_visitors,
    round(100.0 * coalesce(transactions.transactions, 0) / visits.visitors, 2)::numeric(7, 2) AS conversion_rate
FROM visits
LEFT JOIN transactions ON transactions.activity_date = visits.activity_date
