import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DbtArtifactError, DbtSource } from '../src/index.js';
import { manifest, node } from './manifest-builder.js';
import { ofKind, validatedRecords } from './records-of.js';

async function refusal(
  config: Parameters<typeof DbtSource.fromConfig>[0],
): Promise<DbtArtifactError> {
  const error: unknown = await DbtSource.fromConfig(config).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof DbtArtifactError))
    throw new Error(`expected a DbtArtifactError, got ${String(error)}`);
  return error;
}

describe('invalid dbt artifacts', () => {
  it('refuses an unknown manifest version, naming it and the supported ones', async () => {
    const error = await refusal({ manifest: manifest([], { version: 13 }) });
    expect(error.code).toBe('DBT_ARTIFACT_UNSUPPORTED_VERSION');
    expect(error.message).toBe(
      'manifest.json: unsupported dbt manifest version v13 (https://schemas.getdbt.com/dbt/manifest/v13.json) in metadata.dbt_schema_version; supported: v7, v8, v9, v10, v11, v12',
    );
  });

  it('refuses a manifest without nodes, naming the file and the field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dbt-'));
    const file = join(dir, 'manifest.json');
    const { nodes: _nodes, ...withoutNodes } = manifest([]);
    await writeFile(file, JSON.stringify(withoutNodes));
    const error = await refusal({ manifest: file });
    expect(error.code).toBe('DBT_ARTIFACT_INVALID');
    expect(error.message).toMatch(new RegExp(`^${file}: not a valid dbt manifest: nodes: `));
  });

  it('names a bad field of a node by its unique id', async () => {
    const bad = node('model.shop.orders', { schema: 42 as unknown as string });
    const error = await refusal({ manifest: manifest([bad]) });
    expect(error.message).toContain('nodes["model.shop.orders"].schema: ');
  });

  it('refuses run results of an unknown version and unreadable files', async () => {
    const results = {
      metadata: { dbt_schema_version: 'https://x/dbt/run-results/v3.json' },
      results: [],
    };
    expect((await refusal({ manifest: manifest([]), runResults: results })).message).toContain(
      'run_results.json: unsupported dbt run results version v3',
    );
    expect((await refusal({ manifest: '/no/such/manifest.json' })).code).toBe(
      'DBT_ARTIFACT_UNREADABLE',
    );
  });
});

describe('manifests that cost part of the metadata', () => {
  it('reports a dangling reference naming both nodes and makes no edge for it', async () => {
    const orders = node('model.shop.orders', {
      depends_on: { nodes: ['model.shop.stg_orders', 'model.shop.gone'] },
    });
    const source = await DbtSource.fromConfig({
      manifest: manifest([node('model.shop.stg_orders'), orders]),
    });
    const edges = ofKind(await validatedRecords(source), 'lineage_edge');
    expect(edges.map((edge) => [edge.from, edge.to])).toEqual([
      ['dbt.analytics.public.stg_orders', 'dbt.analytics.public.orders'],
    ]);
    expect(source.warnings).toEqual([
      'model.shop.orders depends on model.shop.gone, which is not in the manifest: no lineage for this dependency',
    ]);
  });

  it('reports unparseable compiled SQL and keeps the edge without column lineage', async () => {
    const orders = node('model.shop.orders', {
      depends_on: { nodes: ['model.shop.stg_orders'] },
      compiled_code: 'select id fro "analytics"."public"."stg_orders" where',
    });
    const source = await DbtSource.fromConfig({
      manifest: manifest([node('model.shop.stg_orders'), orders]),
    });
    const [edge] = ofKind(await validatedRecords(source), 'lineage_edge');
    expect(edge?.columns).toBeUndefined();
    expect(edge?.sql).toContain('fro');
    expect(source.warnings).toHaveLength(1);
    expect(source.warnings[0]).toMatch(
      /^model\.shop\.orders: column lineage from its compiled SQL is incomplete: syntax error/,
    );
  });
});
