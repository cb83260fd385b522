import { MinHeap, type Timed } from './min-heap.js';
import {
  planBusinessSession,
  planConsumerSession,
  type PlanContext,
  type PlannedSession,
} from './session-plan.js';

export interface SimulatedEvent {
  time: number;
  type: number;
  product: number;
  user: number;
  session: string;
}

type Item =
  | (Timed & { kind: 'arrival' })
  | (Timed & { kind: 'return'; user: number; cart: number[] })
  | (Timed & { kind: 'session'; plan: PlannedSession; index: number });

export interface SimulationWindow {
  start: number;
  end: number;
  /** How many events the caller will take; arrivals are paced to spread them over the window. */
  events: number;
}

const MINUTE = 60_000;
export const SESSION_TIMEOUT_MS = 30 * MINUTE;
const EVENTS_PER_SESSION = 4.1;
/** Relative traffic by UTC hour: quiet nights, busy evenings. */
const HOURLY_TRAFFIC = [
  0.3, 0.2, 0.15, 0.12, 0.12, 0.2, 0.4, 0.7, 0.9, 1, 1.05, 1.1, 1.15, 1.1, 1.05, 1.05, 1.1, 1.2,
  1.35, 1.5, 1.55, 1.4, 1, 0.6,
];

const MEAN_TRAFFIC = HOURLY_TRAFFIC.reduce((sum, x) => sum + x, 0) / HOURLY_TRAFFIC.length;

/** Shopper sessions, interleaved and yielded in time order, with a bounded set of live sessions. */
export class ShopSimulation {
  private readonly heap = new MinHeap<Item>();
  private readonly busyUntil: Float64Array;
  private seq = 0;
  private emitted = 0;
  /** Sessions with at least one event yielded. */
  sessions = 0;

  constructor(
    private readonly ctx: PlanContext,
    private readonly window: SimulationWindow,
  ) {
    this.busyUntil = new Float64Array(ctx.shoppers.ids.length).fill(-Infinity);
    this.heap.push({ kind: 'arrival', time: window.start, seq: this.seq++ });
  }

  /** Reused for every event, to spare the garbage collector millions of objects. */
  private readonly current: SimulatedEvent = { time: 0, type: 0, product: 0, user: 0, session: '' };

  /** Events in time order; each yielded object is only valid until the next one is taken. */
  *events(): Generator<SimulatedEvent> {
    for (let item = this.heap.pop(); item; item = this.heap.pop()) {
      if (item.kind === 'arrival') this.arrive(item.time);
      else if (item.kind === 'return') this.comeBack(item);
      else {
        const { plan, index } = item;
        const event = this.current;
        this.emitted += 1;
        if (index === 0) this.sessions += 1;
        event.time = item.time;
        event.type = plan.types[index] ?? 0;
        event.product = plan.products[index] ?? 0;
        event.user = plan.user;
        event.session = plan.session;
        yield event;
        this.advance(item);
      }
    }
  }

  private advance(item: Timed & { kind: 'session'; plan: PlannedSession; index: number }): void {
    const { plan } = item;
    const next = item.index + 1;
    if (next < plan.times.length) {
      item.index = next;
      item.time = plan.times[next] ?? item.time;
      this.heap.push(item);
      return;
    }
    // Some shoppers who left a cart come back later, after the session expired.
    if (plan.abandoned.length > 0 && this.ctx.rng.chance(0.25)) {
      const pause = SESSION_TIMEOUT_MS + this.ctx.rng.int(1, 210) * MINUTE;
      const time = (plan.times[plan.times.length - 1] ?? item.time) + pause;
      this.heap.push({
        kind: 'return',
        user: plan.user,
        cart: plan.abandoned,
        time,
        seq: this.seq++,
      });
    }
  }

  private idle(user: number, time: number): boolean {
    return time - (this.busyUntil[user] ?? -Infinity) > SESSION_TIMEOUT_MS;
  }

  private start(plan: PlannedSession): void {
    this.busyUntil[plan.user] = plan.times[plan.times.length - 1] ?? 0;
    this.heap.push({ kind: 'session', plan, index: 0, time: plan.times[0] ?? 0, seq: this.seq++ });
  }

  private arrive(time: number): void {
    const { rng, shoppers } = this.ctx;
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const user = rng.weighted(shoppers.activity);
      if (!this.idle(user, time)) continue;
      this.start(
        shoppers.b2b[user] === 1
          ? planBusinessSession(this.ctx, user, time)
          : planConsumerSession(this.ctx, user, time),
      );
      break;
    }
    this.heap.push({ kind: 'arrival', time: this.nextArrival(time), seq: this.seq++ });
  }

  private comeBack(item: Timed & { user: number; cart: number[] }): void {
    if (this.idle(item.user, item.time))
      this.start(planConsumerSession(this.ctx, item.user, item.time, item.cart));
  }

  /** Paces arrivals so the requested events spread over the window, whatever the sessions' sizes. */
  private nextArrival(time: number): number {
    const { start, end, events } = this.window;
    const remainingEvents = Math.max(1, events - this.emitted);
    const remainingTime = Math.max(end - time, (end - start) * 0.02);
    const meanGap = remainingTime / Math.max(1, remainingEvents / EVENTS_PER_SESSION);
    const traffic = (HOURLY_TRAFFIC[new Date(time).getUTCHours()] ?? 1) / MEAN_TRAFFIC;
    const gap = this.ctx.rng.exponential(meanGap / traffic);
    return time + Math.round(gap / 1_000) * 1_000;
  }
}
