-- One row per customer: the most recently loaded version wins.
SELECT DISTINCT ON (customer_id)
    customer_id,
    email,
    first_name,
    last_name,
    phone,
    street_address,
    city,
    country,
    birth_date,
    signup_ip,
    coalesce(marketing_consent, FALSE) AS marketing_consent,
    last_activity_at,
    lower(trim(customer_type)) AS customer_type,
    company_name,
    _file AS source_file,
    _loaded_at AS loaded_at
FROM {{ source('raw', 'customers') }}
WHERE customer_id IS NOT NULL
ORDER BY customer_id, _loaded_at DESC, _file DESC, _line DESC
