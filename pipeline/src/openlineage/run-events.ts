import { randomUUID } from 'node:crypto';
import type { ModelReport, QualityResult, RunReport, SourceReport } from '../report/run-report.js';
import {
  PRODUCER,
  SCHEMA_URLS,
  columnLineageFacet,
  dataQualityAssertionsFacet,
  errorMessageFacet,
  parentFacet,
  schemaFacet,
  sqlFacet,
} from './facets.js';

export interface OpenLineageContext {
  /** The job namespace, e.g. shop_pipeline. */
  jobNamespace: string;
  /** The dataset namespace: postgres://host:port of the warehouse. */
  datasetNamespace: string;
  database: string;
  /** The pipeline run that every model run belongs to (ParentRunFacet). */
  parentRunId: string;
  parentJobName: string;
}

export type RunEvent = Record<string, unknown> & {
  eventType: string;
  run: { runId: string; facets?: Record<string, unknown> };
};

function dataset(ctx: OpenLineageContext, relation: string, facets: Record<string, unknown>) {
  return { namespace: ctx.datasetNamespace, name: `${ctx.database}.${relation}`, facets };
}

function relationColumns(relation: string, report: RunReport) {
  const source = report.sources.find((s: SourceReport) => s.name === relation);
  if (source) return source.columns;
  return report.models.find((m) => `${m.schema}.${m.name}` === relation)?.columns ?? [];
}

/** START then COMPLETE or FAIL for one model run, with schema, column lineage and SQL facets. */
export function modelRunEvents(
  model: ModelReport,
  report: RunReport,
  ctx: OpenLineageContext,
): RunEvent[] {
  const runId = randomUUID();
  const job = {
    namespace: ctx.jobNamespace,
    name: `${ctx.parentJobName}.${model.name}`,
    facets: { sql: sqlFacet(model.compiledSql) },
  };
  const runFacets = { parent: parentFacet(ctx.parentRunId, ctx.jobNamespace, ctx.parentJobName) };
  const inputs = model.dependsOn.map((relation) =>
    dataset(ctx, relation, { schema: schemaFacet(relationColumns(relation, report)) }),
  );
  const outputFacets: Record<string, unknown> = { schema: schemaFacet(model.columns) };
  if (model.lineage && !model.lineage.error) {
    outputFacets['columnLineage'] = columnLineageFacet(
      ctx.datasetNamespace,
      ctx.database,
      model.lineage.columns,
    );
  }
  const outputs = [dataset(ctx, `${model.schema}.${model.name}`, outputFacets)];
  const started = model.startedAt ?? report.startedAt;
  const ended = new Date(new Date(started).getTime() + model.durationMs).toISOString();
  const common = { producer: PRODUCER, schemaURL: SCHEMA_URLS.event, job, inputs };
  const start = {
    ...common,
    eventType: 'START',
    eventTime: started,
    run: { runId, facets: runFacets },
    outputs,
  };
  const failed = model.status !== 'success';
  const finishFacets = failed
    ? { ...runFacets, errorMessage: errorMessageFacet(model.error ?? 'model did not run') }
    : runFacets;
  const finish = {
    ...common,
    eventType: failed ? 'FAIL' : 'COMPLETE',
    eventTime: ended,
    run: { runId, facets: finishFacets },
    outputs,
  };
  return [start, finish];
}

/** A quality-check run reads the model it tests; its results travel as dataQualityAssertions. */
export function qualityRunEvents(
  relation: string,
  results: readonly QualityResult[],
  ctx: OpenLineageContext,
): RunEvent[] {
  const runId = randomUUID();
  const job = { namespace: ctx.jobNamespace, name: `${ctx.parentJobName}.${relation}.quality` };
  const runFacets = { parent: parentFacet(ctx.parentRunId, ctx.jobNamespace, ctx.parentJobName) };
  const executed = results.map((r) => r.executedAt).sort();
  const input = {
    ...dataset(ctx, relation, {}),
    inputFacets: { dataQualityAssertions: dataQualityAssertionsFacet(results) },
  };
  const common = { producer: PRODUCER, schemaURL: SCHEMA_URLS.event, job, outputs: [] };
  return [
    {
      ...common,
      eventType: 'START',
      eventTime: executed[0] ?? new Date().toISOString(),
      run: { runId, facets: runFacets },
      inputs: [dataset(ctx, relation, {})],
    },
    {
      ...common,
      eventType: 'COMPLETE',
      eventTime: executed.at(-1) ?? new Date().toISOString(),
      run: { runId, facets: runFacets },
      inputs: [input],
    },
  ];
}

/** Every OpenLineage event a run report describes, in the order they happened. */
export function runReportEvents(
  report: RunReport,
  ctx: Omit<OpenLineageContext, 'parentRunId'>,
): RunEvent[] {
  const context = { ...ctx, parentRunId: report.runId };
  const events = report.models
    .filter((m) => m.status !== 'skipped')
    .flatMap((m) => modelRunEvents(m, report, context));
  const byRelation = new Map<string, QualityResult[]>();
  for (const result of report.quality)
    byRelation.set(result.relation, [...(byRelation.get(result.relation) ?? []), result]);
  for (const [relation, results] of byRelation)
    events.push(...qualityRunEvents(relation, results, context));
  return events;
}
