import { Inject, Injectable } from '@nestjs/common';
import { parseFqn } from '@almanac/sdk';
import type { SearchDocument, SearchType } from '@almanac/search';
import { DATABASE } from '../../database/database.tokens.js';
import type { Database } from '../../database/sql-executor.js';

/** Entity types the catalog indexes, besides the columns of its tables. */
export const INDEXED_ENTITY_TYPES = ['table', 'pipeline', 'dashboard', 'tag', 'user', 'team'];

const VIEW_TYPES = new Set(['View', 'MaterializedView', 'SecureView']);

interface EntityRow {
  type: string;
  fqn: string;
  name: string;
  display_name: string | null;
  description: string | null;
  owners: { name: string }[];
  domain: string | null;
  tier: string | null;
  table_type: string | null;
  usage: number | null;
  deleted: boolean;
  updated_at: Date;
  columns: { fqn: string; name: string; description: string | null }[];
}

interface LabelRow {
  target_fqn: string;
  tag_fqn: string;
  label_type: string;
}

/** Who or what an entity is, by type and FQN. */
export interface EntityKey {
  type: string;
  fqn: string;
}

export interface LoadedDocuments {
  live: SearchDocument[];
  /** Documents of deleted entities (and of their columns), to remove from the index. */
  gone: Pick<SearchDocument, 'type' | 'fqn'>[];
}

const ENTITY_COLUMNS = `
  e.type, e.fqn, e.name, e.display_name, e.description, e.owners, e.domain, e.tier,
  e.spec->>'tableType' AS table_type, (e.attributes->>'usage')::double precision AS usage,
  e.deleted, e.updated_at,
  CASE WHEN e.type = 'table' THEN coalesce(
    (SELECT json_agg(json_build_object('fqn', c.fqn, 'name', c.name, 'description', c.description)
                     ORDER BY c.ordinal)
       FROM table_column c WHERE c.table_id = e.id), '[]') ELSE '[]' END AS columns`;

function placeOf(type: string, fqn: string) {
  const parts = parseFqn(fqn);
  if (type === 'table') return { service: parts[0], database: parts[1], schema: parts[2] };
  if (type === 'pipeline' || type === 'dashboard') return { service: parts[0] };
  return {};
}

function labelsByTarget(rows: readonly LabelRow[]) {
  const byTarget = new Map<string, { tags: string[]; glossaryTerms: string[] }>();
  for (const row of rows) {
    const labels = byTarget.get(row.target_fqn) ?? { tags: [], glossaryTerms: [] };
    (row.label_type === 'glossary' ? labels.glossaryTerms : labels.tags).push(row.tag_fqn);
    byTarget.set(row.target_fqn, labels);
  }
  return byTarget;
}

const isPersonalData = (tag: string) => tag.startsWith('PII.') && tag !== 'PII.None';

function searchTypeOf(row: EntityRow): SearchType {
  if (row.type === 'table' && row.table_type && VIEW_TYPES.has(row.table_type)) return 'view';
  return row.type as SearchType;
}

function toDocuments(row: EntityRow, labels: ReturnType<typeof labelsByTarget>): SearchDocument[] {
  const own = labels.get(row.fqn) ?? { tags: [], glossaryTerms: [] };
  const columnTags = row.columns.flatMap((c) => labels.get(c.fqn)?.tags ?? []);
  const place = placeOf(row.type, row.fqn);
  const owners = row.owners.map((owner) => owner.name);
  const updatedAt = new Date(row.updated_at).toISOString();
  const asset: SearchDocument = {
    type: searchTypeOf(row),
    fqn: row.fqn,
    name: row.name,
    displayName: row.display_name,
    description: row.description,
    columnNames: row.columns.map((c) => c.name),
    columnDescriptions: row.columns.flatMap((c) => (c.description ? [c.description] : [])),
    tags: own.tags,
    glossaryTerms: own.glossaryTerms,
    ...place,
    owners,
    domain: row.domain,
    tier: row.tier ?? own.tags.find((tag) => tag.startsWith('Tier.')) ?? null,
    containsPii: [...own.tags, ...columnTags].some(isPersonalData),
    usage: row.usage,
    updatedAt,
  };
  const columns = row.columns.map((column): SearchDocument => {
    const labelled = labels.get(column.fqn) ?? { tags: [], glossaryTerms: [] };
    return {
      type: 'column',
      fqn: column.fqn,
      name: column.name,
      description: column.description,
      tags: labelled.tags,
      glossaryTerms: labelled.glossaryTerms,
      ...place,
      owners,
      domain: row.domain,
      containsPii: labelled.tags.some(isPersonalData),
      updatedAt,
    };
  });
  return [asset, ...columns];
}

/** Reads catalog entities as search documents: a table brings its columns along. */
@Injectable()
export class SearchDocumentsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** The documents of the given entities; deleted ones are listed to be removed. */
  async load(keys: readonly EntityKey[]): Promise<LoadedDocuments> {
    const indexed = keys.filter((key) => INDEXED_ENTITY_TYPES.includes(key.type));
    if (indexed.length === 0) return { live: [], gone: [] };
    const rows = await this.db.query<EntityRow>(
      `SELECT ${ENTITY_COLUMNS}
         FROM entity e
         JOIN unnest($1::text[], $2::text[]) AS k(type, fqn) ON e.type = k.type AND e.fqn = k.fqn`,
      [indexed.map((key) => key.type), indexed.map((key) => key.fqn)],
    );
    const gone = rows
      .filter((row) => row.deleted)
      .flatMap((row) => [
        { type: searchTypeOf(row), fqn: row.fqn },
        ...row.columns.map((column) => ({ type: 'column' as const, fqn: column.fqn })),
      ]);
    const live = await this.withLabels(rows.filter((row) => !row.deleted));
    return { live, gone };
  }

  /** How many documents {@link all} yields: live entities of the indexed types and their columns. */
  async count(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM entity WHERE NOT deleted AND type = ANY($1::text[]))::int +
              (SELECT count(*) FROM table_column c JOIN entity e ON e.id = c.table_id
                WHERE NOT e.deleted)::int AS n`,
      [INDEXED_ENTITY_TYPES],
    );
    return row?.n ?? 0;
  }

  /** Every live document, `entitiesPerBatch` entities (with their columns) at a time, in FQN order. */
  async *all(entitiesPerBatch = 200): AsyncGenerator<SearchDocument[]> {
    let after = { fqn: '', type: '' };
    for (;;) {
      const rows = await this.db.query<EntityRow>(
        `SELECT ${ENTITY_COLUMNS}
           FROM entity e
          WHERE NOT e.deleted AND e.type = ANY($1::text[]) AND (e.fqn, e.type) > ($2, $3)
          ORDER BY e.fqn, e.type LIMIT $4`,
        [INDEXED_ENTITY_TYPES, after.fqn, after.type, entitiesPerBatch],
      );
      if (rows.length === 0) return;
      yield await this.withLabels(rows);
      after = rows[rows.length - 1];
    }
  }

  private async withLabels(rows: readonly EntityRow[]): Promise<SearchDocument[]> {
    const targets = rows.flatMap((row) => [row.fqn, ...row.columns.map((c) => c.fqn)]);
    const labels = await this.db.query<LabelRow>(
      `SELECT target_fqn, tag_fqn, label_type FROM tag_label
        WHERE target_fqn = ANY($1::text[]) AND state <> 'rejected'
        ORDER BY target_fqn, tag_fqn`,
      [targets],
    );
    const byTarget = labelsByTarget(labels);
    return rows.flatMap((row) => toDocuments(row, byTarget));
  }
}
