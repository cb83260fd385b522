import { buildFqn, parseFqn, type JsonValue } from '@almanac/sdk';
import { INPUT_FACET_SCHEMAS } from '../facets/io-dataset-facets.js';
import { columnFqn } from './datasets.js';
import type { RecordSet } from './record-set.js';

type Assertion = {
  assertion: string;
  success: boolean;
  column?: string;
  name?: string;
  description?: string;
  expected?: string;
  actual?: string;
  params?: Record<string, unknown>;
};

/** Producers send RFC 3339 with any offset; the catalog stores one instant, so use UTC. */
function utcTimestamp(eventTime: string): string {
  const time = new Date(eventTime);
  return Number.isNaN(time.getTime()) ? eventTime : time.toISOString();
}

function resultText(assertion: Assertion): string | undefined {
  const parts = [
    assertion.expected === undefined ? '' : `expected ${assertion.expected}`,
    assertion.actual === undefined ? '' : `actual ${assertion.actual}`,
  ].filter((part) => part !== '');
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/**
 * The `dataQualityAssertions` of a dataset, from its input facets (where the spec puts them) or,
 * as older producers send them, its dataset facets.
 */
export function assertionsOf(inputFacet: unknown, datasetFacet: unknown): Assertion[] {
  const facet = inputFacet ?? datasetFacet;
  if (facet === undefined) return [];
  const parsed = INPUT_FACET_SCHEMAS.dataQualityAssertions.safeParse(facet);
  return parsed.success ? parsed.data.assertions : [];
}

/**
 * One test case per assertion, on the column it names or else the table, named by the assertion's
 * `name` or else its kind; its result at the event's time.
 */
export function addAssertions(
  set: RecordSet,
  table: string,
  assertions: readonly Assertion[],
  eventTime: string,
): void {
  for (const assertion of assertions) {
    const entity = assertion.column === undefined ? table : columnFqn(table, assertion.column);
    const testName = assertion.name || assertion.assertion;
    if (entity === null || testName === '') {
      set.note(`assertion ${JSON.stringify(assertion)} on ${table} has no name or column; skipped`);
      continue;
    }
    const testCase = buildFqn([...parseFqn(entity), testName]);
    const result = resultText(assertion);
    set.add({
      kind: 'test_case',
      fqn: testCase,
      entity,
      testType: assertion.assertion || testName,
      ...(assertion.params ? { parameters: asJsonObject(assertion.params) } : {}),
      ...(assertion.description ? { description: assertion.description } : {}),
    });
    set.add({
      kind: 'test_result',
      testCase,
      timestamp: utcTimestamp(eventTime),
      status: assertion.success ? 'success' : 'failed',
      ...(result ? { result } : {}),
    });
  }
}

/** Facet values were decoded from JSON, so they are JSON values. */
function asJsonObject(value: Record<string, unknown>): Record<string, JsonValue> {
  return JSON.parse(JSON.stringify(value)) as Record<string, JsonValue>;
}
