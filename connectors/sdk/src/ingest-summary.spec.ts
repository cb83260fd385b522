import { ingestSummarySchema } from './ingest-summary.js';
import { formatIssues } from './validate.js';

const summary = {
  runId: 'run-1',
  mode: 'full',
  source: 'postgres:shop',
  received: 10,
  created: 4,
  updated: 2,
  unchanged: 2,
  deleted: 1,
  rejected: 2,
  errors: [
    { line: 3, key: 'pg.shop', reason: 'fqn: …' },
    { line: 9, reason: 'invalid JSON: …' },
  ],
  durationMs: 12.5,
  notes: ['1 table deleted'],
};

describe('ingestSummarySchema', () => {
  it('accepts a summary', () => {
    expect(ingestSummarySchema.parse(summary)).toEqual(summary);
    expect(ingestSummarySchema.parse({ ...summary, source: null }).source).toBeNull();
  });

  it('strips fields it does not know', () => {
    expect(ingestSummarySchema.parse({ ...summary, warnings: 3 })).toEqual(summary);
  });

  it('rejects bad counts and modes', () => {
    const result = ingestSummarySchema.safeParse({
      ...summary,
      mode: 'partial',
      created: -1,
      rejected: 1.5,
    });
    expect(result.success).toBe(false);
    expect(formatIssues(result.error?.issues ?? [])).toBe(
      'mode: Invalid option: expected one of "delta"|"full"; created: Too small: expected number to be >=0; rejected: Invalid input: expected int, received number',
    );
  });
});
