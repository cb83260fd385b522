import { Injectable } from '@nestjs/common';
import type { SqlExecutor } from '../../database/sql-executor.js';
import type { ColumnRow, EntityRow, ParentRef, TagRow } from './entity-rows.js';

export interface ExistingEntity {
  id: string;
  type: string;
  fqn: string;
  content_hash: string | null;
  spec: Record<string, unknown>;
  version: string;
  deleted: boolean;
  description: string | null;
  description_source: string;
  owners: unknown[];
  source: string | null;
}

export interface EntityWrite extends EntityRow {
  version: number;
  content_hash: string | null;
  source: string | null;
  description_source?: string;
}

export interface VersionRow {
  entity_id: string;
  version: number;
  change_type: 'created' | 'updated' | 'deleted' | 'restored';
  change_description: unknown;
  snapshot: unknown;
}

export interface ChangeEventRow {
  id: string;
  entity_id: string;
  fqn: string;
  entity_type: string;
  event_type: string;
  version: string;
}

const ENTITY_RECORDSET = `r(type text, fqn text, name text, display_name text, description text,
  description_source text, parent_fqn text, owners jsonb, domain text, tier text, attributes jsonb,
  spec jsonb, version numeric, content_hash text, source text)`;

/** Bulk SQL for ingestion: every method is one statement for a whole batch. */
@Injectable()
export class IngestRepository {
  async findEntities(
    tx: SqlExecutor,
    keys: { type: string; fqn: string }[],
  ): Promise<ExistingEntity[]> {
    if (keys.length === 0) return [];
    return tx.query<ExistingEntity>(
      `SELECT e.id, e.type, e.fqn, e.content_hash, e.spec, e.version, e.deleted, e.description,
              e.description_source, e.owners, e.source
         FROM entity e
         JOIN unnest($1::text[], $2::text[]) AS k(type, fqn) ON e.type = k.type AND e.fqn = k.fqn`,
      [keys.map((k) => k.type), keys.map((k) => k.fqn)],
    );
  }

  /** Which of the given parents exist and are not deleted, as `type:fqn` strings. */
  async existingParents(tx: SqlExecutor, parents: ParentRef[]): Promise<Set<string>> {
    if (parents.length === 0) return new Set();
    const rows = await tx.query<{ type: string; fqn: string }>(
      `SELECT k.type, k.fqn FROM unnest($1::text[], $2::text[]) AS k(type, fqn)
        WHERE EXISTS (SELECT 1 FROM entity e
                       WHERE e.fqn = k.fqn AND NOT e.deleted
                         AND (e.type = k.type OR (k.type = 'asset' AND e.type = 'table')))
           OR (k.type = 'asset' AND EXISTS (
                SELECT 1 FROM table_column c JOIN entity t ON t.id = c.table_id
                 WHERE c.fqn = k.fqn AND NOT t.deleted))`,
      [parents.map((p) => p.type), parents.map((p) => p.fqn)],
    );
    return new Set(rows.map((row) => `${row.type}:${row.fqn}`));
  }

  /** FQNs among `targets` that name a live entity or column. */
  async existingTargets(tx: SqlExecutor, targets: string[]): Promise<Set<string>> {
    if (targets.length === 0) return new Set();
    const rows = await tx.query<{ fqn: string }>(
      `SELECT t.fqn FROM unnest($1::text[]) AS t(fqn)
        WHERE EXISTS (SELECT 1 FROM entity e WHERE e.fqn = t.fqn AND NOT e.deleted)
           OR EXISTS (SELECT 1 FROM table_column c JOIN entity p ON p.id = c.table_id
                       WHERE c.fqn = t.fqn AND NOT p.deleted)`,
      [targets],
    );
    return new Set(rows.map((row) => row.fqn));
  }

  /** Which of `fqns` name a live entity of `type` (a tag, a test case...). */
  async existingOfType(tx: SqlExecutor, type: string, fqns: string[]): Promise<Set<string>> {
    if (fqns.length === 0) return new Set();
    const rows = await tx.query<{ fqn: string }>(
      `SELECT fqn FROM entity WHERE type = $1 AND NOT deleted AND fqn = ANY($2::text[])`,
      [type, fqns],
    );
    return new Set(rows.map((row) => row.fqn));
  }

  async upsertEntities(
    tx: SqlExecutor,
    rows: EntityWrite[],
    actor: string,
  ): Promise<{ id: string; type: string; fqn: string }[]> {
    if (rows.length === 0) return [];
    return tx.query(
      `INSERT INTO entity (type, fqn, name, display_name, description, description_source, parent_fqn,
                           owners, domain, tier, attributes, spec, version, content_hash, source,
                           deleted, updated_by, updated_at)
       SELECT r.type, r.fqn, r.name, r.display_name, r.description,
              coalesce(r.description_source, 'ingested'), r.parent_fqn, r.owners, r.domain, r.tier,
              r.attributes, r.spec, r.version, r.content_hash, r.source, false, $2, now()
         FROM jsonb_to_recordset($1::jsonb) AS ${ENTITY_RECORDSET}
       ON CONFLICT (type, fqn) DO UPDATE SET
         name = EXCLUDED.name, display_name = EXCLUDED.display_name,
         description = EXCLUDED.description, description_source = EXCLUDED.description_source,
         parent_fqn = EXCLUDED.parent_fqn, owners = EXCLUDED.owners, domain = EXCLUDED.domain,
         tier = EXCLUDED.tier, attributes = EXCLUDED.attributes, spec = EXCLUDED.spec,
         version = EXCLUDED.version, content_hash = EXCLUDED.content_hash,
         source = coalesce(entity.source, EXCLUDED.source), deleted = false,
         updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING id, type, fqn`,
      [JSON.stringify(rows), actor],
    );
  }

