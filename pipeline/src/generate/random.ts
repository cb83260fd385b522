/** mulberry32: a tiny, fast, seedable PRNG; good enough for synthetic data, not for secrets. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stateless 32-bit hash of a few integers, for values that must not depend on draw order. */
export function hashInts(...values: number[]): number {
  let h = 0x811c9dc5;
  for (const value of values) {
    h = Math.imul(h ^ (value >>> 0), 0x01000193);
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
  }
  return (h >>> 0) / 4294967296;
}

const HEX = '0123456789abcdef';

/** Seeded random helpers over one mulberry32 stream. */
export class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('cannot pick from an empty list');
    return item;
  }

  /** Exponentially distributed, with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Log-normally distributed around a median, spread by sigma. */
  logNormal(median: number, sigma: number): number {
    const u = 1 - this.next();
    const v = this.next();
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(sigma * normal);
  }

  /** Index drawn from cumulative weights (ascending, last = total), by binary search. */
  weighted(cumulative: Float64Array): number {
    const target = this.next() * (cumulative[cumulative.length - 1] ?? 0);
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((cumulative[mid] ?? 0) > target) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i += 1) out += String(Math.floor(this.next() * 10));
    return out;
  }

  /** A version-4-shaped UUID, like the export's user_session. */
  uuid(): string {
    let out = '';
    for (let i = 0; i < 32; i += 1) {
      let nibble = Math.floor(this.next() * 16);
      if (i === 12) nibble = 4;
      if (i === 16) nibble = 8 + (nibble & 3);
      out += HEX[nibble];
      if (i === 7 || i === 11 || i === 15 || i === 19) out += '-';
    }
    return out;
  }
}

/** Cumulative sums of weights, for Random.weighted. */
export function cumulate(weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i += 1) {
    total += weights[i] ?? 0;
    out[i] = total;
  }
  return out;
}

/** Independent seeds for each part of the data, so that changing one part leaves the others stable. */
export function deriveSeed(seed: number, stream: string): number {
  let h = seed >>> 0;
  for (let i = 0; i < stream.length; i += 1) h = Math.imul(h ^ stream.charCodeAt(i), 0x9e3779b1);
  return (h ^ (h >>> 16)) >>> 0;
}
