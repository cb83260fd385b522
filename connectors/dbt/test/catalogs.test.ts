import { buildFqn } from '@almanac/sdk';
import { DbtSource } from '../src/index.js';
import { ofKind, validatedRecords } from './records-of.js';
import { artifactFiles, dataPath, readJson, sharedDataAvailable } from './shared-data.js';

const describeWithData = sharedDataAvailable() ? describe : describe.skip;

/** The manifest each catalog was generated with (same unique ids, databases and schemas). */
const MANIFEST_OF: Readonly<Record<string, string>> = {
  'jaffle_shop/catalog/v1/jaffle_shop/catalog.json':
    'jaffle_shop/manifest/v11/jaffle_shop/manifest.json',
  'jaffle_shop/catalog/v1/jaffle_shop/catalog_1.12.json':
    'jaffle_shop/manifest/v12/jaffle_shop/manifest_1.10.json',
};

interface RawCatalog {
  nodes: Record<string, { columns: Record<string, { name: string; type: string }> }>;
  sources: Record<string, { columns: Record<string, { name: string; type: string }> }>;
}

interface RawTableNode {
  database: string;
  schema: string;
  alias?: string;
  identifier?: string;
  name: string;
  resource_type: string;
}

/** Expected `table FQN -> column -> type` for every catalog entry the manifest also has. */
function expectedTypes(
  catalogFile: string,
  manifestFile: string,
): Map<string, Map<string, string>> {
  const catalog = readJson(catalogFile) as RawCatalog;
  const manifest = readJson(manifestFile) as {
    nodes: Record<string, RawTableNode>;
    sources: Record<string, RawTableNode>;
  };
  const expected = new Map<string, Map<string, string>>();
  for (const [id, entry] of [
    ...Object.entries(catalog.nodes),
    ...Object.entries(catalog.sources),
  ]) {
    const node = manifest.nodes[id] ?? manifest.sources[id];
    if (!node) continue;
    const relation = node.resource_type === 'source' ? node.identifier : node.alias;
    const fqn = buildFqn(['dbt', node.database, node.schema, relation ?? node.name]);
    expected.set(fqn, new Map(Object.values(entry.columns).map((c) => [c.name, c.type])));
  }
  return expected;
}

describeWithData('every catalog in the shared dbt data', () => {
  const catalogs = artifactFiles('jaffle_shop/catalog');

  it('knows the manifest of every catalog', () => {
    expect(catalogs.filter((file) => !MANIFEST_OF[file])).toEqual([]);
  });

  it.each(catalogs)('%s types the columns of its tables', async (file) => {
    const manifest = MANIFEST_OF[file] ?? '';
    const expected = expectedTypes(file, manifest);
    expect(expected.size).toBeGreaterThan(0);
    const source = await DbtSource.fromConfig({
      manifest: dataPath(manifest),
      catalog: dataPath(file),
    });
    const tables = ofKind(await validatedRecords(source), 'table');
    for (const [fqn, types] of expected) {
      const table = tables.find((t) => t.fqn === fqn);
      const actual = new Map(table?.columns.map((c) => [c.name, c.dataType]));
      for (const [column, type] of types)
        expect([fqn, column, actual.get(column)]).toEqual([fqn, column, type]);
    }
  });

  it('takes FLOAT64 for customers.customer_lifetime_value from catalog.json', async () => {
    const source = await DbtSource.fromConfig({
      manifest: dataPath('jaffle_shop/manifest/v11/jaffle_shop/manifest.json'),
      catalog: dataPath('jaffle_shop/catalog/v1/jaffle_shop/catalog.json'),
    });
    const customers = ofKind(await validatedRecords(source), 'table').find(
      (t) => t.fqn === 'dbt.your-project.jaffle_shop.customers',
    );
    expect(customers?.columns.find((c) => c.name === 'customer_lifetime_value')).toMatchObject({
      dataType: 'FLOAT64',
      ordinal: 7,
    });
  });
});
