import { buildFqn, parseFqn, type JsonValue, type MetadataRecordInput } from '@almanac/sdk';
import type { ModelReport, QualityResult, ReportColumn, RunReport } from '@almanac/pipeline';

type Record_ = MetadataRecordInput;
type TableInput = Extract<Record_, { kind: 'table' }>;
type EdgeInput = Extract<Record_, { kind: 'lineage_edge' }>;

export interface PipelineConnectorConfig {
  /** Catalog service of the warehouse tables. */
  serviceName: string;
  /** Catalog service of the pipeline itself. */
  pipelineServiceName: string;
  pipelineName: string;
  /** Whether an owner name is a user or a team; names not listed are teams. */
  ownerTypes: Readonly<Record<string, 'user' | 'team'>>;
}

export const DEFAULT_PIPELINE_CONFIG: PipelineConnectorConfig = {
  serviceName: 'shop_warehouse',
  pipelineServiceName: 'shop_pipeline',
  pipelineName: 'ecommerce',
  ownerTypes: {},
};

/** Report values come from JSON already; this re-reads them as the contract's JSON type. */
function asJson<T extends object>(
  value: T,
): T extends unknown[] ? JsonValue[] : Record<string, JsonValue> {
  return JSON.parse(JSON.stringify(value)) as T extends unknown[]
    ? JsonValue[]
    : Record<string, JsonValue>;
}

const TEST_STATUS = { pass: 'success', fail: 'failed', error: 'errored' } as const;

class FqnSpace {
  constructor(
    private readonly config: PipelineConnectorConfig,
    private readonly database: string,
  ) {}

  get service(): string {
    return buildFqn([this.config.serviceName]);
  }
  get databaseFqn(): string {
    return buildFqn([this.config.serviceName, this.database]);
  }
  schema(name: string): string {
    return buildFqn([this.config.serviceName, this.database, name]);
  }
  /** `relation` is schema.table as the warehouse names it. */
  table(relation: string): string {
    const [schema, ...rest] = relation.split('.');
    return buildFqn([this.config.serviceName, this.database, schema, rest.join('.')]);
  }
  column(relation: string, column: string): string {
    return buildFqn([...parseFqn(this.table(relation)), column]);
  }
  get pipeline(): string {
    return buildFqn([this.config.pipelineServiceName, this.config.pipelineName]);
  }
}

function columnsOf(columns: readonly ReportColumn[]): TableInput['columns'] {
  return columns.map((c) => ({
    name: c.name,
    dataType: c.dataType,
    ordinal: c.ordinal,
    nullable: c.nullable,
    ...(c.description ? { description: c.description } : {}),
  }));
}

function owners(names: readonly string[], config: PipelineConnectorConfig) {
  return names.map((name) => ({ type: config.ownerTypes[name] ?? ('team' as const), name }));
}

function modelTable(
  model: ModelReport,
  fqn: FqnSpace,
  config: PipelineConnectorConfig,
): TableInput {
  return {
    kind: 'table',
    fqn: fqn.table(`${model.schema}.${model.name}`),
    tableType: model.materialized === 'view' ? 'View' : 'Regular',
    description: model.description,
    columns: columnsOf(model.columns),
    ...(model.materialized === 'view' ? { viewDefinition: model.compiledSql } : {}),
    ...(model.rowCount !== undefined ? { rowCount: model.rowCount } : {}),
    ...(model.owners.length > 0 ? { owners: owners(model.owners, config) } : {}),
    attributes: { materialized: model.materialized, modelTags: model.tags, pipeline: fqn.pipeline },
  };
}

/** Table and column lineage of a model, one edge per input relation. */
function lineageEdges(model: ModelReport, fqn: FqnSpace): EdgeInput[] {
  const target = `${model.schema}.${model.name}`;
  const inputs = model.lineage && !model.lineage.error ? model.lineage.inputs : model.dependsOn;
  return [...new Set([...inputs, ...model.dependsOn])].map((input) => {
    const mappings = new Map<
      string,
      {
        from: string[];
        to: string;
        transformation: { type: 'DIRECT' | 'INDIRECT'; subtype?: string };
      }
    >();
    for (const [column, origins] of Object.entries(model.lineage?.columns ?? {})) {
      for (const origin of origins.filter((o) => o.table === input)) {
        const key = `${column}|${origin.type}|${origin.subtype ?? ''}`;
        const mapping = mappings.get(key) ?? {
          from: [],
          to: fqn.column(target, column),
          transformation: {
            type: origin.type,
            ...(origin.subtype ? { subtype: origin.subtype } : {}),
          },
        };
        mapping.from.push(fqn.column(input, origin.column));
        mappings.set(key, mapping);
      }
    }
    return {
      kind: 'lineage_edge',
      from: fqn.table(input),
      to: fqn.table(target),
      source: 'pipeline',
      pipeline: fqn.pipeline,
      sql: model.compiledSql,
      ...(mappings.size > 0 ? { columns: [...mappings.values()] } : {}),
    };
  });
}

