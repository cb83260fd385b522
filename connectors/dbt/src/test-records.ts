import { buildFqn, parseFqn, type JsonValue, type MetadataRecordInput } from '@almanac/sdk';
import type { DbtNode } from './artifacts/manifest.schema.js';
import type { DbtFqns } from './dbt-fqns.js';
import type { DbtGraph } from './dbt-graph.js';
import { testedColumnOf, testedTableOf } from './tested-table.js';

type TestCaseInput = Extract<MetadataRecordInput, { kind: 'test_case' }>;

/** Test type of singular tests (a SQL file under `tests/`), which have no test metadata. */
export const SINGULAR_TEST_TYPE = 'singular';

// Keyword arguments are JSON already; `model` is Jinja that only locates the tested table.
function parametersOf(test: DbtNode): Record<string, JsonValue> | undefined {
  const { model: _model, ...kwargs } = test.test_metadata?.kwargs ?? {};
  const severity = test.config?.severity;
  const parameters = { ...kwargs, ...(severity ? { severity } : {}) };
  if (Object.keys(parameters).length === 0) return undefined;
  return JSON.parse(JSON.stringify(parameters)) as Record<string, JsonValue>;
}

function testTypeOf(test: DbtNode): string {
  const metadata = test.test_metadata;
  if (!metadata) return SINGULAR_TEST_TYPE;
  return metadata.namespace ? `${metadata.namespace}.${metadata.name}` : metadata.name;
}

function testCaseOf(test: DbtNode, table: DbtNode, fqns: DbtFqns): TestCaseInput {
  const column = testedColumnOf(test);
  const entity = column ? fqns.column(table, column) : fqns.table(table);
  const parameters = parametersOf(test);
  return {
    kind: 'test_case',
    fqn: buildFqn([...parseFqn(entity), test.name]),
    entity,
    testType: testTypeOf(test),
    ...(parameters ? { parameters } : {}),
    ...(test.description ? { description: test.description } : {}),
  };
}

/** Test cases, and the test case FQN of every dbt test by unique id (for run results). */
export interface TestCases {
  records: TestCaseInput[];
  fqnByTestId: ReadonlyMap<string, string>;
}

/** A test case per dbt test, on the table or column it checks. */
export function testCaseRecords(
  graph: DbtGraph,
  fqns: DbtFqns,
  warn: (message: string) => void,
): TestCases {
  const records: TestCaseInput[] = [];
  const fqnByTestId = new Map<string, string>();
  for (const test of graph.tests) {
    const table = testedTableOf(test, graph);
    if (!table) {
      warn(`${test.unique_id} tests no model, source, seed or snapshot: no test case for it`);
      continue;
    }
    const record = testCaseOf(test, table, fqns);
    records.push(record);
    fqnByTestId.set(test.unique_id, record.fqn);
  }
  return { records, fqnByTestId };
}
