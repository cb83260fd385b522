import { buildFqn } from '@almanac/sdk';

/** The service FQN and type an OpenLineage namespace maps to. */
export interface ServiceRef {
  name: string;
  serviceType: string;
}

/** Placeholder for the database or schema part of a dataset name that has fewer than 3 parts. */
export const DEFAULT_PART = 'default';

const SERVICE_TYPES: Readonly<Record<string, string>> = {
  postgres: 'Postgres',
  postgresql: 'Postgres',
  mysql: 'Mysql',
  redshift: 'Redshift',
  snowflake: 'Snowflake',
  bigquery: 'BigQuery',
  trino: 'Trino',
  hive: 'Hive',
  mssql: 'Mssql',
  sqlserver: 'Mssql',
  oracle: 'Oracle',
  databricks: 'Databricks',
  kafka: 'Kafka',
  s3: 'S3',
  s3a: 'S3',
  gs: 'Gcs',
  abfss: 'Adls',
  hdfs: 'Hdfs',
  file: 'File',
};

const URI_NAMESPACE = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/i;
const SCHEME_ONLY = /^([a-z][a-z0-9+.-]*):?$/i;

/** Keeps letters, digits, `_` and `-`; every other run of characters becomes one `_`. */
export function sanitizeName(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '');
}

/**
 * The catalog service of a dataset namespace. A URI namespace (`scheme://host:port/...`) becomes
 * `<scheme>_<host>` (lower case, port and path dropped, e.g. `postgres://db.example.com:5432` gives
 * `postgres_db_example_com`) of the type its scheme names; any other namespace (`bigquery`,
 * `my-datasource-namespace`) is used as is. Both are sanitized with {@link sanitizeName}; an
 * unknown scheme or a plain namespace gives the type `OpenLineage`.
 */
export function datasetService(namespace: string): ServiceRef {
  const uri = URI_NAMESPACE.exec(namespace);
  const scheme = (uri?.[1] ?? SCHEME_ONLY.exec(namespace)?.[1] ?? '').toLowerCase();
  const host = (uri?.[2] ?? '').toLowerCase();
  const raw = uri ? [scheme, host].filter((part) => part !== '').join('_') : namespace;
  return {
    name: sanitizeName(raw) || 'openlineage',
    serviceType: SERVICE_TYPES[scheme] ?? 'OpenLineage',
  };
}

/** The pipeline service of a job namespace: the namespace, sanitized. */
export function pipelineService(namespace: string): ServiceRef {
  return { name: sanitizeName(namespace) || 'openlineage', serviceType: 'OpenLineage' };
}

/**
 * The `[database, schema, table]` of a dataset name. Names with a `/` (files, object keys) split
 * on `/`, others on `.`; empty parts are dropped. Three parts map one to one; more keep the first
 * two as database and schema and join the rest as the table name; fewer are filled from the
 * front with {@link DEFAULT_PART} (`orders` → `default.default.orders`). Null for an empty name.
 */
export function datasetParts(name: string): [string, string, string] | null {
  const separator = name.includes('/') ? '/' : '.';
  const parts = name.split(separator).filter((part) => part !== '');
  if (parts.length === 0) return null;
  if (parts.length > 3) {
    return [parts[0], parts[1], parts.slice(2).join(separator)];
  }
  const padded = [...Array<string>(3 - parts.length).fill(DEFAULT_PART), ...parts];
  return [padded[0], padded[1], padded[2]];
}

/** FQNs of a dataset and its parents. */
export interface DatasetFqns {
  service: ServiceRef;
  database: string;
  schema: string;
  table: string;
}

/** Where a dataset lives in the catalog: `service.database.schema.table`. */
export function datasetFqns(namespace: string, name: string): DatasetFqns | null {
  const parts = datasetParts(name);
  if (!parts) return null;
  const service = datasetService(namespace);
  const [database, schema, table] = parts;
  return {
    service,
    database: buildFqn([service.name, database]),
    schema: buildFqn([service.name, database, schema]),
    table: buildFqn([service.name, database, schema, table]),
  };
}

/** The pipeline FQN of a job: `<job namespace service>.<job name>`, or null for an empty name. */
export function jobPipelineFqn(namespace: string, name: string): string | null {
  return name === '' ? null : buildFqn([pipelineService(namespace).name, name]);
}
