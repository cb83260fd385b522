import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainEventToCopy } from './event-fast-path.js';
import { parsedEventToCopy } from './source-formats.js';

const SAMPLES = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  'shared',
  'data',
  'ecommerce-events',
);
const GOOD =
  '2019-10-01 00:00:00 UTC,view,44600062,2103807459595387724,,shiseido,35.79,541312140,72d76fde-8bb3-4e00-8c23-a032dfed738c';

/** The same values, prices compared as numbers (the full path writes 33.2 for 33.20). */
function sameValues(fast: string, full: string): boolean {
  const [a, b] = [fast.split('\t'), full.split('\t')];
  return (
    a.length === b.length && a.every((v, i) => (i === 6 ? Number(v) === Number(b[i]) : v === b[i]))
  );
}

function variants(): string[] {
  const fields = GOOD.split(',');
  const swaps: [number, string][] = [
    [0, '2019-02-29 00:00:00 UTC'],
    [0, '2020-02-29 00:00:00 UTC'],
    [0, '2019-04-31 00:00:00 UTC'],
    [0, '2019-10-01 24:00:00 UTC'],
    [0, '2019-10-01 23:60:00 UTC'],
    [0, '0000-01-01 00:00:00 UTC'],
    [0, '2019-10-01T00:00:00Z'],
    [0, '2019-10-01 00:00:00 utc'],
    [1, 'VIEW'],
    [1, ''],
    [2, ''],
    [2, '12a'],
    [2, '9223372036854775807'],
    [2, '922337203685477580'],
    [3, '1'.repeat(20)],
    [3, '1'.repeat(21)],
    [4, 'a.b'],
    [5, ''],
    [6, ''],
    [6, '-1.00'],
    [6, '0'],
    [6, '1.5'],
    [6, '1.555'],
    [6, '.5'],
    [6, '1e3'],
    [6, '9999999999.99'],
    [6, '10000000000'],
    [6, ' 1'],
    [7, ''],
    [7, '00012'],
    [8, ''],
    [8, ' '],
  ];
  return [
    GOOD,
    `${GOOD},extra`,
    fields.slice(0, 8).join(','),
    GOOD.replace('shiseido', '"shi,seido"'),
    GOOD.replace('shiseido', 'shi\tseido'),
    ...swaps.map(([i, value]) => fields.map((f, k) => (k === i ? value : f)).join(',')),
  ];
}

describe('plainEventToCopy', () => {
  it('writes an empty code or brand as NULL and keeps the rest verbatim', () => {
    expect(plainEventToCopy(GOOD)).toBe(
      '2019-10-01 00:00:00 UTC\tview\t44600062\t2103807459595387724\t\\N\tshiseido\t35.79\t541312140\t72d76fde-8bb3-4e00-8c23-a032dfed738c',
    );
  });

  it('accepts only lines the full parser accepts, with the same values', () => {
    const lines = variants();
    for (const name of ['events-2019-10-sample-1k.csv', 'events-2019-10-sample-5k.csv']) {
      const file = join(SAMPLES, name);
      if (existsSync(file)) lines.push(...readFileSync(file, 'utf8').split('\n').slice(1, -1));
    }
    let fastHits = 0;
    for (const line of lines) {
      const fast = plainEventToCopy(line);
      if (fast === null) continue;
      fastHits += 1;
      const full = parsedEventToCopy(line);
      expect([line, full.ok]).toEqual([line, true]);
      if (full.ok) expect([line, sameValues(fast, full.values)]).toEqual([line, true]);
    }
    expect(fastHits).toBeGreaterThan(10);
  });
});