  /** Replaces the columns of the given tables: drops the ones no longer reported, upserts the rest. */
  async replaceColumns(
    tx: SqlExecutor,
    tableIds: Map<string, string>,
    columns: ColumnRow[],
  ): Promise<void> {
    if (tableIds.size === 0) return;
    await tx.query(
      `DELETE FROM table_column c
        WHERE c.table_id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM unnest($2::text[]) AS k(fqn) WHERE k.fqn = c.fqn)`,
      [[...tableIds.values()], columns.map((c) => c.fqn)],
    );
    if (columns.length === 0) return;
    const rows = columns.map((c) => ({ ...c, table_id: tableIds.get(c.table_fqn) }));
    await tx.query(
      `INSERT INTO table_column (table_id, fqn, name, data_type, ordinal, nullable, default_value,
                                 description, constraint_type, foreign_key)
       SELECT r.table_id, r.fqn, r.name, r.data_type, r.ordinal, r.nullable, r.default_value,
              r.description, r.constraint_type, r.foreign_key
         FROM jsonb_to_recordset($1::jsonb) AS r(table_id uuid, fqn text, name text, data_type text,
              ordinal int, nullable boolean, default_value text, description text,
              constraint_type text, foreign_key jsonb)
       ON CONFLICT (fqn) DO UPDATE SET
         table_id = EXCLUDED.table_id, name = EXCLUDED.name, data_type = EXCLUDED.data_type,
         ordinal = EXCLUDED.ordinal, nullable = EXCLUDED.nullable,
         default_value = EXCLUDED.default_value,
         description = CASE WHEN table_column.description_source = 'manual'
                            THEN table_column.description ELSE EXCLUDED.description END,
         constraint_type = EXCLUDED.constraint_type, foreign_key = EXCLUDED.foreign_key`,
      [JSON.stringify(rows)],
    );
  }

  /** Replaces the tags a source put on the given targets; tags from other origins stay. */
  async replaceTags(
    tx: SqlExecutor,
    origin: string,
    targets: string[],
    tags: TagRow[],
    actor: string,
  ): Promise<void> {
    if (targets.length > 0) {
      await tx.query(`DELETE FROM tag_label WHERE origin = $1 AND target_fqn = ANY($2::text[])`, [
        origin,
        targets,
      ]);
    }
    await this.insertTags(tx, origin, tags, actor);
  }

  async insertTags(tx: SqlExecutor, origin: string, tags: TagRow[], actor: string): Promise<void> {
    if (tags.length === 0) return;
    await tx.query(
      `INSERT INTO tag_label (target_fqn, tag_fqn, label_type, source, state, confidence, provenance,
                              origin, created_by)
       SELECT r.target_fqn, r.tag_fqn, r.label_type, r.source, r.state, r.confidence, r.provenance, $2, $3
         FROM jsonb_to_recordset($1::jsonb) AS r(target_fqn text, tag_fqn text, label_type text,
              source text, state text, confidence real, provenance jsonb)
       ON CONFLICT (target_fqn, tag_fqn) DO NOTHING`,
      [JSON.stringify(tags), origin, actor],
    );
  }

  async insertVersions(tx: SqlExecutor, versions: VersionRow[], actor: string): Promise<void> {
    if (versions.length === 0) return;
    await tx.query(
      `INSERT INTO entity_version (entity_id, version, change_type, change_description, snapshot, author)
       SELECT r.entity_id, r.version, r.change_type, r.change_description, r.snapshot, $2
         FROM jsonb_to_recordset($1::jsonb) AS r(entity_id uuid, version numeric, change_type text,
              change_description jsonb, snapshot jsonb)
       ON CONFLICT (entity_id, version) DO UPDATE SET
         change_type = EXCLUDED.change_type, change_description = EXCLUDED.change_description,
         snapshot = EXCLUDED.snapshot, author = EXCLUDED.author, created_at = now()`,
      [JSON.stringify(versions), actor],
    );
  }

  async insertChangeEvents(
    tx: SqlExecutor,
    versions: VersionRow[],
    actor: string,
  ): Promise<ChangeEventRow[]> {
    if (versions.length === 0) return [];
    return tx.query<ChangeEventRow>(
      `INSERT INTO change_event (entity_id, fqn, entity_type, event_type, version, actor)
       SELECT e.id, e.fqn, e.type, r.change_type, r.version, $2
         FROM jsonb_to_recordset($1::jsonb) AS r(entity_id uuid, version numeric, change_type text)
         JOIN entity e ON e.id = r.entity_id
       RETURNING id, entity_id, fqn, entity_type, event_type, version`,
      [JSON.stringify(versions), actor],
    );
  }

  /** Soft-deletes what a source owns and did not report in a full run; returns what it deleted. */
  async softDeleteUnseen(
    tx: SqlExecutor,
    source: string,
    seen: { type: string; fqn: string }[],
    actor: string,
  ): Promise<
    { id: string; type: string; fqn: string; version: string; spec: Record<string, unknown> }[]
  > {
    return tx.query(
      `UPDATE entity e SET deleted = true, version = e.version + 0.1, updated_at = now(), updated_by = $4
        WHERE e.source = $1 AND NOT e.deleted
          AND NOT EXISTS (SELECT 1 FROM unnest($2::text[], $3::text[]) AS s(type, fqn)
                           WHERE s.type = e.type AND s.fqn = e.fqn)
       RETURNING e.id, e.type, e.fqn, e.version, e.spec`,
      [source, seen.map((s) => s.type), seen.map((s) => s.fqn), actor],
    );
  }
}
