import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Facet fields that were columns of their own; their values now live in the facet dictionary. */
const FACET_COLUMNS = [
  'service',
  'database_name',
  'schema_name',
  'owners',
  'domain',
  'tier',
  'contains_pii',
  'tags',
  'glossary_terms',
  'usage',
];

/**
 * Faster PostgreSQL search on large catalogs:
 * - every facet value is a number in a dictionary (`search_facet_value`), and a document carries
 *   the numbers of its values (`facet_ids`). One GIN index serves every filter, all facets are
 *   counted in one grouped pass over small integers, and the rows searches read get narrower;
 * - `rank_vector` is the document without its columns' text, so ranking a table reads a few
 *   hundred bytes instead of its whole document, which is now always stored out of line; it is
 *   null where the two are the same (documents without columns);
 * - empty lists are stored as nulls, which take no room in a row.
 *
 * The index is derived data: it is emptied here and rebuilt from the catalog when the API starts.
 */
export class SearchSpeed1795500000000 implements MigrationInterface {
  name = 'SearchSpeed1795500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS search_document_next`);
    await queryRunner.query(`TRUNCATE search_document`);
    await queryRunner.query(`
      CREATE TABLE search_facet_value (
        id serial PRIMARY KEY,
        key text NOT NULL UNIQUE
      )`);
    await queryRunner.query(
      `ALTER TABLE search_document ${FACET_COLUMNS.map((c) => `DROP COLUMN ${c}`).join(', ')},
         ADD COLUMN facet_ids integer[] NOT NULL DEFAULT '{}',
         ADD COLUMN rank_vector tsvector`,
    );
    await queryRunner.query(`
      ALTER TABLE search_document
        ALTER COLUMN document SET STORAGE EXTERNAL,
        ALTER COLUMN synonyms DROP NOT NULL, ALTER COLUMN synonyms DROP DEFAULT,
        ALTER COLUMN aliases_folded DROP NOT NULL, ALTER COLUMN aliases_folded DROP DEFAULT,
        ALTER COLUMN column_names DROP NOT NULL, ALTER COLUMN column_names DROP DEFAULT,
        ALTER COLUMN column_descriptions DROP NOT NULL,
        ALTER COLUMN column_descriptions DROP DEFAULT`);
    await queryRunner.query(
      `CREATE INDEX search_document_facet_idx ON search_document USING gin (facet_ids)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`TRUNCATE search_document`);
    await queryRunner.query(`
      ALTER TABLE search_document
        DROP COLUMN facet_ids, DROP COLUMN rank_vector,
        ADD COLUMN service text, ADD COLUMN database_name text, ADD COLUMN schema_name text,
        ADD COLUMN owners text[] NOT NULL DEFAULT '{}', ADD COLUMN domain text,
        ADD COLUMN tier text, ADD COLUMN contains_pii boolean NOT NULL DEFAULT false,
        ADD COLUMN tags text[] NOT NULL DEFAULT '{}',
        ADD COLUMN glossary_terms text[] NOT NULL DEFAULT '{}',
        ADD COLUMN usage double precision`);
    await queryRunner.query(`
      ALTER TABLE search_document
        ALTER COLUMN document SET STORAGE EXTENDED,
        ALTER COLUMN synonyms SET DEFAULT '{}', ALTER COLUMN synonyms SET NOT NULL,
        ALTER COLUMN aliases_folded SET DEFAULT '{}', ALTER COLUMN aliases_folded SET NOT NULL,
        ALTER COLUMN column_names SET DEFAULT '{}', ALTER COLUMN column_names SET NOT NULL,
        ALTER COLUMN column_descriptions SET DEFAULT '{}',
        ALTER COLUMN column_descriptions SET NOT NULL`);
    await queryRunner.query(`DROP TABLE search_facet_value`);
  }
}
