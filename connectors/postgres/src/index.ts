export { PostgresSource } from './postgres.source.js';
export {
  postgresSourceConfigSchema,
  type PostgresSourceConfig,
  type PostgresSourceConfigInput,
} from './postgres-config.js';
export { PostgresSourceError, type PostgresSourceErrorCode } from './postgres-source-error.js';
export { type TableSample } from './sample-rows.js';
