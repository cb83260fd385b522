import type { Random } from './random.js';

/** Every kind of dirt the generator writes, per file kind. */
export const EVENT_DIRT = [
  'duplicate',
  'negative_price',
  'missing_price',
  'bad_timestamp',
  'wrong_field_count',
  'garbage',
  'missing_session',
  'unknown_event_type',
] as const;
export const FILE_DIRT = ['truncated_line'] as const;
export const CUSTOMER_DIRT = ['missing_email', 'bad_birth_date'] as const;
export const PRODUCT_DIRT = ['negative_cost_price'] as const;
export const INVENTORY_DIRT = ['bad_quantity'] as const;

export type DirtKind =
  | (typeof EVENT_DIRT)[number]
  | (typeof FILE_DIRT)[number]
  | (typeof CUSTOMER_DIRT)[number]
  | (typeof PRODUCT_DIRT)[number]
  | (typeof INVENTORY_DIRT)[number];

export type DirtCounts = Partial<Record<DirtKind, number>>;

/** Dirt that leaves a valid row (loaded into raw); every other kind must end up in quarantine. */
export const VALID_DIRT: ReadonlySet<DirtKind> = new Set<DirtKind>(['duplicate', 'missing_email']);

export function countDirt(counts: DirtCounts, kind: DirtKind): void {
  counts[kind] = (counts[kind] ?? 0) + 1;
}

export function invalidRows(counts: DirtCounts): number {
  let total = 0;
  for (const [kind, count] of Object.entries(counts) as [DirtKind, number][])
    if (!VALID_DIRT.has(kind)) total += count;
  return total;
}

/**
 * Which rows get dirt: about `rate` of them, spaced at random, the first one early enough that
 * even a small file gets at least one.
 */
export class DirtSchedule<K extends DirtKind> {
  private next: number;
  private readonly gap: number;

  constructor(
    private readonly rng: Random,
    rows: number,
    rate: number,
    private readonly kinds: readonly K[],
  ) {
    this.gap = rate > 0 ? 1 / rate : Infinity;
    this.next =
      rate > 0 && rows > 0 ? Math.floor(rng.float() * Math.min(rows, this.gap)) : Infinity;
  }

  /** The dirt for row `index` (0-based, asked in increasing order), or null for a clean row. */
  at(index: number): K | null {
    if (index < this.next) return null;
    this.next = index + 1 + Math.floor(this.rng.float() * (2 * this.gap - 1));
    return this.rng.pick(this.kinds);
  }
}
