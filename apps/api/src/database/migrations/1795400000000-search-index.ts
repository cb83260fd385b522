import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PostgreSQL search index: one row per searchable document with a weighted tsvector (name above
 * description above columns above tags, each in English stems and in plain words so that prefixes
 * match), the facet values as plain columns, and the vocabulary of indexed words, which pg_trgm
 * searches to correct typos in queries.
 */
export class SearchIndex1795400000000 implements MigrationInterface {
  name = 'SearchIndex1795400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    // unaccent() is only STABLE (its dictionary could change); ours is fixed, so this wrapper may
    // be IMMUTABLE and used in indexes.
    await queryRunner.query(`
      CREATE FUNCTION almanac_fold(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, coalesce(value, ''))) $$`);
    await queryRunner.query(`
      CREATE TABLE search_document (
        doc_id text PRIMARY KEY,
        type text NOT NULL,
        fqn text NOT NULL,
        name text NOT NULL,
        name_folded text NOT NULL,
        display_name text,
        description text,
        synonyms text[] NOT NULL DEFAULT '{}',
        aliases_folded text[] NOT NULL DEFAULT '{}',
        column_names text[] NOT NULL DEFAULT '{}',
        column_descriptions text[] NOT NULL DEFAULT '{}',
        tags text[] NOT NULL DEFAULT '{}',
        glossary_terms text[] NOT NULL DEFAULT '{}',
        service text,
        database_name text,
        schema_name text,
        owners text[] NOT NULL DEFAULT '{}',
        domain text,
        tier text,
        contains_pii boolean NOT NULL DEFAULT false,
        usage double precision,
        boost real NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL,
        document tsvector NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX search_document_fts_idx ON search_document USING gin (document)`,
    );
    await queryRunner.query(
      `CREATE INDEX search_document_name_trgm_idx ON search_document USING gin (name_folded gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX search_document_type_idx ON search_document (type, name)`,
    );
    await queryRunner.query(
      `CREATE INDEX search_document_updated_idx ON search_document (updated_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE search_term (
        term text PRIMARY KEY
      )`);
    await queryRunner.query(
      `CREATE INDEX search_term_trgm_idx ON search_term USING gin (term gin_trgm_ops)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS search_term`);
    await queryRunner.query(`DROP TABLE IF EXISTS search_document`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS almanac_fold(text)`);
  }
}
