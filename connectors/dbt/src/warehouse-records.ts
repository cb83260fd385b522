import type { MetadataRecordInput } from '@almanac/sdk';
import type { DbtNode } from './artifacts/manifest.schema.js';
import type { ResolvedDbtConfig } from './dbt-config.js';
import type { DbtFqns } from './dbt-fqns.js';
import { ownerNamesOf, ownersField } from './owners.js';
import { tagRefs, type ColumnInput } from './table-columns.js';

type TableInput = Extract<MetadataRecordInput, { kind: 'table' }>;

const SERVICE_TYPES: Readonly<Record<string, string>> = {
  bigquery: 'BigQuery',
  databricks: 'Databricks',
  duckdb: 'DuckDB',
  postgres: 'Postgres',
  redshift: 'Redshift',
  snowflake: 'Snowflake',
  spark: 'Spark',
  trino: 'Trino',
};

/** The catalog's service type for a dbt adapter, e.g. `Postgres` for `postgres`. */
export function serviceTypeOf(adapterType: string | null | undefined): string {
  if (!adapterType) return 'Dbt';
  return SERVICE_TYPES[adapterType] ?? adapterType.charAt(0).toUpperCase() + adapterType.slice(1);
}

export function compiledSqlOf(node: DbtNode): string | undefined {
  return node.compiled_code || node.compiled_sql || undefined;
}

function materializationOf(node: DbtNode): string {
  return node.config?.materialized ?? node.resource_type;
}

/** The table record of a model, source, seed or snapshot. */
export function tableRecord(
  node: DbtNode,
  columns: ColumnInput[],
  fqns: DbtFqns,
  config: ResolvedDbtConfig,
): TableInput {
  const isView = materializationOf(node) === 'view';
  const sql = compiledSqlOf(node);
  const tags = tagRefs(node.tags, fqns);
  return {
    kind: 'table',
    fqn: fqns.table(node),
    tableType: isView ? 'View' : 'Regular',
    columns,
    ...(node.description ? { description: node.description } : {}),
    ...(isView && sql ? { viewDefinition: sql } : {}),
    ...(tags ? { tags } : {}),
    ...ownersField(ownerNamesOf(node), config),
    attributes: {
      dbtUniqueId: node.unique_id,
      dbtResourceType: node.resource_type,
      materialized: materializationOf(node),
    },
  };
}

/** The database service, and a database and schema record for every place a table lives in. */
export function containerRecords(
  tables: readonly DbtNode[],
  adapterType: string | null | undefined,
  fqns: DbtFqns,
): MetadataRecordInput[] {
  const databases = [...new Set(tables.map((node) => fqns.database(node)))];
  const schemas = [...new Set(tables.map((node) => fqns.schema(node)))];
  return [
    {
      kind: 'service',
      fqn: fqns.service,
      serviceType: serviceTypeOf(adapterType),
      description: 'Warehouse relations built or read by dbt.',
    },
    ...databases.map((fqn): MetadataRecordInput => ({ kind: 'database', fqn })),
    ...schemas.map((fqn): MetadataRecordInput => ({ kind: 'schema', fqn })),
  ];
}
