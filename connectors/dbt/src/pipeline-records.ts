import type { MetadataRecordInput } from '@almanac/sdk';
import type { DbtNode } from './artifacts/manifest.schema.js';
import type { ResolvedDbtConfig } from './dbt-config.js';
import type { DbtFqns } from './dbt-fqns.js';
import { isTaskNode, type DbtGraph } from './dbt-graph.js';
import { compiledSqlOf } from './warehouse-records.js';

type TaskInput = Extract<MetadataRecordInput, { kind: 'pipeline' }>['tasks'][number];

// Task names are unique ids: model names repeat across packages, unique ids never do.
function taskOf(node: DbtNode, graph: DbtGraph): TaskInput {
  const downstream = graph.dependents(node.unique_id).filter(isTaskNode);
  const sql = compiledSqlOf(node);
  return {
    name: node.unique_id,
    displayName: node.name,
    ...(node.description ? { description: node.description } : {}),
    ...(downstream.length > 0 ? { downstreamTasks: downstream.map((task) => task.unique_id) } : {}),
    ...(sql ? { sql } : {}),
  };
}

/** The pipeline service and the project's pipeline, one task per model, seed and snapshot. */
export function pipelineRecords(
  graph: DbtGraph,
  fqns: DbtFqns,
  config: ResolvedDbtConfig,
): MetadataRecordInput[] {
  return [
    {
      kind: 'service',
      fqn: fqns.pipelineService,
      serviceType: 'Dbt',
      description: 'dbt projects.',
    },
    {
      kind: 'pipeline',
      fqn: fqns.pipeline,
      displayName: config.projectName,
      description: `The dbt project ${config.projectName}.`,
      tasks: graph.tables.filter(isTaskNode).map((node) => taskOf(node, graph)),
    },
  ];
}
