import { Inject, Injectable } from '@nestjs/common';
import { DATABASE } from '../../database/database.tokens.js';
import type { Database, SqlExecutor } from '../../database/sql-executor.js';

export interface SampledTableRow {
  id: string;
  fqn: string;
}

export interface SampledColumnRow {
  id: string;
  table_id: string;
  name: string;
}

export interface ColumnSampleWrite {
  column_id: string;
  values: (string | null)[];
}

export interface ColumnSampleRow {
  column_fqn: string;
  table_fqn: string;
  sample_values: (string | null)[];
  sampled_at: Date;
  run_id: string;
}

/** The `column_sample` store: one sample per column, written a batch of tables at a time. */
@Injectable()
export class SamplesRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The live (not soft-deleted) tables among `fqns`, locked so two samples of one table queue. */
  async liveTables(tx: SqlExecutor, fqns: readonly string[]): Promise<SampledTableRow[]> {
    return tx.query<SampledTableRow>(
      `SELECT id, fqn FROM entity
        WHERE type = 'table' AND NOT deleted AND fqn = ANY($1::text[])
        ORDER BY id FOR NO KEY UPDATE`,
      [fqns],
    );
  }

  async columnsOf(tx: SqlExecutor, tableIds: readonly string[]): Promise<SampledColumnRow[]> {
    return tx.query<SampledColumnRow>(
      `SELECT id, table_id, name FROM table_column WHERE table_id = ANY($1::uuid[])`,
      [tableIds],
    );
  }

  /**
   * Deletes every sample of the given tables, then stores the new ones; returns the ids of the
   * tables that had a sample before.
   */
  async replaceSamples(
    tx: SqlExecutor,
    tableIds: readonly string[],
    samples: readonly ColumnSampleWrite[],
    run: { runId: string; sampledAt: Date; actor: string },
  ): Promise<Set<string>> {
    const replaced = await tx.query<{ table_id: string }>(
      `WITH gone AS (
         DELETE FROM column_sample s USING table_column c
          WHERE s.column_id = c.id AND c.table_id = ANY($1::uuid[])
         RETURNING c.table_id)
       SELECT DISTINCT table_id FROM gone`,
      [tableIds],
    );
    if (samples.length > 0) {
      // WITH ORDINALITY keeps row order; jsonb_array_elements_text turns JSON null into NULL.
      await tx.query(
        `INSERT INTO column_sample (column_id, sample_values, sampled_at, run_id, sampled_by)
         SELECT r.column_id,
                ARRAY(SELECT v.value FROM jsonb_array_elements_text(r.sample_values)
                        WITH ORDINALITY AS v(value, n) ORDER BY v.n),
                $2, $3, $4
           FROM jsonb_to_recordset($1::jsonb) AS r(column_id uuid, sample_values jsonb)
         ON CONFLICT (column_id) DO UPDATE SET
           sample_values = EXCLUDED.sample_values, sampled_at = EXCLUDED.sampled_at,
           run_id = EXCLUDED.run_id, sampled_by = EXCLUDED.sampled_by`,
        [
          JSON.stringify(samples.map((s) => ({ column_id: s.column_id, sample_values: s.values }))),
          run.sampledAt,
          run.runId,
          run.actor,
        ],
      );
    }
    return new Set(replaced.map((row) => row.table_id));
  }

  /** Drops the samples of soft-deleted tables; they are already hidden from every reader. */
  async purgeDeletedTables(tx: SqlExecutor): Promise<number> {
    const rows = await tx.query(
      `DELETE FROM column_sample s USING table_column c, entity t
        WHERE s.column_id = c.id AND t.id = c.table_id AND t.deleted
       RETURNING s.column_id`,
    );
    return rows.length;
  }

  /** Samples of the given columns whose table is not soft-deleted. */
  async samplesOfColumns(columnFqns: readonly string[]): Promise<ColumnSampleRow[]> {
    return this.db.query<ColumnSampleRow>(
      `SELECT c.fqn AS column_fqn, t.fqn AS table_fqn, s.sample_values, s.sampled_at, s.run_id
         FROM column_sample s
         JOIN table_column c ON c.id = s.column_id
         JOIN entity t ON t.id = c.table_id
        WHERE c.fqn = ANY($1::text[]) AND NOT t.deleted`,
      [columnFqns],
    );
  }
}
