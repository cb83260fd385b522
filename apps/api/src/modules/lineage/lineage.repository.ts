import { Inject, Injectable } from '@nestjs/common';
import type { ColumnEdge, ImpactOwner, LineageEdge, LineageStore } from '@almanac/sdk';
import { DATABASE } from '../../database/database.tokens.js';
import type { Database, SqlExecutor } from '../../database/sql-executor.js';

interface EdgeRow {
  id: string;
  from_fqn: string;
  to_fqn: string;
  pipeline_fqn: string;
  source: string;
}

interface ColumnRow {
  edge_id: string;
  from_column: string;
  to_column: string;
  transformation: { type: string; subtype?: string } | null;
}

export interface NodeRow {
  fqn: string;
  type: string;
  name: string;
  deleted: boolean;
  owners: ImpactOwner[];
}

const EDGE_COLUMNS = 'id, from_fqn, to_fqn, pipeline_fqn, source';

function toEdge(row: EdgeRow): LineageEdge {
  return {
    id: row.id,
    from: row.from_fqn,
    to: row.to_fqn,
    pipeline: row.pipeline_fqn === '' ? null : row.pipeline_fqn,
    source: row.source,
  };
}

function toColumnEdge(row: ColumnRow): ColumnEdge {
  return {
    edgeId: row.edge_id,
    from: row.from_column,
    to: row.to_column,
    transformation: row.transformation,
  };
}

/** Stored lineage, read one hop at a time (indexed on both ends), and manual edges. */
@Injectable()
export class LineageRepository implements LineageStore {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  private async edgesWhere(end: 'from_fqn' | 'to_fqn', fqns: readonly string[]) {
    const rows = await this.db.query<EdgeRow>(
      `SELECT ${EDGE_COLUMNS} FROM lineage_edge WHERE ${end} = ANY($1::text[])`,
      [fqns],
    );
    return rows.map(toEdge);
  }

  edgesFrom(fqns: readonly string[]): Promise<LineageEdge[]> {
    return this.edgesWhere('from_fqn', fqns);
  }

  edgesTo(fqns: readonly string[]): Promise<LineageEdge[]> {
    return this.edgesWhere('to_fqn', fqns);
  }

  private async columnEdgesWhere(condition: string, values: readonly string[]) {
    const rows = await this.db.query<ColumnRow>(
      `SELECT edge_id, from_column, to_column, transformation FROM column_lineage
        WHERE ${condition} ORDER BY to_column, from_column`,
      [values],
    );
    return rows.map(toColumnEdge);
  }

  columnEdges(edgeIds: readonly string[]): Promise<ColumnEdge[]> {
    return this.columnEdgesWhere('edge_id = ANY($1::uuid[])', edgeIds);
  }

  columnEdgesFrom(columns: readonly string[]): Promise<ColumnEdge[]> {
    return this.columnEdgesWhere('from_column = ANY($1::text[])', columns);
  }

  columnEdgesTo(columns: readonly string[]): Promise<ColumnEdge[]> {
    return this.columnEdgesWhere('to_column = ANY($1::text[])', columns);
  }

  /** The catalog entries of lineage nodes; a node may be missing (lineage to an uncatalogued table). */
  async nodes(fqns: readonly string[]): Promise<Map<string, NodeRow>> {
    const rows = await this.db.query<NodeRow>(
      `SELECT DISTINCT ON (fqn) fqn, type, name, deleted, owners FROM entity
        WHERE fqn = ANY($1::text[]) AND type NOT IN ('user', 'team', 'domain', 'classification')
        ORDER BY fqn, deleted, type`,
      [fqns],
    );
    return new Map(rows.map((row) => [row.fqn, row]));
  }

  /** Every stored edge between two assets (one per pipeline), locked for the caller's change. */
  async findEdges(
    tx: SqlExecutor,
    from: string,
    to: string,
  ): Promise<{ id: string; source: string }[]> {
    return tx.query<{ id: string; source: string }>(
      `SELECT id, source FROM lineage_edge WHERE from_fqn = $1 AND to_fqn = $2 ORDER BY source FOR UPDATE`,
      [from, to],
    );
  }

  async insertManualEdge(tx: SqlExecutor, from: string, to: string): Promise<string> {
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO lineage_edge (from_fqn, to_fqn, pipeline_fqn, source, content_hash, origin)
       VALUES ($1, $2, '', 'manual', md5($1 || '->' || $2), 'manual') RETURNING id`,
      [from, to],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error('lineage edge insert returned no id');
    return id;
  }

  async replaceColumns(
    tx: SqlExecutor,
    edgeId: string,
    columns: readonly { from: string; to: string }[],
  ): Promise<void> {
    await tx.query(`DELETE FROM column_lineage WHERE edge_id = $1`, [edgeId]);
    if (columns.length === 0) return;
    await tx.query(
      `INSERT INTO column_lineage (edge_id, from_column, to_column, transformation)
       SELECT $1, f, t, '{"type":"DIRECT","subtype":"IDENTITY"}'::jsonb
         FROM unnest($2::text[], $3::text[]) AS m(f, t)
       ON CONFLICT DO NOTHING`,
      [edgeId, columns.map((c) => c.from), columns.map((c) => c.to)],
    );
  }

  async deleteEdge(tx: SqlExecutor, id: string): Promise<void> {
    await tx.query(`DELETE FROM lineage_edge WHERE id = $1`, [id]);
  }
}
