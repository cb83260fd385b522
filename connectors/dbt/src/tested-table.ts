import type { DbtNode } from './artifacts/manifest.schema.js';
import type { DbtGraph } from './dbt-graph.js';

// Generic tests name their table as `{{ get_where_subquery(ref('orders')) }}`, or with
// `ref('package', 'orders')` / `source('raw', 'orders')`.
const MODEL_CALL = /\b(ref|source)\(\s*(['"])([^'"]+)\2(?:\s*,\s*(['"])([^'"]+)\4)?/;

function matchesModelKwarg(node: DbtNode, kwarg: unknown): boolean {
  if (typeof kwarg !== 'string') return false;
  const call = MODEL_CALL.exec(kwarg);
  if (!call) return false;
  const [, fn, , first, , second] = call;
  if (fn === 'source') return node.source_name === first && node.name === second;
  return node.resource_type !== 'source' && node.name === (second ?? first);
}

/**
 * The table a test checks: dbt's `attached_node` (manifest v8+), else the table its `model`
 * argument names, else its only or first table dependency. Relationship tests read two tables;
 * `attached_node` or the `model` argument picks the one the test is declared on.
 */
export function testedTableOf(test: DbtNode, graph: DbtGraph): DbtNode | undefined {
  const attached = graph.table(test.attached_node);
  if (attached) return attached;
  const dependencies = graph.tableDependencies(test);
  const model: unknown = test.test_metadata?.kwargs.model;
  return dependencies.find((node) => matchesModelKwarg(node, model)) ?? dependencies[0];
}

/** The column a test checks, if it checks one. */
export function testedColumnOf(test: DbtNode): string | undefined {
  const fromKwargs: unknown = test.test_metadata?.kwargs.column_name;
  return test.column_name || (typeof fromKwargs === 'string' ? fromKwargs : undefined);
}
