import { DbtSource } from '../src/index.js';
import { expectedCounts } from './expected-counts.js';
import { ofKind, validatedRecords } from './records-of.js';
import { artifactFiles, dataPath, readJson, sharedDataAvailable } from './shared-data.js';

const describeWithData = sharedDataAvailable() ? describe : describe.skip;

const MANIFESTS = [
  ...artifactFiles('jaffle_shop/manifest'),
  ...artifactFiles('dbt-core-manifests'),
];

describeWithData('every manifest in the shared dbt data', () => {
  it('finds manifests of every supported version', () => {
    const versions = new Set(MANIFESTS.map((file) => /\/(v\d+)\//.exec(file)?.[1]));
    expect([...versions].sort()).toEqual(['v10', 'v11', 'v12', 'v7', 'v8', 'v9']);
  });

  it.each(MANIFESTS)('%s maps to what the file holds', async (file) => {
    const expected = expectedCounts(readJson(file));
    const source = await DbtSource.fromConfig({ manifest: dataPath(file) });
    const records = await validatedRecords(source);

    const tables = ofKind(records, 'table');
    expect(tables.map((table) => table.fqn).sort()).toEqual(expected.tableFqns);
    const byType = (type: string) =>
      tables.filter((table) => table.attributes?.dbtResourceType === type).length;
    expect({
      models: byType('model'),
      sources: byType('source'),
      seeds: byType('seed'),
      snapshots: byType('snapshot'),
      exposures: ofKind(records, 'dashboard').length,
      tests: ofKind(records, 'test_case').length,
      lineageEdges: ofKind(records, 'lineage_edge').length,
    }).toEqual({
      models: expected.models,
      sources: expected.sources,
      seeds: expected.seeds,
      snapshots: expected.snapshots,
      exposures: expected.exposures,
      tests: expected.tests,
      lineageEdges: expected.lineageEdges,
    });
    const [pipeline] = ofKind(records, 'pipeline');
    expect(pipeline?.tasks).toHaveLength(expected.models + expected.seeds + expected.snapshots);
    expect(ofKind(records, 'lineage_edge').every((edge) => edge.source === 'dbt')).toBe(true);
    expect(source.warnings.filter((warning) => warning.includes('not in the manifest'))).toEqual(
      [],
    );
  });
});

describeWithData('concrete values of the shared manifests', () => {
  it('keeps a model description and types documented-only columns as unknown', async () => {
    const source = await DbtSource.fromConfig({
      manifest: dataPath('jaffle_shop/manifest/v7/jaffle_shop/manifest.json'),
    });
    const records = await validatedRecords(source);
    const customers = ofKind(records, 'table').find(
      (table) => table.fqn === 'dbt.database.schema.customers',
    );
    expect(customers?.description).toBe(
      "This table has basic information about a customer, as well as some derived facts based on a customer's orders",
    );
    expect(customers?.tableType).toBe('Regular');
    expect(customers?.columns.find((column) => column.name === 'customer_id')).toMatchObject({
      dataType: 'unknown',
      description: 'This is a unique identifier for a customer',
    });
  });

  it('maps the dbt-core manifest: view, source identifier, exposure, seed and snapshot', async () => {
    const source = await DbtSource.fromConfig({
      manifest: dataPath('dbt-core-manifests/v12/manifest.json'),
      serviceName: 'warehouse',
    });
    const records = await validatedRecords(source);
    const schema = 'test17291979431657508683_test_previous_version_state';
    const tables = ofKind(records, 'table');
    expect(tables.find((t) => t.fqn === `warehouse.dbt.${schema}.my_model`)).toMatchObject({
      tableType: 'View',
      description: 'Example model',
    });
    expect(tables.map((t) => t.fqn)).toContain('warehouse.dbt.my_source.my_seed');
    expect(ofKind(records, 'service').find((s) => s.fqn === 'warehouse')?.serviceType).toBe(
      'Postgres',
    );
    const [dashboard] = ofKind(records, 'dashboard');
    expect(dashboard).toMatchObject({
      fqn: 'warehouse_exposures.simple_exposure',
      owners: [{ type: 'user', name: 'something@example.com' }],
    });
    const intoDashboard = ofKind(records, 'lineage_edge').filter((e) => e.to === dashboard?.fqn);
    expect(intoDashboard.map((edge) => edge.from)).toEqual([
      'warehouse.dbt.my_source.my_seed',
      `warehouse.dbt.${schema}.my_model`,
    ]);
    const [pipeline] = ofKind(records, 'pipeline');
    expect(pipeline?.fqn).toBe('warehouse_pipelines.test');
    expect(pipeline?.tasks.find((task) => task.name === 'seed.test.my_seed')).toMatchObject({
      displayName: 'my_seed',
      downstreamTasks: ['snapshot.test.snapshot_seed'],
    });
    const notNull = ofKind(records, 'test_case').find((t) => t.testType === 'not_null');
    expect(notNull).toMatchObject({
      entity: `warehouse.dbt.${schema}.my_model.id`,
      fqn: `warehouse.dbt.${schema}.my_model.id.not_null_my_model_id`,
    });
  });

  it('reads column lineage from compiled BigQuery SQL', async () => {
    const source = await DbtSource.fromConfig({
      manifest: dataPath('jaffle_shop/manifest/v7/jaffle_shop/manifest.json'),
    });
    const edges = ofKind(await validatedRecords(source), 'lineage_edge');
    const edge = edges.find(
      (e) =>
        e.from === 'dbt.database.schema.stg_customers' && e.to === 'dbt.database.schema.customers',
    );
    expect(edge?.columns).toContainEqual({
      from: ['dbt.database.schema.stg_customers.first_name'],
      to: 'dbt.database.schema.customers.first_name',
      transformation: { type: 'DIRECT', subtype: 'IDENTITY' },
    });
  });
});
