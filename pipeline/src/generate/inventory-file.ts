import { join } from 'node:path';
import type { Catalog } from './catalog.js';
import { countDirt, DirtSchedule, INVENTORY_DIRT, invalidRows, type DirtCounts } from './dirt.js';
import type { Random } from './random.js';
import type { GeneratedFile } from './summary.js';
import { formatDate, TextFileWriter } from './text-file.js';

export const INVENTORY_HEADER = 'snapshot_date,product_id,quantity_on_hand';
const DAY_MS = 86_400_000;
const BAD_QUANTITIES = ['n/a', '12.5', '-', 'many'];

/**
 * Stock of every product, written as a snapshot at each UTC midnight the events pass; purchases
 * draw it down and a restock arrives when it runs low.
 */
export class InventoryLedger {
  private readonly stock: Int32Array;
  private readonly reorderAt: Int32Array;
  private readonly restock: Int32Array;
  private readonly dirt: DirtCounts = {};
  private schedule: DirtSchedule<(typeof INVENTORY_DIRT)[number]>;
  private nextSnapshot: number;
  private rows = 0;

  private constructor(
    private readonly rng: Random,
    private readonly catalog: Catalog,
    private readonly writer: TextFileWriter,
    private readonly name: string,
    private readonly path: string,
    firstDay: number,
    dailyUnits: number,
    days: number,
    dirtRate: number,
  ) {
    const count = catalog.products.length;
    this.stock = new Int32Array(count);
    this.reorderAt = new Int32Array(count);
    this.restock = new Int32Array(count);
    const total = catalog.popularity[count - 1] ?? 1;
    for (let i = 0; i < count; i += 1) {
      const share = ((catalog.popularity[i] ?? 0) - (catalog.popularity[i - 1] ?? 0)) / total;
      const daily = Math.max(0.2, share * dailyUnits);
      this.reorderAt[i] = Math.ceil(daily * 5);
      this.restock[i] = Math.ceil(daily * 20) + 5;
      this.stock[i] = rng.int(this.reorderAt[i] ?? 1, (this.restock[i] ?? 5) * 2);
    }
    this.nextSnapshot = firstDay;
    this.schedule = new DirtSchedule(rng, count * (days + 1), dirtRate / 4, INVENTORY_DIRT);
  }

  static async create(
    rng: Random,
    catalog: Catalog,
    outDir: string,
    options: { firstDay: number; dailyUnits: number; days: number; dirtRate: number },
  ): Promise<InventoryLedger> {
    const name = 'inventory-001.csv';
    const path = join(outDir, name);
    const writer = await TextFileWriter.create(path);
    writer.push(INVENTORY_HEADER);
    const { firstDay, dailyUnits, days, dirtRate } = options;
    return new InventoryLedger(
      rng,
      catalog,
      writer,
      name,
      path,
      firstDay,
      dailyUnits,
      days,
      dirtRate,
    );
  }

  due(time: number): boolean {
    return time >= this.nextSnapshot;
  }

  /** Writes the snapshots of every midnight up to `time`. */
  async advanceTo(time: number): Promise<void> {
    while (this.nextSnapshot <= time) {
      await this.snapshot(this.nextSnapshot);
      this.nextSnapshot += DAY_MS;
    }
  }

  sell(product: number): void {
    const left = (this.stock[product] ?? 0) - 1;
    // Sold out: an urgent delivery, rather than a negative stock nobody would believe.
    this.stock[product] = left > 0 ? left : left + (this.restock[product] ?? 1);
  }

  private async snapshot(day: number): Promise<void> {
    const date = formatDate(day);
    for (let i = 0; i < this.catalog.products.length; i += 1) {
      if ((this.stock[i] ?? 0) <= (this.reorderAt[i] ?? 0))
        this.stock[i] = (this.stock[i] ?? 0) + (this.restock[i] ?? 0);
      let quantity = String(this.stock[i]);
      const dirt = this.schedule.at(this.rows);
      if (dirt) {
        countDirt(this.dirt, dirt);
        quantity = this.rng.pick(BAD_QUANTITIES);
      }
      this.rows += 1;
      this.writer.push(`${date},${this.catalog.products[i]?.productId},${quantity}`);
      if (this.writer.full) await this.writer.flush();
    }
  }

  async close(lastTime: number): Promise<GeneratedFile> {
    await this.advanceTo(lastTime);
    await this.writer.close();
    return {
      name: this.name,
      path: this.path,
      source: 'inventory',
      rows: this.rows,
      bytes: this.writer.bytes,
      lineEnding: 'lf',
      truncatedLastLine: false,
      dirt: this.dirt,
      invalidRows: invalidRows(this.dirt),
    };
  }
}
