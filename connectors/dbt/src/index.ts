export {
  DbtArtifactError,
  type ArtifactKind,
  type DbtArtifactErrorCode,
} from './artifacts/parse-artifact.js';
export {
  MANIFEST,
  parseManifest,
  type DbtExposure,
  type DbtManifest,
  type DbtNode,
} from './artifacts/manifest.schema.js';
export { CATALOG, parseCatalog, type DbtCatalog } from './artifacts/catalog.schema.js';
export {
  RUN_RESULTS,
  parseRunResults,
  type DbtRunResult,
  type DbtRunResults,
} from './artifacts/run-results.schema.js';
export { DEFAULT_DBT_CONFIG, type DbtConnectorConfig } from './dbt-config.js';
export { TABLE_RESOURCE_TYPES, TASK_RESOURCE_TYPES } from './dbt-graph.js';
export { UNKNOWN_DATA_TYPE } from './table-columns.js';
export { SINGULAR_TEST_TYPE } from './test-records.js';
export { TEST_STATUS_OF } from './test-result-records.js';
export { recordsFromDbtArtifacts, type DbtArtifacts, type DbtRecords } from './dbt-records.js';
export { DbtSource, type DbtArtifactInput, type DbtSourceConfig } from './dbt.source.js';
