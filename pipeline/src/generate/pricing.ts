import { hashInts } from './random.js';

const DAY_MS = 86_400_000;
const PROMOTION_SHARE = 0.12;

/** Index of the UTC day of a time, counted from a first day. */
export function dayIndex(time: number, firstDay: number): number {
  return Math.floor((time - firstDay) / DAY_MS);
}

/**
 * The discount (0 to 0.4) a product has on a day. A stateless hash, so that every event of a
 * product on that day shows the same price whatever order the simulation draws them in.
 */
export function discountOn(seed: number, product: number, day: number): number {
  const roll = hashInts(seed, product, day);
  if (roll >= PROMOTION_SHARE) return 0;
  return 0.1 + (roll / PROMOTION_SHARE) * 0.3;
}

export function priceCents(listCents: number, discount: number): number {
  return discount === 0 ? listCents : Math.round(listCents * (1 - discount));
}

export function formatCents(cents: number): string {
  const whole = Math.floor(cents / 100);
  const rest = cents % 100;
  return `${whole}.${rest < 10 ? '0' : ''}${rest}`;
}
