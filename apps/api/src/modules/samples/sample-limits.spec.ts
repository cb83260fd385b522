import { SAMPLE_LIMITS, truncateSampleValue } from './sample-limits.js';

const MAX = SAMPLE_LIMITS.maxValueLength;

describe('truncateSampleValue', () => {
  it('keeps a value of at most the limit unchanged', () => {
    const value = 'x'.repeat(MAX);
    expect(truncateSampleValue(value)).toEqual({ value, truncated: false });
  });

  it('cuts a longer value to the limit, ending with an ellipsis', () => {
    const { value, truncated } = truncateSampleValue('y'.repeat(MAX + 1));
    expect(truncated).toBe(true);
    expect(value).toHaveLength(MAX);
    expect(value.endsWith('…')).toBe(true);
  });

  it('is idempotent, so the CLI and the API may both cut', () => {
    const once = truncateSampleValue('z'.repeat(5000)).value;
    expect(truncateSampleValue(once)).toEqual({ value: once, truncated: false });
  });

  it('never splits a surrogate pair', () => {
    const value = `${'a'.repeat(MAX - 2)}😀😀`;
    const cut = truncateSampleValue(value).value;
    expect(cut).toBe(`${'a'.repeat(MAX - 2)}…`);
    expect(cut.length).toBeLessThanOrEqual(MAX);
  });
});
