import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { RunReport } from '../src/report/run-report.js';
import { runReportEvents, type RunEvent } from '../src/openlineage/run-events.js';

const SCHEMA_DIR = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'shared',
  'data',
  'openlineage',
  'schema',
);
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

function loadAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, 'OpenLineage.json'), 'utf8')) as object);
  for (const file of readdirSync(join(SCHEMA_DIR, 'facets'))) {
    ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, 'facets', file), 'utf8')) as object);
  }
  return ajv;
}

const startedAt = '2026-11-21T10:00:00.000Z';
const report: RunReport = {
  runId: '5c1b6f4e-7a0e-4d2b-9a55-0d5b7c1f3e21',
  mode: 'batch',
  startedAt,
  finishedAt: '2026-11-21T10:00:05.000Z',
  status: 'partial',
  warehouse: { database: 'shop', host: '127.0.0.1:5432' },
  files: [],
  sources: [
    {
      name: 'raw.events',
      description: 'Raw events',
      columns: [
        {
          name: 'price',
          dataType: 'numeric(12,2)',
          ordinal: 1,
          nullable: true,
          description: 'Unit price',
        },
        { name: 'product_id', dataType: 'bigint', ordinal: 2, nullable: true },
      ],
    },
  ],
  models: [
    {
      name: 'sales_per_product',
      schema: 'marts',
      materialized: 'incremental',
      description: 'Sales per product per minute',
      owners: ['analytics'],
      tags: [],
      dependsOn: ['raw.events'],
      compiledSql: 'select product_id, sum(price) as revenue from raw.events group by product_id',
      status: 'success',
      columns: [
        { name: 'product_id', dataType: 'bigint', ordinal: 1, nullable: true },
        { name: 'revenue', dataType: 'numeric', ordinal: 2, nullable: true },
      ],
      lineage: {
        inputs: ['raw.events'],
        columns: {
          product_id: [
            { table: 'raw.events', column: 'product_id', type: 'DIRECT', subtype: 'IDENTITY' },
          ],
          revenue: [
            { table: 'raw.events', column: 'price', type: 'DIRECT', subtype: 'AGGREGATION' },
            { table: 'raw.events', column: 'product_id', type: 'INDIRECT', subtype: 'GROUP_BY' },
          ],
        },
      },
      startedAt,
      durationMs: 1200,
    },
    {
      name: 'broken',
      schema: 'marts',
      materialized: 'table',
      description: 'A model whose SQL fails',
      owners: [],
      tags: [],
      dependsOn: ['raw.events'],
      compiledSql: 'select nope from raw.events',
      status: 'error',
      error: 'column "nope" does not exist',
      columns: [],
      durationMs: 10,
    },
  ],
  quality: [
    {
      id: 'sales_per_product.revenue.not_null',
      relation: 'marts.sales_per_product',
      column: 'revenue',
      check: 'not_null',
      parameters: {},
      status: 'pass',
      failingRows: 0,
      sampleFailures: [],
      sql: 'select count(*) from marts.sales_per_product where revenue is null',
      executedAt: '2026-11-21T10:00:02.000Z',
    },
  ],
  timings: { loadMs: 0, transformMs: 1210, qualityMs: 5, totalMs: 1300 },
  errors: [],
};

function facetsOf(event: RunEvent): { path: string; facet: { _schemaURL: string } }[] {
  const found: { path: string; facet: { _schemaURL: string } }[] = [];
  const visit = (value: unknown, path: string) => {
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}[${i}]`));
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record['_schemaURL'] === 'string')
        found.push({ path, facet: record as { _schemaURL: string } });
      for (const [key, child] of Object.entries(record)) visit(child, `${path}.${key}`);
    }
  };
  visit(event, 'event');
  return found;
}

describe('OpenLineage events emitted for a run (validated against the official JSON schemas)', () => {
  if (!existsSync(SCHEMA_DIR)) {
    if (process.env['CI'] === 'true')
      throw new Error(`OpenLineage schemas missing under CI: ${SCHEMA_DIR}`);
    it('is skipped: the shared OpenLineage schemas are absent', () => {
      console.warn(`skipped: ${SCHEMA_DIR} is absent`);
    });
    return;
  }
  const ajv = loadAjv();
  const events = runReportEvents(report, {
    jobNamespace: 'shop_pipeline',
    datasetNamespace: 'postgres://127.0.0.1:5432',
    database: 'shop',
    parentJobName: 'ecommerce',
  });

  it('emits START then COMPLETE for a model, START then FAIL for a failed one, and a quality run', () => {
    expect(events.map((e) => `${(e['job'] as { name: string }).name}:${e.eventType}`)).toEqual([
      'ecommerce.sales_per_product:START',
      'ecommerce.sales_per_product:COMPLETE',
      'ecommerce.broken:START',
      'ecommerce.broken:FAIL',
      'ecommerce.marts.sales_per_product.quality:START',
      'ecommerce.marts.sales_per_product.quality:COMPLETE',
    ]);
  });

  it('produces events valid against the core RunEvent schema', () => {
    const validate = ajv.getSchema(
      'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    )!;
    for (const event of events) {
      const valid = validate(event);
      expect({ event: event.eventType, errors: validate.errors ?? null }).toEqual({
        event: event.eventType,
        errors: null,
      });
      expect(valid).toBe(true);
    }
  });

  it('produces schema, columnLineage, sql and dataQualityAssertions facets valid against their own schemas', () => {
    const kinds = new Set<string>();
    for (const event of events) {
      for (const { path, facet } of facetsOf(event)) {
        const validate = ajv.getSchema(facet._schemaURL);
        expect({ path, known: validate !== undefined }).toEqual({ path, known: true });
        const valid = validate!(facet);
        expect({ path, errors: validate!.errors ?? null }).toEqual({ path, errors: null });
        expect(valid).toBe(true);
        kinds.add(facet._schemaURL.split('#')[0].split('/').pop()!);
      }
    }
    expect([...kinds].sort()).toEqual([
      'ColumnLineageDatasetFacet.json',
      'DataQualityAssertionsDatasetFacet.json',
      'ErrorMessageRunFacet.json',
      'ParentRunFacet.json',
      'SQLJobFacet.json',
      'SchemaDatasetFacet.json',
    ]);
  });

  it('maps column lineage with DIRECT and INDIRECT transformations', () => {
    const complete = events[1];
    const outputs = complete['outputs'] as {
      facets: { columnLineage: { fields: Record<string, { inputFields: unknown[] }> } };
    }[];
    expect(outputs[0].facets.columnLineage.fields['revenue'].inputFields).toEqual([
      {
        namespace: 'postgres://127.0.0.1:5432',
        name: 'shop.raw.events',
        field: 'price',
        transformations: [{ type: 'DIRECT', subtype: 'AGGREGATION' }],
      },
      {
        namespace: 'postgres://127.0.0.1:5432',
        name: 'shop.raw.events',
        field: 'product_id',
        transformations: [{ type: 'INDIRECT', subtype: 'GROUP_BY' }],
      },
    ]);
  });

  it('rejects an event missing required fields (the validator is not vacuous)', () => {
    const validate = ajv.getSchema(
      'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    )!;
    const { producer: _producer, ...withoutProducer } = events[0];
    expect(validate(withoutProducer)).toBe(false);
  });
});
