import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { EVENT_HEADER, parseEventRow, splitCsvLine, type ShopEvent } from '../src/event-row.js';
import { generateShopData } from '../src/generate/generate-shop-data.js';
import type { ShopDataSummary } from '../src/generate/summary.js';
import { CUSTOMER_HEADER, parseCustomerRow } from '../src/load/customer-row.js';
import { INVENTORY_HEADER } from '../src/load/inventory-row.js';
import { PRODUCT_HEADER } from '../src/load/product-row.js';
import { fileLines, tempDir } from './support/files.js';

const THIRTY_MINUTES = 30 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Shop {
  dir: string;
  summary: ShopDataSummary;
  events: ShopEvent[];
  customerType: Map<string, 'b2b' | 'b2c'>;
}

async function readShop(dir: string, summary: ShopDataSummary): Promise<Shop> {
  const events: ShopEvent[] = [];
  for (const file of summary.files.filter((f) => f.source === 'events')) {
    for (const line of (await fileLines(file.path)).slice(1)) {
      const parsed = parseEventRow(line);
      if (parsed.ok) events.push(parsed.event);
    }
  }
  const customerType = new Map<string, 'b2b' | 'b2c'>();
  for (const line of (await fileLines(join(dir, 'customers-001.csv'))).slice(1)) {
    const [id, ...rest] = splitCsvLine(line);
    customerType.set(id ?? '', rest[11] === 'b2b' ? 'b2b' : 'b2c');
  }
  return { dir, summary, events, customerType };
}

function bySession(events: ShopEvent[]): Map<string, ShopEvent[]> {
  const sessions = new Map<string, ShopEvent[]>();
  for (const event of events) {
    const list = sessions.get(event.userSession) ?? [];
    list.push(event);
    sessions.set(event.userSession, list);
  }
  return sessions;
}

async function digestFolder(dir: string): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort())
    digests[name] = createHash('sha256')
      .update(await readFile(join(dir, name)))
      .digest('hex');
  return digests;
}

