import type { MetadataRecordInput } from '@almanac/sdk';
import type { DbtNode } from './artifacts/manifest.schema.js';
import { modelColumnLineage, type NodeColumns } from './column-lineage.js';
import type { DbtFqns } from './dbt-fqns.js';
import type { DbtGraph } from './dbt-graph.js';
import { compiledSqlOf } from './warehouse-records.js';

type EdgeInput = Extract<MetadataRecordInput, { kind: 'lineage_edge' }>;

async function edgesInto(
  node: DbtNode,
  graph: DbtGraph,
  fqns: DbtFqns,
  columns: NodeColumns,
): Promise<{ edges: EdgeInput[]; problem?: string }> {
  const dependencies = graph.tableDependencies(node);
  const lineage = await modelColumnLineage(node, dependencies, fqns, columns);
  const sql = compiledSqlOf(node);
  const edges = dependencies.map((dependency): EdgeInput => {
    const mappings = lineage.byDependency.get(dependency.unique_id) ?? [];
    return {
      kind: 'lineage_edge',
      from: fqns.table(dependency),
      to: fqns.table(node),
      source: 'dbt',
      pipeline: fqns.pipeline,
      ...(sql ? { sql } : {}),
      ...(mappings.length > 0 ? { columns: mappings } : {}),
    };
  });
  if (lineage.problems.length === 0) return { edges };
  const problem = `${node.unique_id}: column lineage from its compiled SQL is incomplete: ${lineage.problems.join('; ')}`;
  return { edges, problem };
}

/**
 * One edge per `depends_on` pair between tables, with the column lineage read from the
 * dependent's compiled SQL. SQL that cannot be analysed is reported and leaves the edge without
 * column lineage.
 */
export async function lineageRecords(
  graph: DbtGraph,
  fqns: DbtFqns,
  columns: NodeColumns,
  warn: (message: string) => void,
): Promise<EdgeInput[]> {
  const perNode = await Promise.all(
    graph.tables.map((node) => edgesInto(node, graph, fqns, columns)),
  );
  // Reported in manifest order, whichever analysis finished first.
  for (const { problem } of perNode) if (problem) warn(problem);
  return perNode.flatMap(({ edges }) => edges);
}
