import { Inject, Injectable } from '@nestjs/common';
import { DATABASE } from '../../database/database.tokens.js';
import type { Database, SqlExecutor } from '../../database/sql-executor.js';

export interface EntityRecordRow {
  id: string;
  type: string;
  fqn: string;
  name: string;
  display_name: string | null;
  description: string | null;
  parent_fqn: string | null;
  owners: { type: string; name: string }[];
  domain: string | null;
  tier: string | null;
  attributes: Record<string, unknown>;
  spec: Record<string, unknown>;
  version: string;
  deleted: boolean;
  source: string | null;
  updated_at: Date;
  updated_by: string;
}

export interface ColumnRecordRow {
  id: string;
  table_id: string;
  fqn: string;
  name: string;
  data_type: string;
  ordinal: number;
  nullable: boolean;
  default_value: string | null;
  description: string | null;
  constraint_type: string | null;
  foreign_key: { table: string; column: string } | null;
}

export interface TagLabelRow {
  target_fqn: string;
  tag_fqn: string;
  label_type: string;
  source: string;
  state: string;
  confidence: number | null;
  provenance: unknown;
  origin: string | null;
}

export interface VersionRecordRow {
  version: string;
  change_type: string;
  change_description: {
    fieldsAdded: unknown[];
    fieldsUpdated: unknown[];
    fieldsDeleted: unknown[];
    previousVersion: number | null;
  };
  snapshot: unknown;
  author: string;
  created_at: Date;
}

export interface AssetFilter {
  type?: string | undefined;
  parentFqn?: string | undefined;
  includeDeleted: boolean;
}

const ENTITY_COLUMNS = `id, type, fqn, name, display_name, description, parent_fqn, owners, domain, tier,
  attributes, spec, version, deleted, source, updated_at, updated_by`;

