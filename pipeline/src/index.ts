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
