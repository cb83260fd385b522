import {
  buildFqn,
  parseFqn,
  parentFqn,
  type EntityRecord,
  type Owner,
  type TableRecord,
  type TagRef,
} from '@almanac/sdk';

/** The columns of the `entity` table that ingestion writes. */
export interface EntityRow {
  type: EntityRecord['kind'];
  fqn: string;
  name: string;
  display_name: string | null;
  description: string | null;
  parent_fqn: string | null;
  owners: Owner[];
  domain: string | null;
  tier: string | null;
  attributes: Record<string, unknown>;
  spec: Record<string, unknown>;
}

export interface ColumnRow {
  fqn: string;
  table_fqn: string;
  name: string;
  data_type: string;
  ordinal: number;
  nullable: boolean;
  default_value: string | null;
  description: string | null;
  constraint_type: string | null;
  foreign_key: { table: string; column: string } | null;
}

export interface TagRow {
  target_fqn: string;
  tag_fqn: string;
  label_type: 'classification' | 'glossary';
  source: string;
  state: string;
  confidence: number | null;
  provenance: Record<string, unknown> | null;
}

/** The entity an entity record hangs under, which must exist before it. */
export interface ParentRef {
  /** `asset` means a table or a column (what a test case tests). */
  type: 'service' | 'database' | 'schema' | 'classification' | 'asset';
  fqn: string;
}

const COMMON_FIELDS = new Set([
  'kind',
  'fqn',
  'displayName',
  'description',
  'owners',
  'domain',
  'tier',
  'tags',
  'attributes',
  'columns',
]);

export function parentOf(record: EntityRecord): ParentRef | null {
  switch (record.kind) {
    case 'database':
    case 'pipeline':
    case 'dashboard':
      return { type: 'service', fqn: parentFqn(record.fqn)! };
    case 'schema':
      return { type: 'database', fqn: parentFqn(record.fqn)! };
    case 'table':
      return { type: 'schema', fqn: parentFqn(record.fqn)! };
    case 'tag':
      return { type: 'classification', fqn: parentFqn(record.fqn)! };
    case 'test_case':
      return { type: 'asset', fqn: record.entity };
    case 'service':
    case 'classification':
    case 'user':
    case 'team':
    case 'domain':
      return null;
  }
}

function lastPart(fqn: string): string {
  const parts = parseFqn(fqn);
  return parts[parts.length - 1];
}

function kindSpecificAttributes(record: EntityRecord): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!COMMON_FIELDS.has(key) && value !== undefined) attributes[key] = value;
  }
  return { ...('attributes' in record ? record.attributes : {}), ...attributes };
}

interface CommonFields {
  displayName?: string | undefined;
  owners?: Owner[] | undefined;
  domain?: string | undefined;
  tier?: string | undefined;
}

export function entityRowOf(record: EntityRecord): EntityRow {
  const common: CommonFields = record.kind === 'test_case' ? {} : record;
  return {
    type: record.kind,
    fqn: record.fqn,
    name: lastPart(record.fqn),
    display_name: common.displayName ?? null,
    description: record.description ?? null,
    parent_fqn: parentOf(record)?.fqn ?? null,
    owners: common.owners ?? [],
    domain: common.domain ?? null,
    tier: common.tier ?? null,
    attributes: kindSpecificAttributes(record),
    spec: { ...record },
  };
}

export function columnFqn(tableFqn: string, columnName: string): string {
  return buildFqn([...parseFqn(tableFqn), columnName]);
}

export function columnRowsOf(table: TableRecord): ColumnRow[] {
  return table.columns.map((column, index) => ({
    fqn: columnFqn(table.fqn, column.name),
    table_fqn: table.fqn,
    name: column.name,
    data_type: column.dataType,
    ordinal: column.ordinal ?? index + 1,
    nullable: column.nullable,
    default_value: column.defaultValue ?? null,
    description: column.description ?? null,
    constraint_type: column.constraint ?? null,
    foreign_key: column.foreignKey ?? null,
  }));
}

export function tagRowOf(targetFqn: string, tag: TagRef): TagRow {
  return {
    target_fqn: targetFqn,
    tag_fqn: tag.tagFqn,
    label_type: tag.source === 'glossary' ? 'glossary' : 'classification',
    source: tag.source,
    state: tag.state,
    confidence: tag.confidence ?? null,
    provenance: tag.provenance ?? null,
  };
}

/** Every tag an entity record carries: on the entity and, for tables, on each column. */
export function tagRowsOf(record: EntityRecord): TagRow[] {
  const rows = ('tags' in record ? (record.tags ?? []) : []).map((tag) =>
    tagRowOf(record.fqn, tag),
  );
  if (record.kind === 'table') {
    for (const column of record.columns) {
      const target = columnFqn(record.fqn, column.name);
      for (const tag of column.tags ?? []) rows.push(tagRowOf(target, tag));
    }
  }
  return rows;
}

/** Classification tags an entity record refers to (its tags and its tier), which must exist. */
export function referencedTagsOf(record: EntityRecord): string[] {
  const tags = tagRowsOf(record)
    .filter((row) => row.label_type === 'classification')
    .map((row) => row.tag_fqn);
  if ('tier' in record && record.tier) tags.push(record.tier);
  return tags;
}