/** Check ids end with the check's own name (model.column.check), unique per tested entity. */
function testName(result: QualityResult): string {
  return result.id.split('.').pop() ?? result.check;
}

function qualityRecords(results: readonly QualityResult[], fqn: FqnSpace): Record_[] {
  return results.flatMap((result): Record_[] => {
    const entity = result.column
      ? fqn.column(result.relation, result.column)
      : fqn.table(result.relation);
    const testCase = buildFqn([...parseFqn(entity), testName(result)]);
    return [
      {
        kind: 'test_case',
        fqn: testCase,
        entity,
        testType: result.check,
        parameters: asJson({ ...result.parameters, sql: result.sql }),
      },
      {
        kind: 'test_result',
        testCase,
        timestamp: result.executedAt,
        status: TEST_STATUS[result.status],
        failedRows: result.failingRows,
        sampleFailures: asJson(result.sampleFailures),
        ...(result.message ? { result: result.message } : {}),
      },
    ];
  });
}

/**
 * Turns a pipeline run report into catalog records: the warehouse service, database, schemas, raw
 * sources and models with columns, the pipeline with one task per model, table and column lineage,
 * and the quality checks as test cases with their results.
 */
export function recordsFromRunReport(
  report: RunReport,
  config: PipelineConnectorConfig = DEFAULT_PIPELINE_CONFIG,
): Record_[] {
  const fqn = new FqnSpace(config, report.warehouse.database);
  const models = report.models.filter((m) => m.status === 'success');
  const schemas = [
    ...new Set([
      ...report.sources.map((s) => s.name.split('.')[0]),
      ...models.map((m) => m.schema),
    ]),
  ].sort();
  const ownerNames = [...new Set(models.flatMap((m) => m.owners))].sort();
  const downstream = (name: string) =>
    report.models.filter((m) => m.dependsOn.some((d) => d.endsWith(`.${name}`))).map((m) => m.name);
  return [
    ...ownerNames.map((name): Record_ => ({
      kind: config.ownerTypes[name] ?? 'team',
      fqn: buildFqn([name]),
    })),
    {
      kind: 'service',
      fqn: fqn.service,
      serviceType: 'Postgres',
      description: 'The shop warehouse the embedded pipeline builds.',
    },
    { kind: 'database', fqn: fqn.databaseFqn },
    ...schemas.map((schema): Record_ => ({ kind: 'schema', fqn: fqn.schema(schema) })),
    ...report.sources.map((source): Record_ => ({
      kind: 'table',
      fqn: fqn.table(source.name),
      description: source.description,
      columns: columnsOf(source.columns),
      ...(source.rowCount !== undefined ? { rowCount: source.rowCount } : {}),
    })),
    ...models.map((model) => modelTable(model, fqn, config)),
    {
      kind: 'service',
      fqn: buildFqn([config.pipelineServiceName]),
      serviceType: 'Pipeline',
      description: 'The embedded e-commerce pipeline.',
    },
    {
      kind: 'pipeline',
      fqn: fqn.pipeline,
      description: 'Land, check, transform and publish the shop data.',
      tasks: report.models.map((m) => ({
        name: m.name,
        description: m.description,
        sql: m.compiledSql,
        downstreamTasks: downstream(m.name),
      })),
    },
    ...models.flatMap((model) => lineageEdges(model, fqn)),
    ...qualityRecords(
      report.quality.filter(
        (q) =>
          report.sources.some((s) => s.name === q.relation) ||
          models.some((m) => `${m.schema}.${m.name}` === q.relation),
      ),
      fqn,
    ),
  ];
}
