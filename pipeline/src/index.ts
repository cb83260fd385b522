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
