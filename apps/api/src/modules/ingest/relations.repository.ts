import { Injectable } from '@nestjs/common';
import type { SqlExecutor } from '../../database/sql-executor.js';
import type { TagRow } from './entity-rows.js';

export interface EdgeWrite {
  key: string;
  from_fqn: string;
  to_fqn: string;
  pipeline_fqn: string;
  source: string;
  sql: string | null;
  content_hash: string;
  columns: { from_column: string; to_column: string; transformation: unknown }[];
}

export interface TestResultWrite {
  key: string;
  test_case_fqn: string;
  ts: string;
  status: string;
  result: string | null;
  failed_rows: number | null;
  sample_failures: unknown;
}

export interface OwnedEntity {
  id: string;
  type: string;
  fqn: string;
  owners: unknown[];
  spec: Record<string, unknown>;
  version: string;
}

/** Bulk SQL for the relation records (lineage, labels, ownership, test results). */
@Injectable()
export class RelationsRepository {
  /** Upserts edges; returns the keys of edges created or changed (unchanged ones are skipped). */
  async upsertEdges(
    tx: SqlExecutor,
    edges: EdgeWrite[],
    origin: string,
  ): Promise<{ key: string; inserted: boolean }[]> {
    if (edges.length === 0) return [];
    const written = await tx.query<{ id: string; key: string; inserted: boolean }>(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(key text, from_fqn text, to_fqn text,
                pipeline_fqn text, source text, sql text, content_hash text)
       ), upserted AS (
         INSERT INTO lineage_edge (from_fqn, to_fqn, pipeline_fqn, source, sql, content_hash, origin)
         SELECT from_fqn, to_fqn, pipeline_fqn, source, sql, content_hash, $2 FROM input
         ON CONFLICT (from_fqn, to_fqn, pipeline_fqn) DO UPDATE SET
           source = EXCLUDED.source, sql = EXCLUDED.sql, content_hash = EXCLUDED.content_hash,
           origin = EXCLUDED.origin, updated_at = now()
         WHERE lineage_edge.content_hash <> EXCLUDED.content_hash
         RETURNING id, from_fqn, to_fqn, pipeline_fqn, (xmax = 0) AS inserted
       )
       SELECT u.id, i.key, u.inserted FROM upserted u
         JOIN input i USING (from_fqn, to_fqn, pipeline_fqn)`,
      [JSON.stringify(edges.map(({ columns: _columns, ...edge }) => edge)), origin],
    );
    // Every edge unchanged: there are no column mappings to replace.
    if (written.length === 0) return [];
    const idByKey = new Map(written.map((w) => [w.key, w.id]));
    const columnRows = edges
      .filter((e) => idByKey.has(e.key))
      .flatMap((e) => e.columns.map((c) => ({ ...c, edge_id: idByKey.get(e.key) })));
    await tx.query(`DELETE FROM column_lineage WHERE edge_id = ANY($1::uuid[])`, [
      [...idByKey.values()],
    ]);
    if (columnRows.length > 0) {
      await tx.query(
        `INSERT INTO column_lineage (edge_id, from_column, to_column, transformation)
         SELECT r.edge_id, r.from_column, r.to_column, r.transformation
           FROM jsonb_to_recordset($1::jsonb) AS r(edge_id uuid, from_column text, to_column text,
                transformation jsonb)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(columnRows)],
      );
    }
    return written.map(({ key, inserted }) => ({ key, inserted }));
  }

  /** Upserts labels; returns the `target#tag` keys created or changed. */
  async upsertLabels(
    tx: SqlExecutor,
    labels: TagRow[],
    origin: string,
    actor: string,
  ): Promise<{ key: string; inserted: boolean }[]> {
    if (labels.length === 0) return [];
    return tx.query(
      `INSERT INTO tag_label (target_fqn, tag_fqn, label_type, source, state, confidence, provenance,
                              origin, created_by)
       SELECT r.target_fqn, r.tag_fqn, r.label_type, r.source, r.state, r.confidence, r.provenance, $2, $3
         FROM jsonb_to_recordset($1::jsonb) AS r(target_fqn text, tag_fqn text, label_type text,
              source text, state text, confidence real, provenance jsonb)
       ON CONFLICT (target_fqn, tag_fqn) DO UPDATE SET
         label_type = EXCLUDED.label_type, source = EXCLUDED.source, state = EXCLUDED.state,
         confidence = EXCLUDED.confidence, provenance = EXCLUDED.provenance, origin = EXCLUDED.origin
       WHERE (tag_label.label_type, tag_label.source, tag_label.state, tag_label.confidence,
              tag_label.provenance)
             IS DISTINCT FROM (EXCLUDED.label_type, EXCLUDED.source, EXCLUDED.state,
              EXCLUDED.confidence, EXCLUDED.provenance)
       RETURNING target_fqn || '#' || tag_fqn AS key, (xmax = 0) AS inserted`,
      [JSON.stringify(labels), origin, actor],
    );
  }

  async findOwnedEntities(tx: SqlExecutor, fqns: string[]): Promise<OwnedEntity[]> {
    if (fqns.length === 0) return [];
    return tx.query<OwnedEntity>(
      `SELECT DISTINCT ON (fqn) id, type, fqn, owners, spec, version FROM entity
        WHERE fqn = ANY($1::text[]) AND NOT deleted
        ORDER BY fqn, (type IN ('user', 'team', 'domain', 'classification')), type`,
      [fqns],
    );
  }

  async updateOwners(
    tx: SqlExecutor,
    rows: { id: string; owners: unknown; spec: unknown; version: number }[],
    actor: string,
  ): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `UPDATE entity e SET owners = r.owners, spec = r.spec, version = r.version,
              updated_at = now(), updated_by = $2
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, owners jsonb, spec jsonb, version numeric)
        WHERE e.id = r.id`,
      [JSON.stringify(rows), actor],
    );
  }

  async upsertTestResults(
    tx: SqlExecutor,
    results: TestResultWrite[],
    origin: string,
  ): Promise<{ key: string; inserted: boolean }[]> {
    if (results.length === 0) return [];
    return tx.query(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(key text, test_case_fqn text, ts timestamptz,
                status text, result text, failed_rows bigint, sample_failures jsonb)
       ), upserted AS (
         INSERT INTO test_result (test_case_fqn, ts, status, result, failed_rows, sample_failures, origin)
         SELECT test_case_fqn, ts, status, result, failed_rows, sample_failures, $2 FROM input
         ON CONFLICT (test_case_fqn, ts) DO UPDATE SET
           status = EXCLUDED.status, result = EXCLUDED.result, failed_rows = EXCLUDED.failed_rows,
           sample_failures = EXCLUDED.sample_failures, origin = EXCLUDED.origin
         WHERE (test_result.status, test_result.result, test_result.failed_rows,
                test_result.sample_failures)
               IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.result, EXCLUDED.failed_rows,
                EXCLUDED.sample_failures)
         RETURNING test_case_fqn, ts, (xmax = 0) AS inserted
       )
       SELECT i.key, u.inserted FROM upserted u JOIN input i USING (test_case_fqn, ts)`,
      [JSON.stringify(results), origin],
    );
  }

  /** Deletes the edges a source wrote that a full run no longer reports. */
  async deleteUnseenEdges(tx: SqlExecutor, origin: string, seenKeys: string[]): Promise<number> {
    const rows = await tx.query<{ id: string }>(
      `DELETE FROM lineage_edge e
        WHERE e.origin = $1
          AND NOT ('lineage_edge:' || e.from_fqn || '->' || e.to_fqn || '@' || e.pipeline_fqn = ANY($2::text[]))
       RETURNING e.id`,
      [origin, seenKeys],
    );
    return rows.length;
  }
}
