import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sampled values of catalogued columns, kept for classification and shown only through masking.
 * One row per column: a new sample of a table replaces its rows, so the store never grows past
 * one sample per column. Deleting a column or its table deletes its sample; the API hides the
 * samples of soft-deleted tables and purges them on the next sample write.
 */
export class ColumnSample1795300000000 implements MigrationInterface {
  name = 'ColumnSample1795300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE column_sample (
        column_id uuid PRIMARY KEY REFERENCES table_column(id) ON DELETE CASCADE,
        sample_values text[] NOT NULL,
        sampled_at timestamptz NOT NULL,
        run_id text NOT NULL,
        sampled_by text NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS column_sample`);
  }
}
