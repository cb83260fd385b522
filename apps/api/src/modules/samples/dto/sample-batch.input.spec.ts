import { formatIssues } from '@almanac/sdk';
import { SAMPLE_LIMITS } from '../sample-limits.js';
import { sampleBatchSchema } from './sample-batch.input.js';

function problems(body: unknown): string {
  const parsed = sampleBatchSchema.safeParse(body);
  return parsed.success ? 'valid' : formatIssues(parsed.error.issues);
}

const column = (values: unknown) => ({ table: 's.d.p.t', columns: [{ name: 'c', values }] });

describe('sampleBatchSchema', () => {
  it('accepts strings and nulls, with or without a runId', () => {
    expect(problems({ tables: [column(['a', null])] })).toBe('valid');
    expect(problems({ runId: 'run-1', tables: [column([])] })).toBe('valid');
  });

  it('names the value that is not a string', () => {
    expect(problems({ tables: [column(['a', 42, { x: 1 }])] })).toBe(
      'tables.0.columns.0.values.1: must be a string or null, got a number; ' +
        'tables.0.columns.0.values.2: must be a string or null, got an object',
    );
  });

  it('says how many values are too many', () => {
    const values = Array.from({ length: SAMPLE_LIMITS.maxValuesPerColumn + 1 }, () => 'v');
    expect(problems({ tables: [column(values)] })).toBe(
      `tables.0.columns.0.values: too many values: at most ${SAMPLE_LIMITS.maxValuesPerColumn} per column, got ${values.length}`,
    );
  });

  it('rejects a missing body, an empty request, unknown keys and a bad runId', () => {
    expect(problems(undefined)).toBe('the body must be a JSON object, got nothing');
    expect(problems({ tables: [] })).toBe('tables: tables must list at least one table');
    expect(problems({ tables: [{ table: 's.d.p.t', rows: [] }] })).toMatch(
      /tables\.0\.columns: columns must be an array.*tables\.0: Unrecognized key: "rows"/,
    );
    expect(problems({ runId: 'a b', tables: [column([])] })).toMatch(/^runId: runId must be/);
  });
});
