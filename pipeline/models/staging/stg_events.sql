-- Typed, deduplicated shop events with the business's session rule.
WITH typed AS (
    SELECT
        event_time,
        lower(trim(event_type)) AS event_type,
        product_id,
        category_id,
        nullif(trim(category_code), '') AS category_code,
        nullif(lower(trim(brand)), '') AS brand,
        price,
        user_id,
        user_session,
        _file,
        _line,
        _loaded_at
    FROM {{ source('raw', 'events') }}
    -- The loader quarantines bad rows already; this keeps the model correct if one slips through,
    -- and the checks on raw.events report it.
    WHERE event_time IS NOT NULL
      AND user_id IS NOT NULL
      AND product_id IS NOT NULL
      AND price >= 0
      AND lower(trim(event_type)) IN ('view', 'cart', 'removefromcart', 'purchase')
),

deduplicated AS (
    SELECT DISTINCT ON (
        event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session
    ) *
    FROM typed
    ORDER BY
        event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session,
        _loaded_at, _file, _line
),

session_starts AS (
    SELECT
        deduplicated.*,
        CASE
            WHEN lag(event_time) OVER by_user IS NULL THEN 1
            WHEN event_time - lag(event_time) OVER by_user > interval '30 minutes' THEN 1
            ELSE 0
        END AS starts_session
    FROM deduplicated
    WINDOW by_user AS (PARTITION BY user_id ORDER BY event_time)
),

numbered AS (
    SELECT
        session_starts.*,
        sum(starts_session) OVER (PARTITION BY user_id ORDER BY event_time) AS session_number
    FROM session_starts
),

sessionised AS (
    SELECT
        numbered.*,
        min(event_time) OVER (PARTITION BY user_id, session_number) AS session_start
    FROM numbered
)

SELECT
    md5(concat_ws(
        '|', extract(EPOCH FROM event_time)::text, event_type, product_id::text, category_id::text,
        coalesce(category_code, '<null>'), coalesce(brand, '<null>'), price::text, user_id::text, user_session
    )) AS event_id,
    event_time,
    (event_time AT TIME ZONE 'UTC')::date AS event_date,
    event_type,
    product_id,
    category_id,
    category_code,
    nullif(split_part(category_code, '.', 1), '') AS category_l1,
    brand,
    price,
    user_id,
    user_session,
    user_id::text || '-' || to_char(session_start AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISS') AS session_id,
    session_number::integer AS session_number,
    session_start,
    _file AS source_file,
    _line AS source_line,
    _loaded_at AS loaded_at
FROM sessionised
