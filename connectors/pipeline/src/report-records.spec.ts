import { validateRecord, type MetadataRecord } from '@almanac/sdk';
import type { RunReport } from '@almanac/pipeline';
import { recordsFromRunReport } from './report-records.js';
import { PipelineRunSource } from './pipeline-run.source.js';

const column = (name: string, dataType: string, ordinal: number) => ({
  name,
  dataType,
  ordinal,
  nullable: true,
  description: `${name} column`,
});

const report: RunReport = {
  runId: 'run-1',
  mode: 'batch',
  startedAt: '2026-11-21T10:00:00.000Z',
  finishedAt: '2026-11-21T10:00:05.000Z',
  status: 'success',
  warehouse: { database: 'shop', host: '127.0.0.1:5432' },
  files: [],
  sources: [
    {
      name: 'raw.events',
      description: 'Raw events',
      columns: [column('price', 'numeric(12,2)', 1), column('product_id', 'bigint', 2)],
      rowCount: 10,
    },
  ],
  models: [
    {
      name: 'stg_events',
      schema: 'staging',
      materialized: 'view',
      description: 'Clean events',
      owners: ['analytics'],
      tags: ['core'],
      dependsOn: ['raw.events'],
      compiledSql: 'select price, product_id from raw.events where price >= 0',
      status: 'success',
      columns: [column('price', 'numeric', 1), column('product_id', 'bigint', 2)],
      lineage: {
        inputs: ['raw.events'],
        columns: {
          price: [
            { table: 'raw.events', column: 'price', type: 'DIRECT', subtype: 'IDENTITY' },
            { table: 'raw.events', column: 'price', type: 'INDIRECT', subtype: 'FILTER' },
          ],
          product_id: [
            { table: 'raw.events', column: 'product_id', type: 'DIRECT', subtype: 'IDENTITY' },
          ],
        },
      },
      durationMs: 5,
    },
    {
      name: 'sales',
      schema: 'marts',
      materialized: 'table',
      description: 'Sales',
      owners: ['dana'],
      tags: [],
      dependsOn: ['staging.stg_events'],
      compiledSql: 'select product_id, sum(price) as revenue from staging.stg_events group by 1',
      status: 'success',
      columns: [column('product_id', 'bigint', 1), column('revenue', 'numeric', 2)],
      rowCount: 3,
      durationMs: 7,
    },
  ],
  quality: [
    {
      id: 'sales.revenue.not_null',
      relation: 'marts.sales',
      column: 'revenue',
      check: 'not_null',
      parameters: {},
      status: 'fail',
      failingRows: 2,
      sampleFailures: [{ product_id: 7 }],
      sql: 'select * from marts.sales where revenue is null',
      executedAt: '2026-11-21T10:00:04.000Z',
    },
  ],
  timings: { loadMs: 1, transformMs: 12, qualityMs: 2, totalMs: 20 },
  errors: [],
};

function parsed(records: unknown[]): MetadataRecord[] {
  return records.map((record) => {
    const result = validateRecord(record);
    if (!result.ok) throw new Error(`invalid record ${JSON.stringify(record)}: ${result.reason}`);
    return result.record;
  });
}

