export {
  EVENT_HEADER,
  EVENT_TYPES,
  checkHeader,
  parseEventRow,
  splitCsvLine,
  type EventType,
  type ParsedEventRow,
  type ShopEvent,
} from './event-row.js';
export * from './report/run-report.js';
export {
  modelRunEvents,
  qualityRunEvents,
  runReportEvents,
  type OpenLineageContext,
  type RunEvent,
} from './openlineage/run-events.js';
export { OpenLineageHttpTransport } from './openlineage/transport.js';
export {
  TransformError,
  buildDag,
  compileModel,
  compileSql,
  defaultModelsDir,
  describeSources,
  loadProject,
  parseTemplate,
  renderTemplate,
  resolveModelsDir,
  runProject,
  selectWithDescendants,
  templateDependencies,
  type ColumnDefinition,
  type Dag,
  type LoadProjectOptions,
  type Materialization,
  type ModelDefinition,
  type ModelProgress,
  type Project,
  type RunProjectOptions,
  type SourceTableDefinition,
  type TemplateNode,
  type TransformErrorCode,
  type TransformRunResult,
} from './transform/index.js';
export {
  checkConfigSchema,
  planChecks,
  runCheck,
  runChecks,
  type CheckConfig,
  type CheckKind,
  type PlannedCheck,
} from './quality/index.js';
export { generateShopData, type GenerateShopDataOptions } from './generate/generate-shop-data.js';
export type { GeneratedFile, ShopDataSummary, ShopSource } from './generate/summary.js';
export { VALID_DIRT, type DirtCounts, type DirtKind } from './generate/dirt.js';
export { mulberry32, Random } from './generate/random.js';
export type { LandedFile, LandingZone } from './landing/landing-zone.js';
export { LocalLandingZone, ARCHIVE_FOLDER } from './landing/local-landing-zone.js';
export { S3LandingZone, type S3LandingZoneOptions } from './landing/s3-landing-zone.js';
export { WarehouseClient, type WarehouseOptions } from './warehouse/warehouse-client.js';
export { ensureRawSchema, createTableSql } from './warehouse/ddl.js';
export { withTransaction } from './warehouse/transaction.js';
export {
  LOAD_LEDGER,
  RAW_CUSTOMERS,
  RAW_EVENTS,
  RAW_INVENTORY,
  RAW_PRODUCTS,
  RAW_QUARANTINE,
  RAW_TABLES,
  type TableColumn,
  type TableDefinition,
} from './warehouse/raw-tables.js';
export { rawSources, type RawSourceDescription } from './warehouse/sources.js';
export { loadFile, LoadInvariantError } from './load/load-file.js';
export { loadLanding, type LoadProgress } from './load/load-landing.js';
export {
  recogniseFile,
  RAW_SOURCES,
  SOURCE_FORMATS,
  type RawSource,
  type SourceFormat,
} from './load/source-formats.js';
export { CUSTOMER_HEADER, parseCustomerRow, type Customer } from './load/customer-row.js';
export { PRODUCT_HEADER, parseProductRow, type Product } from './load/product-row.js';
export {
  INVENTORY_HEADER,
  parseInventoryRow,
  type InventorySnapshot,
} from './load/inventory-row.js';
export type { ParsedRow } from './load/parse-fields.js';
export {
  runPipeline,
  type OpenLineageTarget,
  type RunPipelineOptions,
} from './run/run-pipeline.js';
export { catalogOf, modelLineage } from './run/model-lineage.js';
export { watchLanding, type WatchLandingOptions } from './run/watch-landing.js';
