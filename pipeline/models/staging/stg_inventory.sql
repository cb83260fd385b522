-- One row per product and snapshot date: a re-delivered snapshot replaces the earlier one.
SELECT DISTINCT ON (snapshot_date, product_id)
    snapshot_date,
    product_id,
    quantity_on_hand,
    _file AS source_file,
    _loaded_at AS loaded_at
FROM {{ source('raw', 'inventory') }}
WHERE snapshot_date IS NOT NULL
  AND product_id IS NOT NULL
ORDER BY snapshot_date, product_id, _loaded_at DESC, _file DESC, _line DESC
