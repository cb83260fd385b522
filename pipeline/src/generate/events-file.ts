import { join } from 'node:path';
import { EVENT_HEADER } from '../event-row.js';
import type { Catalog } from './catalog.js';
import { countDirt, DirtSchedule, EVENT_DIRT, invalidRows, type DirtCounts } from './dirt.js';
import { joinEvent, spoilEvent, truncateLine, type EventFields } from './event-dirt.js';
import type { InventoryLedger } from './inventory-file.js';
import { dayIndex, discountOn, formatCents, priceCents } from './pricing.js';
import type { Random } from './random.js';
import { EVENT_TYPE_NAMES, PURCHASE } from './session-plan.js';
import type { Shoppers } from './shoppers.js';
import type { SimulatedEvent } from './simulation.js';
import type { GeneratedFile, ShopDataSummary } from './summary.js';
import { formatTimestamp, TextFileWriter } from './text-file.js';

export interface EventFilesPlan {
  outDir: string;
  events: number;
  files: number;
  dirtRate: number;
  seed: number;
  firstDay: number;
}

export interface EventWorld {
  rng: Random;
  catalog: Catalog;
  shoppers: Shoppers;
  inventory: InventoryLedger;
  stream: Iterator<SimulatedEvent>;
}

export interface EventFilesResult {
  files: GeneratedFile[];
  eventTypes: ShopDataSummary['eventTypes'];
  lastActivity: Float64Array;
  lastTime: number;
}

/** Writes the event files: time-ordered, split in `files` parts, with the requested dirt. */
export class EventFilesWriter {
  private readonly schedule: DirtSchedule<(typeof EVENT_DIRT)[number]>;
  private readonly lastActivity: Float64Array;
  private readonly eventTypes = { view: 0, cart: 0, removefromcart: 0, purchase: 0 };
  private written = 0;
  private lastTime = 0;

  constructor(
    private readonly plan: EventFilesPlan,
    private readonly world: EventWorld,
  ) {
    this.schedule = new DirtSchedule(world.rng, plan.events, plan.dirtRate, EVENT_DIRT);
    this.lastActivity = new Float64Array(world.shoppers.ids.length).fill(Number.NaN);
  }

  async write(): Promise<EventFilesResult> {
    const { events, files } = this.plan;
    const written: GeneratedFile[] = [];
    for (let index = 0; index < files; index += 1) {
      const rows = Math.floor(events / files) + (index < events % files ? 1 : 0);
      written.push(await this.writeFile(index, rows));
    }
    const { eventTypes, lastActivity, lastTime } = this;
    return { files: written, eventTypes, lastActivity, lastTime };
  }

  private async writeFile(index: number, rows: number): Promise<GeneratedFile> {
    const { outDir, dirtRate, files } = this.plan;
    const dirty = dirtRate > 0;
    // The first file has Windows line endings, the last one stops in the middle of a line.
    const crlf = dirty && index === 0;
    const truncate = dirty && index === files - 1 && rows > 0;
    const name = `events-${String(index + 1).padStart(3, '0')}.csv`;
    const writer = await TextFileWriter.create(join(outDir, name), crlf ? '\r\n' : '\n');
    writer.push(EVENT_HEADER.join(','));
    const dirt: DirtCounts = {};
    for (let row = 0; row < rows;) {
      const event = this.nextEvent();
      if (this.world.inventory.due(event.time)) await this.world.inventory.advanceTo(event.time);
      const fields = this.fieldsOf(event);
      if (truncate && row === rows - 1) {
        writer.pushRaw(truncateLine(this.world.rng, joinEvent(fields)));
        countDirt(dirt, 'truncated_line');
        row += 1;
      } else {
        const room = rows - row - (truncate ? 1 : 0);
        row += this.writeEvent(writer, event, fields, dirt, room);
      }
      if (writer.full) await writer.flush();
    }
    await writer.close();
    return {
      name,
      path: join(outDir, name),
      source: 'events',
      rows,
      bytes: writer.bytes,
      lineEnding: crlf ? 'crlf' : 'lf',
      truncatedLastLine: truncate,
      dirt,
      invalidRows: invalidRows(dirt),
    };
  }

  private nextEvent(): SimulatedEvent {
    const next = this.world.stream.next();
    if (next.done) throw new Error('the shop simulation ended early');
    const event = next.value;
    this.lastActivity[event.user] = event.time;
    this.lastTime = event.time;
    if (event.type === PURCHASE) this.world.inventory.sell(event.product);
    return event;
  }

  private fieldsOf(event: SimulatedEvent): EventFields {
    const { catalog, shoppers } = this.world;
    const product = catalog.products[event.product];
    if (!product) throw new Error(`no product #${event.product}`);
    const discount = discountOn(
      this.plan.seed,
      event.product,
      dayIndex(event.time, this.plan.firstDay),
    );
    return {
      time: formatTimestamp(event.time),
      type: EVENT_TYPE_NAMES[event.type] ?? 'view',
      middle: product.csvMiddle,
      price: formatCents(priceCents(product.listCents, discount)),
      user: shoppers.ids[event.user] ?? '',
      session: event.session,
    };
  }

  /** Writes one event, clean, spoiled or duplicated; returns how many lines it took. */
  private writeEvent(
    writer: TextFileWriter,
    event: SimulatedEvent,
    fields: EventFields,
    dirt: DirtCounts,
    room: number,
  ): number {
    const kind = this.schedule.at(this.written);
    const line = joinEvent(fields);
    if (kind === 'duplicate' && room >= 2) {
      writer.push(line);
      writer.push(line);
      countDirt(dirt, kind);
      this.eventTypes[EVENT_TYPE_NAMES[event.type] ?? 'view'] += 1;
      this.written += 2;
      return 2;
    }
    if (kind !== null && kind !== 'duplicate') {
      writer.push(spoilEvent(this.world.rng, fields, kind));
      countDirt(dirt, kind);
    } else {
      writer.push(line);
      this.eventTypes[EVENT_TYPE_NAMES[event.type] ?? 'view'] += 1;
    }
    this.written += 1;
    return 1;
  }
}
