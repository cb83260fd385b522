/**
 * Catalog queries, one per kind of object, each taking the schema filter as `$1` (`text[]`, or
 * null for every non-system schema). They run with `search_path = pg_catalog`, so every user
 * object they print (view definitions, defaults, types, partitions) is schema-qualified.
 */

const SELECTED_SCHEMAS = `
  selected_schema AS (
    SELECT n.oid, n.nspname
      FROM pg_namespace n
     WHERE CASE
             WHEN $1::text[] IS NULL THEN
               n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
               AND n.nspname !~ '^pg_(toast_)?temp_'
             ELSE n.nspname = ANY ($1::text[])
           END
  )`;

// Tables, views, materialized views, partitioned tables and foreign tables (partitions included:
// the mapping folds them into their root).
const SELECTED_RELATIONS = `
  selected_relation AS (
    SELECT c.oid, s.nspname, c.relname, c.relkind, c.relpersistence, c.relispartition, c.reltuples
      FROM pg_class c
      JOIN selected_schema s ON s.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f')
  )`;

export const DATABASE_QUERY = `
  SELECT d.datname AS name,
         shobj_description(d.oid, 'pg_database') AS description,
         current_setting('server_version') AS server_version
    FROM pg_database d
   WHERE d.datname = current_database()`;

export interface DatabaseRow {
  name: string;
  description: string | null;
  server_version: string;
}

export const SCHEMAS_QUERY = `
  WITH ${SELECTED_SCHEMAS}
  SELECT s.nspname AS name, obj_description(s.oid, 'pg_namespace') AS description
    FROM selected_schema s
   ORDER BY s.nspname COLLATE "C"`;

export interface SchemaRow {
  name: string;
  description: string | null;
}

// A partitioned table's own estimate is only refreshed by a manual ANALYZE (autovacuum skips
// it), so the sum over its analysed leaf partitions is preferred.
export const RELATIONS_QUERY = `
  WITH ${SELECTED_SCHEMAS}, ${SELECTED_RELATIONS}
  SELECT r.oid,
         r.nspname AS schema,
         r.relname AS name,
         r.relkind AS kind,
         r.relpersistence = 'u' AS unlogged,
         obj_description(r.oid, 'pg_class') AS description,
         CASE
           WHEN r.relkind = 'v' THEN NULL
           WHEN r.relkind = 'p' THEN coalesce(
             (SELECT CASE WHEN bool_and(leaf.reltuples >= 0) THEN sum(leaf.reltuples)::float8 END
                FROM pg_partition_tree(r.oid) tree
                JOIN pg_class leaf ON leaf.oid = tree.relid
               WHERE tree.isleaf AND tree.relid <> r.oid),
             CASE WHEN r.reltuples >= 0 THEN r.reltuples::float8 END)
           WHEN r.reltuples >= 0 THEN r.reltuples::float8
         END AS estimated_rows,
         CASE WHEN r.relkind IN ('v', 'm') THEN pg_get_viewdef(r.oid) END AS view_definition,
         root_ns.nspname AS partition_root_schema,
         root.relname AS partition_root_name,
         CASE WHEN r.relkind = 'p' THEN pg_get_partkeydef(r.oid) END AS partition_key,
         CASE WHEN r.relkind = 'p' AND NOT r.relispartition THEN
           ARRAY(SELECT tree.relid::regclass::text
                   FROM pg_partition_tree(r.oid) tree
                  WHERE tree.relid <> r.oid
                  ORDER BY tree.relid::regclass::text COLLATE "C")
         END AS partitions,
         server.srvname AS foreign_server
    FROM selected_relation r
    LEFT JOIN pg_class root
           ON r.relispartition AND root.oid = pg_partition_root(r.oid)
    LEFT JOIN pg_namespace root_ns ON root_ns.oid = root.relnamespace
    LEFT JOIN pg_foreign_table ft ON ft.ftrelid = r.oid
    LEFT JOIN pg_foreign_server server ON server.oid = ft.ftserver
   ORDER BY r.nspname COLLATE "C", r.relname COLLATE "C"`;

/** `relkind`: table, view, materialized view, partitioned table, foreign table. */
export type RelationKind = 'r' | 'v' | 'm' | 'p' | 'f';

export interface RelationRow {
  oid: number;
  schema: string;
  name: string;
  kind: RelationKind;
  unlogged: boolean;
  description: string | null;
  /** Null when the relation was never analysed, and for views. */
  estimated_rows: number | null;
  view_definition: string | null;
  /** Set for partitions: the partitioned table at the top of the tree. */
  partition_root_schema: string | null;
  partition_root_name: string | null;
  partition_key: string | null;
  partitions: string[] | null;
  foreign_server: string | null;
}

// Ordinals are positions among live columns: dropped columns leave holes in attnum.
export const COLUMNS_QUERY = `
  WITH ${SELECTED_SCHEMAS}, ${SELECTED_RELATIONS}
  SELECT a.attrelid AS relation_oid,
         a.attname AS name,
         row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum)::int AS ordinal,
         format_type(a.atttypid, a.atttypmod) AS data_type,
         a.attnotnull AS not_null,
         pg_get_expr(d.adbin, d.adrelid) AS default_value,
         a.attidentity AS identity,
         a.attgenerated AS generated,
         col_description(a.attrelid, a.attnum) AS description
    FROM selected_relation r
    JOIN pg_attribute a ON a.attrelid = r.oid
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE a.attnum > 0 AND NOT a.attisdropped
   ORDER BY a.attrelid, a.attnum`;

export interface ColumnRow {
  relation_oid: number;
  name: string;
  ordinal: number;
  data_type: string;
  not_null: boolean;
  default_value: string | null;
  /** `a` always, `d` by default, empty when not an identity column. */
  identity: '' | 'a' | 'd';
  /** `s` for a stored generated column (its expression is then `default_value`). */
  generated: '' | 's' | 'v';
  description: string | null;
}

// Constraints cloned onto partitions (conparentid <> 0) repeat their parent's; only the
// parent's count.
export const KEY_CONSTRAINTS_QUERY = `
  WITH ${SELECTED_SCHEMAS}, ${SELECTED_RELATIONS}
  SELECT con.conrelid AS relation_oid,
         con.conname AS name,
         con.contype AS type,
         ARRAY(SELECT a.attname::text
                 FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, position)
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                ORDER BY k.position) AS columns,
         ref_ns.nspname AS referenced_schema,
         ref.relname AS referenced_table,
         CASE WHEN con.contype = 'f' THEN
           ARRAY(SELECT a.attname::text
                   FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, position)
                   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                  ORDER BY k.position)
         END AS referenced_columns
    FROM selected_relation r
    JOIN pg_constraint con ON con.conrelid = r.oid
    LEFT JOIN pg_class ref ON ref.oid = con.confrelid
    LEFT JOIN pg_namespace ref_ns ON ref_ns.oid = ref.relnamespace
   WHERE con.contype IN ('p', 'u', 'f') AND con.conparentid = 0
   ORDER BY con.conrelid, position(con.contype IN 'puf'), con.conname COLLATE "C"`;

export interface KeyConstraintRow {
  relation_oid: number;
  name: string;
  /** Primary key, unique, foreign key. */
  type: 'p' | 'u' | 'f';
  columns: string[];
  referenced_schema: string | null;
  referenced_table: string | null;
  referenced_columns: string[] | null;
}
