import { pickProduct, type Catalog } from './catalog.js';
import { dayIndex, discountOn } from './pricing.js';
import type { Random } from './random.js';
import type { Shoppers } from './shoppers.js';

export const VIEW = 0;
export const CART = 1;
export const REMOVE = 2;
export const PURCHASE = 3;
export const EVENT_TYPE_NAMES = ['view', 'cart', 'removefromcart', 'purchase'] as const;

export interface PlannedSession {
  user: number;
  session: string;
  times: number[];
  types: number[];
  products: number[];
  /** Products left in the cart when the session ended without a purchase. */
  abandoned: number[];
}

export interface PlanContext {
  rng: Random;
  catalog: Catalog;
  shoppers: Shoppers;
  seed: number;
  firstDay: number;
}

const SECOND = 1_000;
/** Gaps inside a session stay below the 30-minute inactivity that ends a session. */
const MAX_GAP_SECONDS = 25 * 60;

class SessionBuilder {
  readonly plan: PlannedSession;
  time: number;

  constructor(
    private readonly ctx: PlanContext,
    user: number,
    start: number,
  ) {
    this.plan = {
      user,
      session: ctx.rng.uuid(),
      times: [],
      types: [],
      products: [],
      abandoned: [],
    };
    this.time = start;
  }

  /** Waits like a person reading a page: mostly seconds, sometimes many minutes. */
  pause(median = 35): void {
    const seconds = Math.round(this.ctx.rng.logNormal(median, 1.1));
    this.time += Math.min(MAX_GAP_SECONDS, Math.max(1, seconds)) * SECOND;
  }

  /** A short, fixed pause, e.g. between units added in one go. */
  tick(seconds: number): void {
    this.time += seconds * SECOND;
  }

  add(type: number, product: number): void {
    this.plan.times.push(this.time);
    this.plan.types.push(type);
    this.plan.products.push(product);
  }
}

function focusCategory(ctx: PlanContext, user: number): number {
  const { rng, shoppers, catalog } = ctx;
  if (rng.chance(0.8)) return shoppers.interests[user * 3 + rng.int(0, 2)] ?? 0;
  return rng.weighted(catalog.categoryPopularity);
}

function browse(ctx: PlanContext, category: number): number {
  return ctx.rng.chance(0.85)
    ? pickProduct(ctx.rng, ctx.catalog, category)
    : ctx.rng.weighted(ctx.catalog.popularity);
}

function cartChance(ctx: PlanContext, user: number, product: number, time: number): number {
  const discounted = discountOn(ctx.seed, product, dayIndex(time, ctx.firstDay)) > 0;
  if (ctx.shoppers.dealSeeker[user] === 1) return discounted ? 0.16 : 0.02;
  return discounted ? 0.06 : 0.045;
}

function checkout(builder: SessionBuilder, cart: number[]): void {
  builder.pause(120);
  for (const product of cart) {
    builder.add(PURCHASE, product);
    builder.tick(1);
  }
}

/** A consumer: a few views, sometimes a cart, fewer purchases; carts are often abandoned. */
export function planConsumerSession(
  ctx: PlanContext,
  user: number,
  start: number,
  carried: number[] = [],
): PlannedSession {
  const { rng } = ctx;
  const builder = new SessionBuilder(ctx, user, start);
  const cart = [...carried];
  for (const product of carried) {
    builder.add(VIEW, product);
    builder.pause();
  }
  const views = Math.min(40, 1 + Math.floor(rng.exponential(carried.length ? 1.5 : 3.2)));
  const category = focusCategory(ctx, user);
  for (let i = 0; i < views; i += 1) {
    if (i > 0) builder.pause();
    const product = browse(ctx, category);
    builder.add(VIEW, product);
    if (rng.chance(cartChance(ctx, user, product, builder.time))) {
      builder.pause(20);
      builder.add(CART, product);
      cart.push(product);
    }
    if (cart.length > 0 && rng.chance(0.03)) {
      builder.pause(15);
      builder.add(REMOVE, cart.splice(rng.int(0, cart.length - 1), 1)[0] ?? product);
    }
  }
  if (cart.length === 0) return builder.plan;
  if (rng.chance(carried.length ? 0.55 : 0.42)) checkout(builder, cart);
  else builder.plan.abandoned = cart;
  return builder.plan;
}

/** A business: browses one category, then adds many units of a few products at once. */
export function planBusinessSession(ctx: PlanContext, user: number, start: number): PlannedSession {
  const { rng } = ctx;
  const builder = new SessionBuilder(ctx, user, start);
  const category = focusCategory(ctx, user);
  const viewed: number[] = [];
  for (let i = rng.int(3, 15); i > 0; i -= 1) {
    if (viewed.length > 0) builder.pause(45);
    const product = pickProduct(rng, ctx.catalog, category);
    builder.add(VIEW, product);
    viewed.push(product);
  }
  const orders = rng.chance(0.45);
  if (!orders && !rng.chance(0.2)) return builder.plan;
  const cart: number[] = [];
  // A cart or purchase row is one unit: the export has no quantity column.
  for (let k = rng.int(1, Math.min(4, viewed.length)); k > 0; k -= 1) {
    const product = viewed.splice(rng.int(0, viewed.length - 1), 1)[0] ?? 0;
    builder.pause(20);
    for (let units = rng.int(3, 20); units > 0; units -= 1) {
      builder.add(CART, product);
      builder.tick(1);
      cart.push(product);
    }
  }
  if (orders) checkout(builder, cart);
  else builder.plan.abandoned = cart;
  return builder.plan;
}
