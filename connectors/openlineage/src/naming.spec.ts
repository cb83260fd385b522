import { datasetFqns, datasetParts, datasetService, pipelineService } from './naming.js';

describe('OpenLineage names in the catalog', () => {
  it.each([
    ['postgres://db.example.com:5432', 'postgres_db_example_com', 'Postgres'],
    ['mysql://User@DB.Example.com:3306/x', 'mysql_db_example_com', 'Mysql'],
    ['snowflake://org-account', 'snowflake_org-account', 'Snowflake'],
    ['s3://my-bucket', 's3_my-bucket', 'S3'],
    ['file:///tmp/data', 'file', 'File'],
    ['bigquery', 'bigquery', 'BigQuery'],
    ['my-datasource-namespace', 'my-datasource-namespace', 'OpenLineage'],
    ['weird ns!', 'weird_ns', 'OpenLineage'],
    ['!!!', 'openlineage', 'OpenLineage'],
  ])('namespace %s is the service %s (%s)', (namespace, name, serviceType) => {
    expect(datasetService(namespace)).toEqual({ name, serviceType });
  });

  it.each([
    ['shop.public.orders', ['shop', 'public', 'orders']],
    ['public.orders', ['default', 'public', 'orders']],
    ['orders', ['default', 'default', 'orders']],
    ['project.dataset.table.part', ['project', 'dataset', 'table.part']],
    ['/warehouse/db/people', ['warehouse', 'db', 'people']],
    ['data/2024/05/file.parquet', ['data', '2024', '05/file.parquet']],
  ])('dataset name %s has the parts %j', (name, parts) => {
    expect(datasetParts(name)).toEqual(parts);
  });

  it('builds canonical FQNs, quoting parts with dots, and refuses an empty name', () => {
    expect(datasetFqns('postgres://h:5432', 'a.b.c.d')?.table).toBe('postgres_h.a.b."c.d"');
    expect(datasetFqns('postgres://h:5432', '..')).toBeNull();
    expect(pipelineService('my-scheduler-namespace').name).toBe('my-scheduler-namespace');
  });
});