/** Catalog reads and the single-entity writes behind GraphQL mutations. */
@Injectable()
export class CatalogRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Finds an entity by FQN; with several kinds under one FQN, assets win over directory entries. */
  async findEntity(
    fqn: string,
    type?: string,
    tx: SqlExecutor = this.db,
    lock = false,
  ): Promise<EntityRecordRow | null> {
    const rows = await tx.query<EntityRecordRow>(
      `SELECT ${ENTITY_COLUMNS} FROM entity
        WHERE fqn = $1 AND ($2::text IS NULL OR type = $2)
        ORDER BY (type IN ('user', 'team', 'domain', 'classification')), type
        LIMIT 1 ${lock ? 'FOR UPDATE' : ''}`,
      [fqn, type ?? null],
    );
    return rows[0] ?? null;
  }

  async findColumn(fqn: string, tx: SqlExecutor = this.db): Promise<ColumnRecordRow | null> {
    const rows = await tx.query<ColumnRecordRow>(`SELECT * FROM table_column WHERE fqn = $1`, [
      fqn,
    ]);
    return rows[0] ?? null;
  }

  async findEntityById(
    id: string,
    tx: SqlExecutor,
    lock: boolean,
  ): Promise<EntityRecordRow | null> {
    const rows = await tx.query<EntityRecordRow>(
      `SELECT ${ENTITY_COLUMNS} FROM entity WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async listEntities(
    filter: AssetFilter,
    first: number,
    after: { fqn: string; type: string } | null,
  ) {
    const params = [filter.type ?? null, filter.parentFqn ?? null, filter.includeDeleted];
    const where = `($1::text IS NULL OR type = $1) AND ($2::text IS NULL OR parent_fqn = $2)
                   AND ($3::boolean OR NOT deleted)`;
    const [rows, counts] = await Promise.all([
      this.db.query<EntityRecordRow>(
        `SELECT ${ENTITY_COLUMNS} FROM entity
          WHERE ${where} AND ($4::text IS NULL OR (fqn, type) > ($4::text, $5::text))
          ORDER BY fqn, type LIMIT $6`,
        [...params, after?.fqn ?? null, after?.type ?? null, first + 1],
      ),
      this.db.query<{ total: string }>(
        `SELECT count(*) AS total FROM entity WHERE ${where}`,
        params,
      ),
    ]);
    return { rows, totalCount: Number(counts[0]?.total ?? 0) };
  }

  async columnsOfTables(tableIds: readonly string[]): Promise<ColumnRecordRow[]> {
    return this.db.query<ColumnRecordRow>(
      `SELECT * FROM table_column WHERE table_id = ANY($1::uuid[]) ORDER BY table_id, ordinal, name`,
      [tableIds],
    );
  }

  async tagsOfTargets(targets: readonly string[]): Promise<TagLabelRow[]> {
    return this.db.query<TagLabelRow>(
      `SELECT target_fqn, tag_fqn, label_type, source, state, confidence, provenance, origin
         FROM tag_label WHERE target_fqn = ANY($1::text[]) ORDER BY target_fqn, tag_fqn`,
      [targets],
    );
  }

  async versionsOf(entityId: string): Promise<VersionRecordRow[]> {
    return this.db.query<VersionRecordRow>(
      `SELECT version, change_type, change_description, snapshot, author, created_at
         FROM entity_version WHERE entity_id = $1 ORDER BY version DESC`,
      [entityId],
    );
  }

  async existingTag(tx: SqlExecutor, tagFqn: string): Promise<boolean> {
    const rows = await tx.query(
      `SELECT 1 FROM entity WHERE type = 'tag' AND fqn = $1 AND NOT deleted`,
      [tagFqn],
    );
    return rows.length > 0;
  }

  async saveEntityChange(
    tx: SqlExecutor,
    entity: EntityRecordRow,
    change: {
      description?: string | null;
      descriptionSource?: string;
      owners?: unknown;
      deleted?: boolean;
    },
    actor: string,
  ): Promise<void> {
    await tx.query(
      `UPDATE entity SET
         description = CASE WHEN $2::boolean THEN $3 ELSE description END,
         description_source = coalesce($4, description_source),
         owners = coalesce($5::jsonb, owners),
         deleted = coalesce($6, deleted),
         spec = $7, version = $8, updated_at = now(), updated_by = $9
       WHERE id = $1`,
      [
        entity.id,
        change.description !== undefined,
        change.description ?? null,
        change.descriptionSource ?? null,
        change.owners === undefined ? null : JSON.stringify(change.owners),
        change.deleted ?? null,
        JSON.stringify(entity.spec),
        entity.version,
        actor,
      ],
    );
  }

  async setColumnDescription(
    tx: SqlExecutor,
    columnId: string,
    description: string,
  ): Promise<void> {
    await tx.query(
      `UPDATE table_column SET description = $2, description_source = 'manual' WHERE id = $1`,
      [columnId, description],
    );
  }

  async insertTag(
    tx: SqlExecutor,
    target: string,
    tagFqn: string,
    labelType: string,
    actor: string,
  ): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO tag_label (target_fqn, tag_fqn, label_type, source, state, origin, created_by)
       VALUES ($1, $2, $3, 'manual', 'confirmed', NULL, $4)
       ON CONFLICT (target_fqn, tag_fqn) DO NOTHING RETURNING id`,
      [target, tagFqn, labelType, actor],
    );
    return rows.length > 0;
  }

  async deleteTag(tx: SqlExecutor, target: string, tagFqn: string): Promise<boolean> {
    const rows = await tx.query(
      `DELETE FROM tag_label WHERE target_fqn = $1 AND tag_fqn = $2 RETURNING id`,
      [target, tagFqn],
    );
    return rows.length > 0;
  }

  async recordVersion(
    tx: SqlExecutor,
    entity: EntityRecordRow,
    changeType: string,
    changeDescription: unknown,
    actor: string,
  ): Promise<{
    id: string;
    fqn: string;
    entity_type: string;
    event_type: string;
    version: string;
  }> {
    await tx.query(
      `INSERT INTO entity_version (entity_id, version, change_type, change_description, snapshot, author)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        entity.id,
        entity.version,
        changeType,
        JSON.stringify(changeDescription),
        JSON.stringify(entity.spec),
        actor,
      ],
    );
    const rows = await tx.query<{
      id: string;
      fqn: string;
      entity_type: string;
      event_type: string;
      version: string;
    }>(
      `INSERT INTO change_event (entity_id, fqn, entity_type, event_type, version, actor)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, fqn, entity_type, event_type, version`,
      [entity.id, entity.fqn, entity.type, changeType, entity.version, actor],
    );
    return rows[0];
  }
}
