import type { Asset } from './models/asset.model.js';
import type { Column } from './models/column.model.js';
import type { EntityVersion } from './models/entity-version.model.js';
import type { TagLabel } from './models/tag-label.model.js';
import type {
  ColumnRecordRow,
  EntityRecordRow,
  TagLabelRow,
  VersionRecordRow,
} from './catalog.repository.js';
import type { AuditRow } from '../audit/audit.repository.js';
import type { AuditEntry } from './models/audit-entry.model.js';
import type { SampleView } from '@almanac/policies';
import type { ColumnSampleRow } from '../samples/samples.repository.js';
import type { ColumnSample } from './models/column-sample.model.js';

export function toAsset(row: EntityRecordRow): Asset {
  return {
    id: row.id,
    fqn: row.fqn,
    type: row.type,
    name: row.name,
    displayName: row.display_name,
    description: row.description,
    parentFqn: row.parent_fqn,
    owners: row.owners,
    domain: row.domain,
    tier: row.tier,
    version: Number(row.version),
    deleted: row.deleted,
    source: row.source,
    attributes: row.attributes,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export function toColumn(row: ColumnRecordRow): Column {
  return {
    fqn: row.fqn,
    tableId: row.table_id,
    name: row.name,
    dataType: row.data_type,
    ordinal: row.ordinal,
    nullable: row.nullable,
    defaultValue: row.default_value,
    description: row.description,
    constraint: row.constraint_type,
    foreignKey: row.foreign_key,
    tags: [],
  };
}

export function toTagLabel(row: TagLabelRow): TagLabel {
  return {
    tagFqn: row.tag_fqn,
    labelType: row.label_type,
    source: row.source,
    state: row.state,
    confidence: row.confidence,
    provenance: row.provenance,
  };
}

export function toEntityVersion(row: VersionRecordRow): EntityVersion {
  return {
    version: Number(row.version),
    changeType: row.change_type,
    changeDescription: row.change_description as EntityVersion['changeDescription'],
    snapshot: row.snapshot,
    author: row.author,
    createdAt: row.created_at,
  };
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    actor: row.actor,
    action: row.action,
    target: row.target,
    before: row.before,
    after: row.after,
    requestId: row.request_id,
    at: row.at,
  };
}

/** A stored sample as one caller may see it: `view` is the sample after masking. */
export function toColumnSample(row: ColumnSampleRow, view: SampleView): ColumnSample {
  return {
    values: view.values,
    masked: view.masked,
    piiTags: view.piiTags,
    sampledAt: row.sampled_at,
    runId: row.run_id,
  };
}
