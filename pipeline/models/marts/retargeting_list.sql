-- Who gets the free-shipping e-mail: consenting customers whose latest abandoned cart is still unbought.
WITH latest AS (
    SELECT DISTINCT ON (customer_id) *
    FROM {{ ref('cart_abandonment') }}
    ORDER BY customer_id, abandoned_at DESC
),

counts AS (
    SELECT customer_id, count(*)::integer AS abandoned_carts
    FROM {{ ref('cart_abandonment') }}
    GROUP BY customer_id
)

SELECT
    latest.customer_id,
    customers.email,
    customers.first_name,
    latest.session_id AS abandoned_session_id,
    latest.abandoned_at,
    latest.cart_value,
    latest.product_ids,
    counts.abandoned_carts,
    'free_shipping'::text AS offer
FROM latest
JOIN counts ON counts.customer_id = latest.customer_id
JOIN {{ ref('stg_customers') }} AS customers ON customers.customer_id = latest.customer_id
WHERE customers.marketing_consent
  AND customers.email IS NOT NULL
  -- Sessions rather than orders: sessions refresh with every micro-batch, orders with batch runs.
  AND NOT EXISTS (
      SELECT 1
      FROM {{ ref('sessions') }} AS later
      WHERE later.customer_id = latest.customer_id
        AND later.has_purchase
        AND later.session_start > latest.session_end
  )
