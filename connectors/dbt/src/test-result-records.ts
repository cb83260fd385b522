import type { MetadataRecordInput, TestResultRecord } from '@almanac/sdk';
import type { DbtRunResult, DbtRunResults } from './artifacts/run-results.schema.js';
import type { DbtGraph } from './dbt-graph.js';

type TestResultInput = Extract<MetadataRecordInput, { kind: 'test_result' }>;
type TestStatus = TestResultRecord['status'];

/**
 * dbt test statuses in the contract's terms. `warn` means the test found failing rows below its
 * error threshold, so it failed; `skipped` means it never ran (an upstream node failed), which the
 * contract calls aborted.
 */
export const TEST_STATUS_OF: Readonly<Record<string, TestStatus>> = {
  pass: 'success',
  success: 'success',
  fail: 'failed',
  warn: 'failed',
  error: 'errored',
  'runtime error': 'errored',
  skipped: 'aborted',
};

const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

// dbt writes UTC; some versions leave the offset out.
function utc(timestamp: string): string {
  return HAS_OFFSET.test(timestamp) ? timestamp : `${timestamp}Z`;
}

/** When the test finished executing, else when the run results were written. */
function finishedAt(result: DbtRunResult, generatedAt: string | null | undefined): string | null {
  const execute = result.timing.find((timing) => timing.name === 'execute')?.completed_at;
  const last = result.timing.findLast((timing) => timing.completed_at)?.completed_at;
  const timestamp = execute || last || generatedAt;
  if (!timestamp || Number.isNaN(Date.parse(utc(timestamp)))) return null;
  return utc(timestamp);
}

function resultText(result: DbtRunResult): { result?: string } {
  const text = [result.status === 'warn' ? 'warn' : '', result.message ?? '']
    .filter(Boolean)
    .join(': ');
  return text ? { result: text } : {};
}

function testResultOf(
  result: DbtRunResult,
  testCase: string,
  generatedAt: string | null | undefined,
  warn: (message: string) => void,
): TestResultInput | null {
  const status = TEST_STATUS_OF[result.status];
  const timestamp = finishedAt(result, generatedAt);
  if (!status || !timestamp) {
    warn(
      `${result.unique_id}: run result with ${status ? 'no usable time' : `unknown status ${JSON.stringify(result.status)}`} left out`,
    );
    return null;
  }
  return {
    kind: 'test_result',
    testCase,
    timestamp,
    status,
    ...(typeof result.failures === 'number' && result.failures >= 0
      ? { failedRows: result.failures }
      : {}),
    ...resultText(result),
  };
}

/**
 * Test results from run_results.json. Results of models, seeds and snapshots are not test
 * results; their failures are reported as warnings.
 */
export function testResultRecords(
  runResults: DbtRunResults,
  graph: DbtGraph,
  testCaseFqnById: ReadonlyMap<string, string>,
  warn: (message: string) => void,
): TestResultInput[] {
  const records: TestResultInput[] = [];
  for (const result of runResults.results) {
    const node = graph.node(result.unique_id);
    if (!node) {
      warn(
        `run result for ${result.unique_id} (status ${result.status}), which is not in the manifest, left out`,
      );
      continue;
    }
    if (node.resource_type !== 'test') {
      if (result.status === 'error') {
        warn(`${result.unique_id} failed in the dbt run: ${result.message ?? 'no message'}`);
      }
      continue;
    }
    const testCase = testCaseFqnById.get(result.unique_id);
    const record = testCase
      ? testResultOf(result, testCase, runResults.metadata.generated_at, warn)
      : null;
    if (record) records.push(record);
  }
  return records;
}