describe('recordsFromRunReport', () => {
  const records = parsed(
    recordsFromRunReport(report, {
      serviceName: 'shop_warehouse',
      pipelineServiceName: 'shop_pipeline',
      pipelineName: 'ecommerce',
      ownerTypes: { dana: 'user' },
    }),
  );
  const ofKind = <K extends MetadataRecord['kind']>(kind: K) =>
    records.filter((r): r is Extract<MetadataRecord, { kind: K }> => r.kind === kind);

  it('produces only records valid under the metadata contract, parents before children', () => {
    const kinds = records.map((r) => r.kind);
    expect(kinds.indexOf('service')).toBeLessThan(kinds.indexOf('database'));
    expect(kinds.indexOf('database')).toBeLessThan(kinds.indexOf('schema'));
    expect(kinds.indexOf('schema')).toBeLessThan(kinds.indexOf('table'));
  });

  it('describes sources and models as tables with typed, described columns', () => {
    expect(ofKind('table').map((t) => [t.fqn, t.tableType])).toEqual([
      ['shop_warehouse.shop.raw.events', 'Regular'],
      ['shop_warehouse.shop.staging.stg_events', 'View'],
      ['shop_warehouse.shop.marts.sales', 'Regular'],
    ]);
    const sales = ofKind('table')[2];
    expect(sales.columns[1]).toMatchObject({
      name: 'revenue',
      dataType: 'numeric',
      description: 'revenue column',
    });
    expect(sales.owners).toEqual([{ type: 'user', name: 'dana' }]);
    expect(ofKind('team').map((t) => t.fqn)).toEqual(['analytics']);
    expect(ofKind('user').map((t) => t.fqn)).toEqual(['dana']);
  });

  it('makes a pipeline with one task per model and their order', () => {
    const [pipeline] = ofKind('pipeline');
    expect(pipeline?.fqn).toBe('shop_pipeline.ecommerce');
    expect(pipeline?.tasks.map((t) => [t.name, t.downstreamTasks])).toEqual([
      ['stg_events', ['sales']],
      ['sales', []],
    ]);
  });

  it('turns lineage into table edges with column mappings grouped by transformation', () => {
    const edges = ofKind('lineage_edge');
    expect(edges.map((e) => `${e.from} -> ${e.to}`)).toEqual([
      'shop_warehouse.shop.raw.events -> shop_warehouse.shop.staging.stg_events',
      'shop_warehouse.shop.staging.stg_events -> shop_warehouse.shop.marts.sales',
    ]);
    expect(edges[0]?.columns).toEqual([
      {
        from: ['shop_warehouse.shop.raw.events.price'],
        to: 'shop_warehouse.shop.staging.stg_events.price',
        transformation: { type: 'DIRECT', subtype: 'IDENTITY' },
      },
      {
        from: ['shop_warehouse.shop.raw.events.price'],
        to: 'shop_warehouse.shop.staging.stg_events.price',
        transformation: { type: 'INDIRECT', subtype: 'FILTER' },
      },
      {
        from: ['shop_warehouse.shop.raw.events.product_id'],
        to: 'shop_warehouse.shop.staging.stg_events.product_id',
        transformation: { type: 'DIRECT', subtype: 'IDENTITY' },
      },
    ]);
    expect(edges[1]?.pipeline).toBe('shop_pipeline.ecommerce');
  });

  it('turns quality results into test cases and results', () => {
    expect(ofKind('test_case').map((t) => [t.fqn, t.entity, t.testType])).toEqual([
      [
        'shop_warehouse.shop.marts.sales.revenue.not_null',
        'shop_warehouse.shop.marts.sales.revenue',
        'not_null',
      ],
    ]);
    expect(ofKind('test_result')[0]).toMatchObject({
      status: 'failed',
      failedRows: 2,
      sampleFailures: [{ product_id: 7 }],
    });
  });

  it('leaves failed models out and makes the run a delta, so nothing is soft-deleted for them', async () => {
    const failing: RunReport = {
      ...report,
      status: 'partial',
      models: [
        report.models[0],
        { ...report.models[1], status: 'error', error: 'boom', columns: [] },
      ],
    };
    const source = await PipelineRunSource.fromConfig({ report: failing });
    expect(source.mode).toBe('delta');
    const tables: string[] = [];
    for await (const record of source.records())
      if (record.kind === 'table') tables.push(record.fqn);
    expect(tables).not.toContain('shop_warehouse.shop.marts.sales');
  });

  it('makes a successful micro-batch a delta, since it builds only some models', async () => {
    const micro = await PipelineRunSource.fromConfig({
      report: { ...report, mode: 'micro-batch', models: [report.models[0]] },
    });
    expect(micro.mode).toBe('delta');
    expect((await PipelineRunSource.fromConfig({ report })).mode).toBe('full');
  });

  it('refuses a report that is not a run report, naming the field', async () => {
    await expect(
      PipelineRunSource.fromConfig({
        report: { ...report, models: 'nope' } as unknown as RunReport,
      }),
    ).rejects.toThrow(/models/);
  });
});
