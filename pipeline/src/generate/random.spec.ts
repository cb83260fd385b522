import { MinHeap } from './min-heap.js';
import { cumulate, deriveSeed, Random } from './random.js';

describe('Random', () => {
  it('repeats itself for a seed and differs between seeds', () => {
    const draw = (seed: number) =>
      Array.from({ length: 5 }, () => new Random(seed)).map((r) => r.float());
    const a = new Random(1);
    const b = new Random(1);
    expect(Array.from({ length: 100 }, () => a.float())).toEqual(
      Array.from({ length: 100 }, () => b.float()),
    );
    expect(draw(1)).not.toEqual(draw(2));
    expect(deriveSeed(1, 'catalog')).not.toBe(deriveSeed(1, 'shoppers'));
  });

  it('draws within bounds and by weight', () => {
    const rng = new Random(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i += 1) {
      const n = rng.int(1, 6);
      expect(n >= 1 && n <= 6).toBe(true);
      counts[rng.weighted(cumulate([1, 0, 3]))] += 1;
    }
    expect(counts[1]).toBe(0);
    expect((counts[2] ?? 0) / (counts[0] ?? 1)).toBeCloseTo(3, 0);
    expect(rng.uuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('MinHeap', () => {
  it('pops by time, then by insertion order', () => {
    const heap = new MinHeap<{ time: number; seq: number }>();
    [5, 1, 3, 1, 9, 0].forEach((time, seq) => heap.push({ time, seq }));
    const popped = [];
    for (let item = heap.pop(); item; item = heap.pop()) popped.push(`${item.time}/${item.seq}`);
    expect(popped).toEqual(['0/5', '1/1', '1/3', '3/2', '5/0', '9/4']);
  });
});
