import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogCore1763700000000 implements MigrationInterface {
  name = 'CatalogCore1763700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await queryRunner.query(`
      CREATE TABLE entity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL,
        fqn text NOT NULL,
        name text NOT NULL,
        display_name text,
        description text,
        description_source text NOT NULL DEFAULT 'ingested',
        parent_fqn text,
        owners jsonb NOT NULL DEFAULT '[]',
        domain text,
        tier text,
        attributes jsonb NOT NULL DEFAULT '{}',
        spec jsonb NOT NULL,
        version numeric(10,1) NOT NULL DEFAULT 0.1,
        content_hash text,
        source text,
        deleted boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL,
        CONSTRAINT entity_type_fqn_key UNIQUE (type, fqn)
      )`);
    await queryRunner.query(`CREATE INDEX entity_parent_idx ON entity (parent_fqn, fqn)`);
    await queryRunner.query(`CREATE INDEX entity_fqn_idx ON entity (fqn)`);
    await queryRunner.query(`CREATE INDEX entity_source_idx ON entity (source) WHERE NOT deleted`);

    await queryRunner.query(`
      CREATE TABLE table_column (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        table_id uuid NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
        fqn text NOT NULL,
        name text NOT NULL,
        data_type text NOT NULL,
        ordinal integer NOT NULL,
        nullable boolean NOT NULL DEFAULT true,
        default_value text,
        description text,
        description_source text NOT NULL DEFAULT 'ingested',
        constraint_type text,
        foreign_key jsonb,
        CONSTRAINT table_column_fqn_key UNIQUE (fqn)
      )`);
    await queryRunner.query(
      `CREATE INDEX table_column_table_idx ON table_column (table_id, ordinal)`,
    );

    await queryRunner.query(`
      CREATE TABLE tag_label (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        target_fqn text NOT NULL,
        tag_fqn text NOT NULL,
        label_type text NOT NULL DEFAULT 'classification',
        source text NOT NULL,
        state text NOT NULL,
        confidence real,
        provenance jsonb,
        origin text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT tag_label_target_tag_key UNIQUE (target_fqn, tag_fqn)
      )`);
    await queryRunner.query(`CREATE INDEX tag_label_tag_idx ON tag_label (tag_fqn)`);

    await queryRunner.query(`
      CREATE TABLE entity_version (
        entity_id uuid NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
        version numeric(10,1) NOT NULL,
        change_type text NOT NULL,
        change_description jsonb NOT NULL,
        snapshot jsonb NOT NULL,
        author text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (entity_id, version)
      )`);

    await queryRunner.query(`
      CREATE TABLE change_event (
        id bigserial PRIMARY KEY,
        entity_id uuid NOT NULL,
        fqn text NOT NULL,
        entity_type text NOT NULL,
        event_type text NOT NULL,
        version numeric(10,1) NOT NULL,
        actor text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX change_event_fqn_idx ON change_event (fqn, id)`);

    await queryRunner.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        actor text NOT NULL,
        action text NOT NULL,
        target text,
        before jsonb,
        after jsonb,
        request_id text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX audit_log_target_idx ON audit_log (target, id)`);

    await queryRunner.query(`
      CREATE TABLE lineage_edge (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        from_fqn text NOT NULL,
        to_fqn text NOT NULL,
        pipeline_fqn text NOT NULL DEFAULT '',
        source text NOT NULL,
        sql text,
        content_hash text NOT NULL,
        origin text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT lineage_edge_key UNIQUE (from_fqn, to_fqn, pipeline_fqn)
      )`);
    await queryRunner.query(`CREATE INDEX lineage_edge_to_idx ON lineage_edge (to_fqn)`);
    await queryRunner.query(`
      CREATE TABLE column_lineage (
        edge_id uuid NOT NULL REFERENCES lineage_edge(id) ON DELETE CASCADE,
        from_column text NOT NULL,
        to_column text NOT NULL,
        transformation jsonb,
        PRIMARY KEY (edge_id, to_column, from_column)
      )`);
    await queryRunner.query(`CREATE INDEX column_lineage_from_idx ON column_lineage (from_column)`);
    await queryRunner.query(`CREATE INDEX column_lineage_to_idx ON column_lineage (to_column)`);

    await queryRunner.query(`
      CREATE TABLE test_result (
        id bigserial PRIMARY KEY,
        test_case_fqn text NOT NULL,
        ts timestamptz NOT NULL,
        status text NOT NULL,
        result text,
        failed_rows bigint,
        sample_failures jsonb,
        origin text,
        CONSTRAINT test_result_key UNIQUE (test_case_fqn, ts)
      )`);

    await queryRunner.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        display_name text,
        email text,
        roles text[] NOT NULL,
        is_bot boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT app_user_name_key UNIQUE (name)
      )`);
    await queryRunner.query(`
      CREATE TABLE api_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        name text NOT NULL,
        kind text NOT NULL DEFAULT 'api',
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz,
        CONSTRAINT api_token_hash_key UNIQUE (token_hash)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'api_token',
      'app_user',
      'test_result',
      'column_lineage',
      'lineage_edge',
      'audit_log',
      'change_event',
      'entity_version',
      'tag_label',
      'table_column',
      'entity',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
