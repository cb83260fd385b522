-- Typed, deduplicated shop events with the business's session rule.
-- Incremental: a run takes the newly loaded rows plus the stored events of the shoppers they belong
-- to, so those shoppers' sessions are recomputed whole, and upserts on event_id. Rows are never lost:
-- the kept copy of a duplicate is always the earliest loaded one, which is already stored.
WITH
{% if is_incremental() %}
arrived AS (
    SELECT event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session,
           _file, _line, _loaded_at
    FROM {{ source('raw', 'events') }}
    WHERE {{ incremental_filter('_loaded_at') }}
),

candidates AS (
    SELECT * FROM arrived
    UNION ALL
    SELECT event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session,
           source_file, source_line, loaded_at
    FROM {{ this }}
    WHERE user_id IN (SELECT user_id FROM arrived)
),
{% else %}
candidates AS (
    SELECT event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session,
           _file, _line, _loaded_at
    FROM {{ source('raw', 'events') }}
),
{% endif %}

typed AS (
    SELECT
        -- The identity of an event: a hash of its business columns. A row value's text form is
        -- unambiguous (quoting, NULL vs ''), and a uuid sorts and indexes far faster than text.
        md5(ROW(
            extract(EPOCH FROM event_time), lower(trim(event_type)), product_id, category_id,
            nullif(trim(category_code), ''), nullif(lower(trim(brand)), ''), price, user_id, user_session
        )::text)::uuid AS event_id,
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
    FROM candidates
    -- The loader quarantines bad rows already; this keeps the model correct if one slips through,
    -- and the checks on raw.events report it.
    WHERE event_time IS NOT NULL
      AND user_id IS NOT NULL
      AND product_id IS NOT NULL
      AND price >= 0
      AND lower(trim(event_type)) IN ('view', 'cart', 'removefromcart', 'purchase')
),

-- Exact duplicates: the earliest loaded copy is kept.
deduplicated AS (
    SELECT DISTINCT ON (event_id) *
    FROM typed
    ORDER BY event_id, _loaded_at, _file COLLATE "C", _line
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

-- One pass over the same ordering: the running count of session starts numbers the session, and
-- the latest start so far is the session's first event (times never decrease along it).
sessionised AS (
    SELECT
        session_starts.*,
        sum(starts_session) OVER by_user AS session_number,
        max(CASE WHEN starts_session = 1 THEN event_time END) OVER by_user AS session_start
    FROM session_starts
    WINDOW by_user AS (PARTITION BY user_id ORDER BY event_time)
)

SELECT
    event_id,
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
