import { mkdir } from 'node:fs/promises';
import { buildCatalog } from './catalog.js';
import { writeCustomers } from './customers-file.js';
import type { DirtCounts } from './dirt.js';
import { invalidRows } from './dirt.js';
import { EventFilesWriter } from './events-file.js';
import { InventoryLedger } from './inventory-file.js';
import { writeProducts } from './products-file.js';
import { deriveSeed, Random } from './random.js';
import { buildShoppers } from './shoppers.js';
import { ShopSimulation } from './simulation.js';
import type { GeneratedFile, ShopDataSummary, ShopSource } from './summary.js';

export interface GenerateShopDataOptions {
  /** Event lines to write, dirty ones included. */
  events: number;
  seed: number;
  outDir: string;
  /** First event time; default 2019-10-01 00:00:00 UTC, like the public export. */
  startTime?: Date;
  /** Share of dirty lines, 0 to 0.5; default 0.02. Zero gives clean LF files. */
  dirtRate?: number;
  /** How many event files; default one per 500,000 events, at least 2 (when events allow). */
  files?: number;
  /** Days the events span; default one per 200,000 events, 1 to 31. */
  days?: number;
  /** Default: one per 15 events, 20 to 500,000. */
  customers?: number;
  /** Default: one per 250 events, 50 to 20,000. */
  products?: number;
}

const DAY_MS = 86_400_000;
const DEFAULT_START = new Date('2019-10-01T00:00:00Z');
// Purchases are about 3 % of events; used to size stock levels.
const PURCHASE_SHARE = 0.03;

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer`);
  return value;
}

function resolve(options: GenerateShopDataOptions) {
  const events = positiveInteger('events', options.events);
  const dirtRate = options.dirtRate ?? 0.02;
  if (!(dirtRate >= 0 && dirtRate <= 0.5)) throw new RangeError('dirtRate must be within 0 to 0.5');
  const files = Math.min(
    events,
    positiveInteger('files', options.files ?? clamp(Math.ceil(events / 500_000), 2, 100)),
  );
  const days = positiveInteger('days', options.days ?? clamp(Math.ceil(events / 200_000), 1, 31));
  const customers = positiveInteger(
    'customers',
    options.customers ?? clamp(Math.round(events / 15), 20, 500_000),
  );
  const products = positiveInteger(
    'products',
    options.products ?? clamp(Math.round(events / 250), 50, 20_000),
  );
  const start = (options.startTime ?? DEFAULT_START).getTime();
  const firstDay = Math.floor(start / DAY_MS) * DAY_MS;
  return { events, dirtRate, files, days, customers, products, start, firstDay };
}

function addUp(files: GeneratedFile[]): { rows: Record<ShopSource, number>; dirt: DirtCounts } {
  const rows: Record<ShopSource, number> = { events: 0, customers: 0, products: 0, inventory: 0 };
  const dirt: DirtCounts = {};
  for (const file of files) {
    rows[file.source] += file.rows;
    for (const [kind, count] of Object.entries(file.dirt) as [keyof DirtCounts, number][])
      dirt[kind] = (dirt[kind] ?? 0) + count;
  }
  return { rows, dirt };
}

/**
 * Writes a synthetic shop: event files shaped like the public REES46 export, plus customers,
 * products and daily inventory, deterministically for a seed. Files are streamed, so millions of
 * events need little memory.
 */
export async function generateShopData(options: GenerateShopDataOptions): Promise<ShopDataSummary> {
  const began = performance.now();
  const plan = resolve(options);
  const { seed, outDir } = options;
  await mkdir(outDir, { recursive: true });
  const catalog = buildCatalog(new Random(deriveSeed(seed, 'catalog')), plan.products);
  const shoppers = buildShoppers(new Random(deriveSeed(seed, 'shoppers')), plan.customers, catalog);
  const ctx = {
    rng: new Random(deriveSeed(seed, 'sessions')),
    catalog,
    shoppers,
    seed,
    firstDay: plan.firstDay,
  };
  const end = plan.start + plan.days * DAY_MS;
  const simulation = new ShopSimulation(ctx, { start: plan.start, end, events: plan.events });
  const inventory = await InventoryLedger.create(
    new Random(deriveSeed(seed, 'inventory')),
    catalog,
    outDir,
    {
      firstDay: plan.firstDay,
      dailyUnits: (plan.events * PURCHASE_SHARE) / plan.days,
      days: plan.days,
      dirtRate: plan.dirtRate,
    },
  );
  const eventsWriter = new EventFilesWriter(
    {
      outDir,
      events: plan.events,
      files: plan.files,
      dirtRate: plan.dirtRate,
      seed,
      firstDay: plan.firstDay,
    },
    {
      rng: new Random(deriveSeed(seed, 'dirt')),
      catalog,
      shoppers,
      inventory,
      stream: simulation.events(),
    },
  );
  const events = await eventsWriter.write();
  const people = new Random(deriveSeed(seed, 'people'));
  const files = [
    ...events.files,
    await writeCustomers(people, shoppers, events.lastActivity, {
      outDir,
      dirtRate: plan.dirtRate,
    }),
    await writeProducts(new Random(deriveSeed(seed, 'products')), catalog, {
      outDir,
      dirtRate: plan.dirtRate,
    }),
    await inventory.close(events.lastTime),
  ];
  const { rows, dirt } = addUp(files);
  const b2b = shoppers.b2b.reduce((sum, flag) => sum + flag, 0);
  return {
    seed,
    outDir,
    startTime: new Date(plan.start),
    endTime: new Date(events.lastTime),
    files,
    rows,
    dirt,
    invalidRows: invalidRows(dirt),
    sessions: simulation.sessions,
    customers: { b2b, b2c: shoppers.ids.length - b2b },
    eventTypes: events.eventTypes,
    durationMs: performance.now() - began,
  };
}
