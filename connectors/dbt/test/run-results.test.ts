import { DbtSource } from '../src/index.js';
import { testIdsOf } from './expected-counts.js';
import { ofKind, validatedRecords } from './records-of.js';
import { artifactFiles, dataPath, readJson, sharedDataAvailable } from './shared-data.js';

const describeWithData = sharedDataAvailable() ? describe : describe.skip;

/** The manifest whose unique ids each run results file reports on. */
const MANIFEST_OF: Readonly<Record<string, string>> = {
  'dbt-core-run-results/v4/run_results.json': 'dbt-core-manifests/v12/manifest.json',
  'dbt-core-run-results/v5/run_results.json': 'dbt-core-manifests/v12/manifest.json',
  'dbt-core-run-results/v6/run_results.json': 'dbt-core-manifests/v12/manifest.json',
  'jaffle_shop/run_results/v4/jaffle_shop/run_results.json':
    'jaffle_shop/manifest/v7/jaffle_shop/manifest.json',
  'jaffle_shop/run_results/v5/jaffle_shop/run_results.json':
    'jaffle_shop/manifest/v11/jaffle_shop/manifest.json',
  'jaffle_shop/run_results/v6/jaffle_shop/run_results.json':
    'jaffle_shop/manifest/v12/jaffle_shop/manifest_1.8.json',
  'jaffle_shop/run_results/v6/jaffle_shop/run_results_1.12.json':
    'jaffle_shop/manifest/v12/jaffle_shop/manifest_1.10.json',
};

/** dbt statuses as the contract names them, written out here rather than imported. */
const EXPECTED_STATUS: Readonly<Record<string, string>> = {
  pass: 'success',
  success: 'success',
  fail: 'failed',
  warn: 'failed',
  error: 'errored',
  skipped: 'aborted',
};

interface RawResult {
  unique_id: string;
  status: string;
  failures?: number | null;
}

describeWithData('every run results file in the shared dbt data', () => {
  const files = [
    ...artifactFiles('jaffle_shop/run_results'),
    ...artifactFiles('dbt-core-run-results'),
  ];

  it('knows the manifest of every run results file', () => {
    expect(files.filter((file) => !MANIFEST_OF[file])).toEqual([]);
  });

  it.each(files)('%s gives one test result per test run', async (file) => {
    const manifest = MANIFEST_OF[file] ?? '';
    const tests = testIdsOf(readJson(manifest));
    const results = (readJson(file) as { results: RawResult[] }).results;
    const testRuns = results.filter((result) => tests.has(result.unique_id));
    const statusCounts = (statuses: string[]) =>
      statuses.reduce<Record<string, number>>(
        (counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }),
        {},
      );

    const source = await DbtSource.fromConfig({
      manifest: dataPath(manifest),
      runResults: dataPath(file),
    });
    const testResults = ofKind(await validatedRecords(source), 'test_result');

    expect(testResults).toHaveLength(testRuns.length);
    expect(statusCounts(testResults.map((r) => r.status))).toEqual(
      statusCounts(testRuns.map((r) => EXPECTED_STATUS[r.status] ?? r.status)),
    );
    const failures = testRuns.reduce((sum, r) => sum + (r.failures ?? 0), 0);
    expect(testResults.reduce((sum, r) => sum + (r.failedRows ?? 0), 0)).toBe(failures);
  });

  it('reports the errored model of the v4 jaffle_shop run, not as a test result', async () => {
    const file = 'jaffle_shop/run_results/v4/jaffle_shop/run_results.json';
    const source = await DbtSource.fromConfig({
      manifest: dataPath(MANIFEST_OF[file] ?? ''),
      runResults: dataPath(file),
    });
    const testResults = ofKind(await validatedRecords(source), 'test_result');
    expect(testResults.map((r) => r.status)).toEqual(Array(20).fill('success'));
    expect(
      testResults.find((r) => r.testCase.includes('unique_customers_customer_id')),
    ).toMatchObject({
      testCase: 'dbt.database.schema.customers.customer_id.unique_customers_customer_id',
      failedRows: 0,
    });
    expect(source.warnings).toContainEqual(
      expect.stringContaining('model.jaffle_shop.test_insert_overwrite (status error)'),
    );
  });
});
