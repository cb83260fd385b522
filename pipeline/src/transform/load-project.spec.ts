import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TransformError } from './errors.js';
import { loadProject } from './load-project.js';

const MODELS_YML = `
models:
  - name: base
    description: Base rows.
    materialized: view
    owners: [analytics]
    columns:
      - name: id
        description: Key.
        checks: [not_null, unique]
  - name: totals
    description: Totals.
    materialized: incremental
    unique_key: id
    watermark: id
    owners: [dana]
    tags: [finance]
    checks:
      - row_count: { min: 1 }
    columns:
      - name: id
        description: Key.
        checks:
          - relationships: { to: base, field: id }
`;

let dir: string;
function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}
const valid = (): void =>
  write({
    'staging/_models.yml': MODELS_YML,
    'staging/base.sql': `SELECT id FROM {{ source('raw', 'items') }}`,
    'staging/totals.sql': `SELECT id FROM {{ ref('base') }} WHERE {{ incremental_filter('id') }};`,
  });

async function loadError(): Promise<TransformError> {
  try {
    await loadProject({ modelsDir: dir });
  } catch (error) {
    expect(error).toBeInstanceOf(TransformError);
    return error as TransformError;
  }
  throw new Error('expected the project to be rejected');
}

describe('loadProject', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'almanac-load-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads models, config and dependencies; the folder is the schema', async () => {
    valid();
    const project = await loadProject({ modelsDir: dir });
    expect(project.dag.order).toEqual(['base', 'totals']);
    const totals = project.models.get('totals');
    expect(totals).toMatchObject({
      relation: 'staging.totals',
      materialized: 'incremental',
      uniqueKey: ['id'],
      incrementalStrategy: 'merge',
      indexes: [],
      microBatch: true,
      watermark: 'id',
      owners: ['dana'],
      tags: ['finance'],
      refs: ['base'],
      checks: [{ kind: 'row_count', min: 1 }],
    });
    expect(totals?.columns[0]?.checks).toEqual([
      { kind: 'relationships', to: 'base', field: 'id' },
    ]);
    expect(project.models.get('base')?.sources).toEqual(['raw.items']);
    expect(project.sourcesDeclared).toBe(false);
  });

  it('names the file and the field of an invalid config', async () => {
    valid();
    write({
      'staging/_models.yml': MODELS_YML.replace('materialized: view', 'materialized: ephemeral'),
    });
    const error = await loadError();
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain(join(dir, 'staging', '_models.yml'));
    expect(error.message).toContain('models[0] (base).materialized');
  });

  it.each([
    [
      'a missing column description',
      MODELS_YML.replace('description: Base rows.', 'description: ""'),
      'models[0] (base).description',
    ],
    [
      'an incremental model without unique_key',
      MODELS_YML.replace('    unique_key: id\n', ''),
      'unique_key: incremental models need a unique_key',
    ],
    [
      'an unknown check',
      MODELS_YML.replace('[not_null, unique]', '[not_empty]'),
      'models[0] (base).columns[0] (id).checks[0]',
    ],
    [
      'a check in the wrong place',
      MODELS_YML.replace('row_count: { min: 1 }', 'not_null'),
      'totals: not_null belongs under a column',
    ],
    [
      'an unknown relationships target',
      MODELS_YML.replace('to: base', 'to: nowhere'),
      'points to unknown model nowhere',
    ],
    [
      'a key that is not a column',
      MODELS_YML.replace('unique_key: id', 'unique_key: [id, day]'),
      'column day is not declared',
    ],
    [
      'an incremental strategy on a model that is not incremental',
      MODELS_YML.replace(
        'materialized: view',
        'materialized: table\n    incremental_strategy: merge',
      ),
      'incremental_strategy only apply to incremental models',
    ],
    [
      'an unknown incremental strategy',
      MODELS_YML.replace('watermark: id', 'watermark: id\n    incremental_strategy: append'),
      'models[1] (totals).incremental_strategy',
    ],
    [
      'an index on a view',
      MODELS_YML.replace(
        'materialized: view',
        'materialized: view\n    indexes: [{ columns: [id] }]',
      ),
      'views cannot have indexes',
    ],
    [
      'an index on a column that is not declared',
      MODELS_YML.replace('watermark: id', 'watermark: id\n    indexes: [{ columns: [day] }]'),
      'column day is not declared',
    ],
  ])('rejects %s', async (_, yml, message) => {
    valid();
    write({ 'staging/_models.yml': yml });
    expect((await loadError()).message).toContain(message);
  });

  it('rejects a model file without a config entry', async () => {
    valid();
    write({ 'staging/orphan.sql': 'SELECT 1' });
    const error = await loadError();
    expect(error.code).toBe('MODEL_WITHOUT_CONFIG');
    expect(error.message).toContain('orphan.sql has no entry in');
  });

  it('rejects a config entry without a model file', async () => {
    valid();
    rmSync(join(dir, 'staging', 'totals.sql'));
    const error = await loadError();
    expect(error.code).toBe('CONFIG_WITHOUT_MODEL');
    expect(error.message).toContain('declares model totals but');
  });

  it('rejects incremental templating in a model that is not incremental', async () => {
    valid();
    write({ 'staging/base.sql': `SELECT 1 AS id {% if is_incremental %}WHERE FALSE{% endif %}` });
    expect((await loadError()).message).toContain('uses incremental templating but base is view');
  });

  it('rejects reading a source that _sources.yml does not declare', async () => {
    valid();
    write({
      '_sources.yml': `sources:\n  - name: raw\n    description: Raw.\n    tables:\n      - name: other\n        description: Other.\n`,
    });
    const error = await loadError();
    expect(error.code).toBe('UNKNOWN_SOURCE');
    expect(error.message).toContain('model base reads source raw.items');
  });

  it('rejects a ref to an unknown model, naming both', async () => {
    valid();
    write({ 'staging/totals.sql': `SELECT id FROM {{ ref('bsae') }}` });
    const error = await loadError();
    expect(error.code).toBe('UNKNOWN_REF');
    expect(error.message).toBe('model "totals" refers to unknown model "bsae"');
  });

  it('rejects a cycle between models', async () => {
    valid();
    write({ 'staging/base.sql': `SELECT id FROM {{ ref('totals') }}` });
    const error = await loadError();
    expect(error.code).toBe('DAG_CYCLE');
    expect(error.message).toContain('base -> totals -> base');
  });

  it('loads the shipped models project', async () => {
    const project = await loadProject();
    expect([...project.models.keys()].sort()).toEqual([
      'cart_abandonment',
      'conversion_rate_daily',
      'customer_lifetime_value',
      'customer_segments',
      'inventory_turnover',
      'order_items',
      'orders',
      'product_affinity',
      'product_demand_trend',
      'retargeting_list',
      'sales_per_product_minute',
      'sessions',
      'stg_customers',
      'stg_events',
      'stg_inventory',
      'stg_products',
      'valid_orders',
    ]);
    expect([...project.sources.keys()]).toEqual([
      'raw.events',
      'raw.customers',
      'raw.products',
      'raw.inventory',
    ]);
  });
});
