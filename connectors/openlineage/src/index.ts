export {
  EVENT_TYPES,
  datasetEventSchema,
  jobEventSchema,
  runEventSchema,
  type DatasetEvent,
  type EventType,
  type InputDataset,
  type Job,
  type JobEvent,
  type OpenLineageEvent,
  type OutputDataset,
  type RunEvent,
  type StaticDataset,
} from './event-schema.js';
export {
  openLineageEventSchema,
  parseOpenLineageEvent,
  type ParsedEventResult,
} from './parse-event.js';
export { isDateTime, isUri, isUuid } from './formats.js';
export {
  DEFAULT_PART,
  datasetFqns,
  datasetParts,
  datasetService,
  jobPipelineFqn,
  pipelineService,
  sanitizeName,
  type DatasetFqns,
  type ServiceRef,
} from './naming.js';
export { ownerOf } from './map/governance.js';
export {
  mapEventToRecords,
  reportsLineage,
  tablesWithoutSchema,
  type EventMapping,
} from './map-event.js';
