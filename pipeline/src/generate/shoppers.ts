import type { Catalog } from './catalog.js';
import { cumulate, type Random } from './random.js';

export interface Shoppers {
  /** user_id of each shopper, 9 digits like the export's. */
  ids: string[];
  b2b: Uint8Array;
  /** Deal seekers put discounted products in their cart far more often. */
  dealSeeker: Uint8Array;
  /** Three favourite categories per shopper, flattened. */
  interests: Int32Array;
  /** Cumulative activity: how likely each shopper is to start the next session. */
  activity: Float64Array;
}

export const B2B_SHARE = 0.02;
const DEAL_SEEKER_SHARE = 0.15;
// Businesses come rarely but buy in bulk, so each one starts fewer sessions than a consumer.
const B2B_ACTIVITY = 0.3;

export function buildShoppers(rng: Random, count: number, catalog: Catalog): Shoppers {
  const ids: string[] = [];
  const b2b = new Uint8Array(count);
  const dealSeeker = new Uint8Array(count);
  const interests = new Int32Array(count * 3);
  const weights = new Float64Array(count);
  let nextId = 510_000_000 + rng.int(0, 5_000_000);
  for (let i = 0; i < count; i += 1) {
    ids.push(String(nextId));
    nextId += rng.int(1, 150);
    b2b[i] = rng.chance(B2B_SHARE) ? 1 : 0;
    dealSeeker[i] = b2b[i] === 0 && rng.chance(DEAL_SEEKER_SHARE) ? 1 : 0;
    for (let k = 0; k < 3; k += 1) interests[i * 3 + k] = rng.weighted(catalog.categoryPopularity);
    // Heavy-tailed: most shoppers come once or twice, a few come back all the time.
    const engagement = Math.pow(rng.exponential(1), 2);
    weights[i] = engagement * (b2b[i] === 1 ? B2B_ACTIVITY : 1);
  }
  return { ids, b2b, dealSeeker, interests, activity: cumulate(weights) };
}