describe('generateShopData', () => {
  const folders: { remove(): Promise<void> }[] = [];
  let shop: Shop;

  beforeAll(async () => {
    const out = await tempDir('shop');
    folders.push(out);
    const summary = await generateShopData({
      events: 60_000,
      seed: 42,
      outDir: out.path,
      files: 3,
    });
    shop = await readShop(out.path, summary);
  });

  afterAll(async () => {
    await Promise.all(folders.map((folder) => folder.remove()));
  });

  it('is deterministic for a seed and differs between seeds', async () => {
    const [a, b, c] = await Promise.all([tempDir('a'), tempDir('b'), tempDir('c')]);
    folders.push(a, b, c);
    await generateShopData({ events: 5_000, seed: 7, outDir: a.path });
    await generateShopData({ events: 5_000, seed: 7, outDir: b.path });
    await generateShopData({ events: 5_000, seed: 8, outDir: c.path });
    const [da, db, dc] = await Promise.all([a, b, c].map((d) => digestFolder(d.path)));
    expect(Object.keys(da ?? {})).toEqual([
      'customers-001.csv',
      'events-001.csv',
      'events-002.csv',
      'inventory-001.csv',
      'products-001.csv',
    ]);
    expect(db).toEqual(da);
    expect(dc?.['events-001.csv']).not.toEqual(da?.['events-001.csv']);
  });

  it('writes the exact headers and as many event lines as asked', async () => {
    const heads = async (name: string) => (await fileLines(join(shop.dir, name)))[0];
    expect(await heads('events-001.csv')).toBe(
      'event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session',
    );
    expect(await heads('events-001.csv')).toBe(EVENT_HEADER.join(','));
    expect(await heads('customers-001.csv')).toBe(CUSTOMER_HEADER.join(','));
    expect(await heads('products-001.csv')).toBe(PRODUCT_HEADER.join(','));
    expect(await heads('inventory-001.csv')).toBe(INVENTORY_HEADER.join(','));
    expect(shop.summary.rows.events).toBe(60_000);
    for (const file of shop.summary.files)
      expect((await fileLines(file.path)).length - 1).toBe(file.rows);
  });

  it('writes values shaped like the REES46 export, in time order', async () => {
    const raw = (await fileLines(join(shop.dir, 'events-002.csv')))[1] ?? '';
    expect(raw).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC,(view|cart|removefromcart|purchase),\d+,\d{19},/,
    );
    let previous = 0;
    const odd = { order: 0, category: 0, session: 0, brand: 0, code: 0 };
    for (const e of shop.events) {
      if (!/^\d{19}$/.test(e.categoryId)) odd.category += 1;
      if (!UUID.test(e.userSession)) odd.session += 1;
      if (e.brand !== null && !/^[a-z-]+$/.test(e.brand)) odd.brand += 1;
      if (e.categoryCode !== null && !/^[a-z_]+(\.[a-z_]+)+$/.test(e.categoryCode)) odd.code += 1;
      if (e.eventTime.getTime() < previous) odd.order += 1;
      previous = e.eventTime.getTime();
    }
    expect(odd).toEqual({ order: 0, category: 0, session: 0, brand: 0, code: 0 });
    const share = (f: (e: ShopEvent) => boolean) =>
      shop.events.filter(f).length / shop.events.length;
    expect(share((e) => e.categoryCode === null)).toBeGreaterThan(0.1);
    expect(share((e) => e.categoryCode === null)).toBeLessThan(0.6);
    expect(share((e) => e.brand === null)).toBeGreaterThan(0.03);
    expect(share((e) => e.brand === null)).toBeLessThan(0.3);
  });

  it('follows a realistic funnel: most sessions only view, fewer cart, fewer still buy', () => {
    const count = (type: string) => shop.events.filter((e) => e.eventType === type).length;
    const total = shop.events.length;
    expect(count('view') / total).toBeGreaterThan(0.8);
    expect(count('view') / total).toBeLessThan(0.97);
    expect(count('cart') / total).toBeGreaterThan(0.02);
    expect(count('cart') / total).toBeLessThan(0.12);
    expect(count('purchase') / total).toBeGreaterThan(0.005);
    expect(count('purchase')).toBeLessThan(count('cart'));
    expect(count('removefromcart')).toBeGreaterThan(0);
    const sessions = [...bySession(shop.events).values()];
    const has = (s: ShopEvent[], type: string) => s.some((e) => e.eventType === type);
    const viewOnly = sessions.filter((s) => s.every((e) => e.eventType === 'view')).length;
    const buying = sessions.filter((s) => has(s, 'purchase')).length;
    const abandoned = sessions.filter((s) => has(s, 'cart') && !has(s, 'purchase')).length;
    expect(viewOnly / sessions.length).toBeGreaterThan(0.6);
    expect(buying / sessions.length).toBeGreaterThan(0.01);
    expect(buying / sessions.length).toBeLessThan(0.15);
    expect(abandoned).toBeGreaterThan(0);
  });

  it('breaks sessions after 30 minutes of inactivity', () => {
    const byUser = new Map<string, ShopEvent[]>();
    for (const e of shop.events) {
      const list = byUser.get(e.userId) ?? [];
      list.push(e);
      byUser.set(e.userId, list);
    }
    const found = { longGapInSession: 0, shortGapBetweenSessions: 0, sharedSession: 0 };
    let returns = 0;
    const owner = new Map<string, string>();
    for (const events of byUser.values()) {
      for (let i = 1; i < events.length; i += 1) {
        const [before, after] = [events[i - 1], events[i]];
        const gap = after.eventTime.getTime() - before.eventTime.getTime();
        if (before.userSession === after.userSession) {
          if (gap > THIRTY_MINUTES) found.longGapInSession += 1;
        } else {
          if (gap <= THIRTY_MINUTES) found.shortGapBetweenSessions += 1;
          returns += 1;
        }
      }
      for (const e of events) {
        if ((owner.get(e.userSession) ?? e.userId) !== e.userId) found.sharedSession += 1;
        owner.set(e.userSession, e.userId);
      }
    }
    expect(found).toEqual({ longGapInSession: 0, shortGapBetweenSessions: 0, sharedSession: 0 });
    expect(returns).toBeGreaterThan(0);
  });

  it('mixes business bulk orders with many small consumer orders', () => {
    const orders = {
      b2b: [] as { units: number; total: number }[],
      b2c: [] as { units: number; total: number }[],
    };
    const sessionsOf = { b2b: 0, b2c: 0 };
    for (const events of bySession(shop.events).values()) {
      const type = shop.customerType.get(events[0]?.userId ?? '') ?? 'b2c';
      sessionsOf[type] += 1;
      const bought = events.filter((e) => e.eventType === 'purchase');
      if (bought.length > 0)
        orders[type].push({ units: bought.length, total: bought.reduce((s, e) => s + e.price, 0) });
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(orders.b2b.length).toBeGreaterThan(3);
    expect(orders.b2c.length).toBeGreaterThan(orders.b2b.length * 5);
    expect(mean(orders.b2b.map((o) => o.units))).toBeGreaterThan(
      5 * mean(orders.b2c.map((o) => o.units)),
    );
    expect(mean(orders.b2b.map((o) => o.total))).toBeGreaterThan(
      5 * mean(orders.b2c.map((o) => o.total)),
    );
    const { b2b, b2c } = shop.summary.customers;
    expect(sessionsOf.b2b / b2b).toBeLessThan(sessionsOf.b2c / b2c);
  });

  it('writes the requested share of dirt, each kind, and reports it exactly', async () => {
    const { summary } = shop;
    let invalid = 0;
    let duplicates = 0;
    for (const file of summary.files.filter((f) => f.source === 'events')) {
      const lines = (await fileLines(file.path)).slice(1);
      const bad = lines.filter((line) => !parseEventRow(line).ok).length;
      expect(bad).toBe(file.invalidRows);
      invalid += bad;
      duplicates += lines.filter((line, i) => i > 0 && line === lines[i - 1]).length;
    }
    expect(duplicates).toBeGreaterThanOrEqual(summary.dirt.duplicate ?? 0);
    const dirty = (invalid + (summary.dirt.duplicate ?? 0)) / summary.rows.events;
    expect(dirty).toBeGreaterThan(0.01);
    expect(dirty).toBeLessThan(0.03);
    for (const kind of [
      'duplicate',
      'negative_price',
      'missing_price',
      'bad_timestamp',
      'wrong_field_count',
      'garbage',
      'missing_session',
      'unknown_event_type',
      'truncated_line',
      'missing_email',
      'bad_birth_date',
      'negative_cost_price',
      'bad_quantity',
    ] as const)
      expect(summary.dirt[kind]).toBeGreaterThan(0);
  });

  it('writes one CRLF file and cuts the last line of the last file', async () => {
    const [first, second, last] = shop.summary.files.filter((f) => f.source === 'events');
    const text = async (path = '') => readFile(path, 'utf8');
    const crlf = await text(first?.path);
    expect(
      crlf
        .split('\n')
        .slice(0, -1)
        .every((l) => l.endsWith('\r')),
    ).toBe(true);
    expect(await text(second?.path)).not.toContain('\r');
    const cut = await text(last?.path);
    expect(cut.endsWith('\n')).toBe(false);
    expect(parseEventRow(cut.slice(cut.lastIndexOf('\n') + 1)).ok).toBe(false);
    expect(last?.truncatedLastLine).toBe(true);
  });

  it('writes clean LF files when dirtRate is 0', async () => {
    const out = await tempDir('clean');
    folders.push(out);
    const summary = await generateShopData({
      events: 3_000,
      seed: 1,
      outDir: out.path,
      dirtRate: 0,
    });
    expect(summary.invalidRows).toBe(0);
    expect(summary.dirt).toEqual({});
    for (const file of summary.files) {
      const text = await readFile(file.path, 'utf8');
      expect(text).not.toContain('\r');
      expect(text.endsWith('\n')).toBe(true);
    }
  });

  it('writes customers for every shopper, products and daily inventory', async () => {
    const users = new Set(shop.events.map((e) => e.userId));
    for (const user of users) expect(shop.customerType.has(user)).toBe(true);
    const customers = (await fileLines(join(shop.dir, 'customers-001.csv')))
      .slice(1)
      .map(parseCustomerRow);
    const valid = customers.flatMap((c) => (c.ok ? [c.row] : []));
    expect(valid.filter((c) => c.customerType === 'b2b').every((c) => c.companyName)).toBe(true);
    expect(valid.some((c) => c.email === null)).toBe(true);
    expect(valid.every((c) => c.email === null || /^[a-z0-9.]+@[a-z0-9.-]+$/.test(c.email))).toBe(
      true,
    );
    expect(customers.length - valid.length).toBe(shop.summary.dirt.bad_birth_date);
    const products = (await fileLines(join(shop.dir, 'products-001.csv'))).length - 1;
    const inventory = (await fileLines(join(shop.dir, 'inventory-001.csv'))).slice(1);
    const days = new Set(inventory.map((line) => line.slice(0, 10)));
    expect(inventory.length).toBe(products * days.size);
    expect(days.size).toBeGreaterThanOrEqual(1);
  });
});
