-- One row per product: the most recently loaded version wins.
SELECT DISTINCT ON (product_id)
    product_id,
    name,
    nullif(lower(trim(brand)), '') AS brand,
    category_id,
    nullif(trim(category_code), '') AS category_code,
    nullif(split_part(category_code, '.', 1), '') AS category_l1,
    cost_price,
    list_price,
    _file AS source_file,
    _loaded_at AS loaded_at
FROM {{ source('raw', 'products') }}
WHERE product_id IS NOT NULL
ORDER BY product_id, _loaded_at DESC, _file DESC, _line DESC
