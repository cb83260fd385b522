import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProject, runProject } from '../src/transform/index.js';
import { createWarehouse, writeProject, type TestWarehouse } from './transform-support.js';

const model = (name: string, materialized: string, columns: string[], extra = ''): string => `
  - name: ${name}
    description: The ${name} model.
    materialized: ${materialized}
    owners: [analytics]
${extra}    columns:
${columns.map((column) => `      - name: ${column}\n        description: Column ${column}.`).join('\n')}`;

const MODELS_YML = `models:${[
  model('base', 'view', ['id', 'amount']),
  model('broken', 'table', ['id']),
  model('after_broken', 'table', ['id']),
  model('deeper', 'view', ['id']),
  model(
    'sibling',
    'table',
    ['id', 'doubled'],
    `    checks:\n      - custom_sql: { sql: "SELECT * FROM {{ ref('broken') }}" }\n`,
  ),
].join('')}\n`;

const FILES = {
  'staging/_models.yml': MODELS_YML,
  'staging/base.sql': `SELECT id, amount FROM {{ source('raw', 'items') }}`,
  'staging/broken.sql': `SELECT no_such_column AS id FROM {{ ref('base') }}`,
  'staging/after_broken.sql': `SELECT id FROM {{ ref('broken') }}`,
  'staging/deeper.sql': `SELECT id FROM {{ ref('after_broken') }}`,
  'staging/sibling.sql': `SELECT id, amount * 2 AS doubled FROM {{ ref('base') }}`,
};

let warehouse: TestWarehouse;
let folder: { dir: string; remove(): void };

beforeAll(async () => {
  warehouse = await createWarehouse();
  await warehouse.pool.query(`
    CREATE SCHEMA raw;
    CREATE TABLE raw.items (id integer, amount numeric(12,2));
    INSERT INTO raw.items VALUES (1, 10), (2, 20), (3, 30);`);
  folder = writeProject(FILES);
});
afterAll(async () => {
  folder.remove();
  await warehouse.drop();
});

async function relationNames(): Promise<string[]> {
  const result = await warehouse.pool.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class WHERE relnamespace = 'staging'::regnamespace AND relkind IN ('r', 'v') ORDER BY 1`,
  );
  return result.rows.map((row) => row.name);
}

describe('a model whose SQL fails', () => {
  it('is an error with the database message; its descendants are skipped; other branches run', async () => {
    const result = await runProject(warehouse.pool, await loadProject({ modelsDir: folder.dir }));
    expect(result.models.map((report) => [report.name, report.status, report.error])).toEqual([
      ['base', 'success', undefined],
      ['broken', 'error', 'column "no_such_column" does not exist'],
      ['after_broken', 'skipped', 'upstream model broken failed'],
      ['deeper', 'skipped', 'upstream model broken failed'],
      ['sibling', 'success', undefined],
    ]);
    expect(result.models[1]?.compiledSql).toBe('SELECT no_such_column AS id FROM staging.base');
    expect(result.models[3]?.compiledSql).toBe('SELECT id FROM staging.after_broken');
    expect(result.models[4]?.rowCount).toBe(3);
    // The schema was created, and no half-built table is left behind.
    expect(await relationNames()).toEqual(['base', 'sibling']);
    // A check that reads the failed model is an error, never a pass.
    expect(result.quality).toMatchObject([
      {
        id: 'sibling.custom_sql',
        status: 'error',
        message: 'model broken did not build',
        failingRows: 0,
      },
    ]);
  });
});

describe('materialisations', () => {
  it('recreates a view whose columns changed and swaps tables in place', async () => {
    writeFileSync(
      join(folder.dir, 'staging', 'broken.sql'),
      `SELECT id FROM {{ ref('base') }} WHERE id > 1`,
    );
    const project = await loadProject({ modelsDir: folder.dir });
    expect(
      (await runProject(warehouse.pool, project)).models.every(
        (report) => report.status === 'success',
      ),
    ).toBe(true);
    expect(await relationNames()).toEqual(['after_broken', 'base', 'broken', 'deeper', 'sibling']);

    // Retyping a column is something CREATE OR REPLACE VIEW refuses.
    writeFileSync(
      join(folder.dir, 'staging', 'base.sql'),
      `SELECT id, amount::text AS amount FROM {{ source('raw', 'items') }}`,
    );
    writeFileSync(
      join(folder.dir, 'staging', 'sibling.sql'),
      `SELECT id, amount || '!' AS doubled FROM {{ ref('base') }}`,
    );
    const changed = await runProject(warehouse.pool, await loadProject({ modelsDir: folder.dir }));
    expect(changed.models.map((report) => report.status)).toEqual([
      'success',
      'success',
      'success',
      'success',
      'success',
    ]);
    expect(
      changed.models[0]?.columns.map((column) => [
        column.name,
        column.dataType,
        column.description,
      ]),
    ).toEqual([
      ['id', 'integer', 'Column id.'],
      ['amount', 'text', 'Column amount.'],
    ]);
    expect(changed.models[4]?.columns[1]?.dataType).toBe('text');
    const comment = await warehouse.pool.query<{ text: string }>(
      `SELECT obj_description('staging.base'::regclass, 'pg_class') AS text`,
    );
    expect(comment.rows[0]?.text).toBe('The base model.');
  });

  it('turns a table into a view and back when the materialisation changes', async () => {
    const yml = MODELS_YML.replace(
      'materialized: table\n    owners: [analytics]\n    columns:\n      - name: id\n        description: Column id.\n  - name: after_broken',
      'materialized: view\n    owners: [analytics]\n    columns:\n      - name: id\n        description: Column id.\n  - name: after_broken',
    );
    expect(yml).not.toBe(MODELS_YML);
    writeFileSync(join(folder.dir, 'staging', '_models.yml'), yml);
    const asView = await runProject(warehouse.pool, await loadProject({ modelsDir: folder.dir }), {
      select: ['broken'],
    });
    expect(
      asView.models.map((report) => [report.name, report.materialized, report.status]),
    ).toEqual([
      ['broken', 'view', 'success'],
      ['after_broken', 'table', 'success'],
      ['deeper', 'view', 'success'],
    ]);
    const kind = async (): Promise<string | undefined> =>
      (
        await warehouse.pool.query<{ relkind: string }>(
          `SELECT relkind FROM pg_class WHERE oid = 'staging.broken'::regclass`,
        )
      ).rows[0]?.relkind;
    expect(await kind()).toBe('v');
    writeFileSync(join(folder.dir, 'staging', '_models.yml'), MODELS_YML);
    await runProject(warehouse.pool, await loadProject({ modelsDir: folder.dir }), {
      select: ['broken'],
    });
    expect(await kind()).toBe('r');
  });
});
