import { z } from 'zod';
import {
  type chartSchema,
  classificationRecordSchema,
  type columnSchema,
  dashboardRecordSchema,
  databaseRecordSchema,
  domainRecordSchema,
  pipelineRecordSchema,
  type pipelineTaskSchema,
  schemaRecordSchema,
  serviceRecordSchema,
  tableRecordSchema,
  tagRecordSchema,
  teamRecordSchema,
  testCaseRecordSchema,
  userRecordSchema,
} from './record-entities.js';
import {
  type columnLineageSchema,
  glossaryLinkRecordSchema,
  lineageEdgeRecordSchema,
  ownershipRecordSchema,
  tagLabelRecordSchema,
  testResultRecordSchema,
} from './record-relations.js';

/** Every record kind, mapped to its schema. */
export const RECORD_SCHEMAS = {
  service: serviceRecordSchema,
  database: databaseRecordSchema,
  schema: schemaRecordSchema,
  table: tableRecordSchema,
  pipeline: pipelineRecordSchema,
  dashboard: dashboardRecordSchema,
  classification: classificationRecordSchema,
  tag: tagRecordSchema,
  user: userRecordSchema,
  team: teamRecordSchema,
  domain: domainRecordSchema,
  test_case: testCaseRecordSchema,
  lineage_edge: lineageEdgeRecordSchema,
  tag_label: tagLabelRecordSchema,
  glossary_link: glossaryLinkRecordSchema,
  ownership: ownershipRecordSchema,
  test_result: testResultRecordSchema,
} as const;

/** A record kind, the value of the `kind` discriminator. */
export type RecordKind = keyof typeof RECORD_SCHEMAS;

/** Every record kind. */
export const RECORD_KINDS = Object.keys(RECORD_SCHEMAS) as readonly RecordKind[];

/** The kinds that are catalog entities identified by an `fqn`. */
export const ENTITY_KINDS = [
  'service',
  'database',
  'schema',
  'table',
  'pipeline',
  'dashboard',
  'classification',
  'tag',
  'user',
  'team',
  'domain',
  'test_case',
] as const satisfies readonly RecordKind[];

/** A kind that is a catalog entity identified by an `fqn`. */
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Any metadata record, discriminated on `kind`. */
export const metadataRecordSchema = z.discriminatedUnion('kind', [
  serviceRecordSchema,
  databaseRecordSchema,
  schemaRecordSchema,
  tableRecordSchema,
  pipelineRecordSchema,
  dashboardRecordSchema,
  classificationRecordSchema,
  tagRecordSchema,
  userRecordSchema,
  teamRecordSchema,
  domainRecordSchema,
  testCaseRecordSchema,
  lineageEdgeRecordSchema,
  tagLabelRecordSchema,
  glossaryLinkRecordSchema,
  ownershipRecordSchema,
  testResultRecordSchema,
]);

/** A metadata record after parsing: defaults applied, FQNs canonical. */
export type MetadataRecord = z.infer<typeof metadataRecordSchema>;
/** A metadata record as a connector may write it (fields with defaults are optional). */
export type MetadataRecordInput = z.input<typeof metadataRecordSchema>;
/** A parsed record of one kind. */
export type RecordOfKind<K extends RecordKind> = Extract<MetadataRecord, { kind: K }>;
/** A parsed catalog entity record. */
export type EntityRecord = RecordOfKind<EntityKind>;

/** A parsed `service` record. */
export type ServiceRecord = z.infer<typeof serviceRecordSchema>;
/** A parsed `database` record. */
export type DatabaseRecord = z.infer<typeof databaseRecordSchema>;
/** A parsed `schema` record. */
export type SchemaRecord = z.infer<typeof schemaRecordSchema>;
/** A parsed `table` record. */
export type TableRecord = z.infer<typeof tableRecordSchema>;
/** A column of a parsed table record. */
export type Column = z.infer<typeof columnSchema>;
/** A parsed `pipeline` record. */
export type PipelineRecord = z.infer<typeof pipelineRecordSchema>;
/** A task of a parsed pipeline record. */
export type PipelineTask = z.infer<typeof pipelineTaskSchema>;
/** A parsed `dashboard` record. */
export type DashboardRecord = z.infer<typeof dashboardRecordSchema>;
/** A chart of a parsed dashboard record. */
export type Chart = z.infer<typeof chartSchema>;
/** A parsed `classification` record. */
export type ClassificationRecord = z.infer<typeof classificationRecordSchema>;
/** A parsed `tag` record. */
export type TagRecord = z.infer<typeof tagRecordSchema>;
/** A parsed `user` record. */
export type UserRecord = z.infer<typeof userRecordSchema>;
/** A parsed `team` record. */
export type TeamRecord = z.infer<typeof teamRecordSchema>;
/** A parsed `domain` record. */
export type DomainRecord = z.infer<typeof domainRecordSchema>;
/** A parsed `test_case` record. */
export type TestCaseRecord = z.infer<typeof testCaseRecordSchema>;
/** A parsed `lineage_edge` record. */
export type LineageEdgeRecord = z.infer<typeof lineageEdgeRecordSchema>;
/** Column lineage of a parsed lineage edge. */
export type ColumnLineage = z.infer<typeof columnLineageSchema>;
/** A parsed `tag_label` record. */
export type TagLabelRecord = z.infer<typeof tagLabelRecordSchema>;
/** A parsed `glossary_link` record. */
export type GlossaryLinkRecord = z.infer<typeof glossaryLinkRecordSchema>;
/** A parsed `ownership` record. */
export type OwnershipRecord = z.infer<typeof ownershipRecordSchema>;
/** A parsed `test_result` record. */
export type TestResultRecord = z.infer<typeof testResultRecordSchema>;

/** Whether `kind` is a known record kind. */
export function isRecordKind(kind: unknown): kind is RecordKind {
  return typeof kind === 'string' && Object.hasOwn(RECORD_SCHEMAS, kind);
}

/** Whether `kind` is a catalog entity kind. */
export function isEntityKind(kind: unknown): kind is EntityKind {
  return typeof kind === 'string' && (ENTITY_KINDS as readonly string[]).includes(kind);
}

/**
 * The identity of a record: its `fqn` for entity kinds, otherwise a stable string such as
 * `lineage_edge:<from>-><to>@<pipeline>`. Entity FQNs are unique per kind only (a service and a
 * domain may both be called `sales`), so identify records by the pair (kind, key).
 * Call it on parsed records: their FQNs are canonical, so equal entities get equal keys.
 */
export function recordKey(record: MetadataRecordInput): string {
  switch (record.kind) {
    case 'service':
    case 'database':
    case 'schema':
    case 'table':
    case 'pipeline':
    case 'dashboard':
    case 'classification':
    case 'tag':
    case 'user':
    case 'team':
    case 'domain':
    case 'test_case':
      return record.fqn;
    case 'lineage_edge':
      return `lineage_edge:${record.from}->${record.to}@${record.pipeline ?? ''}`;
    case 'tag_label':
      return `tag_label:${record.target}#${record.tag.tagFqn}`;
    case 'glossary_link':
      return `glossary_link:${record.target}#${record.term}`;
    case 'ownership':
      return `ownership:${record.target}`;
    case 'test_result':
      return `test_result:${record.testCase}@${record.timestamp}`;
  }
}
