export {
  DEFAULT_PIPELINE_CONFIG,
  recordsFromRunReport,
  type PipelineConnectorConfig,
} from './report-records.js';
export { PipelineRunSource, type PipelineSourceConfig } from './pipeline-run.source.js';
