import { Coalescer, type BatchHandler, type Scheduler } from './coalescer.js';

/** A scheduler whose time passes only when the test says so. */
class ManualScheduler implements Scheduler {
  private timers: { at: number; callback: () => void }[] = [];
  private now = 0;

  schedule(callback: () => void, delayMs: number): () => void {
    const timer = { at: this.now + delayMs, callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  get pending(): number {
    return this.timers.length;
  }

  advance(ms: number): void {
    this.now += ms;
    const due = this.timers.filter((t) => t.at <= this.now);
    this.timers = this.timers.filter((t) => t.at > this.now);
    for (const timer of due) timer.callback();
  }
}

const fulfilled = <R>(value: R): PromiseSettledResult<R> => ({ status: 'fulfilled', value });

function recording(
  answer: (item: number) => PromiseSettledResult<string> = (n) => fulfilled(`#${n}`),
) {
  const batches: number[][] = [];
  const handler: BatchHandler<number, string> = (items) => {
    batches.push([...items]);
    return Promise.resolve(items.map(answer));
  };
  return { batches, handler };
}

/** Lets pending promise callbacks run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Coalescer', () => {
  it('hands calls that arrive within the wait over as one batch, answering each call', async () => {
    const scheduler = new ManualScheduler();
    const { batches, handler } = recording();
    const coalescer = new Coalescer(handler, { maxBatch: 10, maxWaitMs: 5, scheduler });

    const answers = Promise.all([1, 2, 3].map((n) => coalescer.submit(n)));
    scheduler.advance(4);
    await settle();
    expect(batches).toEqual([]);
    scheduler.advance(1);

    await expect(answers).resolves.toEqual(['#1', '#2', '#3']);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(scheduler.pending).toBe(0);
  });

  it('hands a batch over as soon as it is full, without waiting', async () => {
    const scheduler = new ManualScheduler();
    const { batches, handler } = recording();
    const coalescer = new Coalescer(handler, { maxBatch: 2, maxWaitMs: 5, scheduler });

    const full = Promise.all([coalescer.submit(1), coalescer.submit(2)]);
    const third = coalescer.submit(3);
    await expect(full).resolves.toEqual(['#1', '#2']);
    expect(batches).toEqual([[1, 2]]);

    scheduler.advance(5);
    await expect(third).resolves.toBe('#3');
    expect(batches).toEqual([[1, 2], [3]]);
  });

  it('starts the wait of a new batch at its own first call', async () => {
    const scheduler = new ManualScheduler();
    const { batches, handler } = recording();
    const coalescer = new Coalescer(handler, { maxBatch: 10, maxWaitMs: 5, scheduler });

    const first = coalescer.submit(1);
    scheduler.advance(5);
    await first;
    scheduler.advance(3);
    const second = coalescer.submit(2);
    scheduler.advance(4);
    await settle();
    expect(batches).toEqual([[1]]);
    scheduler.advance(1);
    await expect(second).resolves.toBe('#2');
    expect(batches).toEqual([[1], [2]]);
  });

  it('fails only the call the handler answered with an error', async () => {
    const scheduler = new ManualScheduler();
    const { handler } = recording((n) =>
      n === 2 ? { status: 'rejected', reason: new Error('bad 2') } : fulfilled(`#${n}`),
    );
    const coalescer = new Coalescer(handler, { maxBatch: 3, maxWaitMs: 5, scheduler });

    const results = await Promise.allSettled([1, 2, 3].map((n) => coalescer.submit(n)));
    expect(results).toEqual([
      fulfilled('#1'),
      { status: 'rejected', reason: new Error('bad 2') },
      fulfilled('#3'),
    ]);
  });

  it('fails every call of a batch whose handler throws, and keeps serving later calls', async () => {
    const scheduler = new ManualScheduler();
    let calls = 0;
    const coalescer = new Coalescer<number, number>(
      (items) => {
        calls += 1;
        if (calls === 1) return Promise.reject(new Error('database down'));
        return Promise.resolve(items.map((n) => fulfilled(n * 10)));
      },
      { maxBatch: 2, maxWaitMs: 5, scheduler },
    );

    const failed = await Promise.allSettled([coalescer.submit(1), coalescer.submit(2)]);
    expect(failed.map((r) => r.status === 'rejected' && (r.reason as Error).message)).toEqual([
      'database down',
      'database down',
    ]);
    await expect(Promise.all([coalescer.submit(3), coalescer.submit(4)])).resolves.toEqual([
      30, 40,
    ]);
  });

  it('fails a batch whose handler answers a different number of results', async () => {
    const scheduler = new ManualScheduler();
    const coalescer = new Coalescer<number, number>(() => Promise.resolve([fulfilled(1)]), {
      maxBatch: 2,
      maxWaitMs: 5,
      scheduler,
    });
    const results = await Promise.allSettled([coalescer.submit(1), coalescer.submit(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toEqual(
      new Error('the batch handler answered 1 of 2 calls'),
    );
  });

  it('holds calls while a batch is in flight and hands them over together once it settles', async () => {
    const scheduler = new ManualScheduler();
    const gates: (() => void)[] = [];
    const batches: number[][] = [];
    const coalescer = new Coalescer<number, number>(
      async (items) => {
        batches.push([...items]);
        await new Promise<void>((resolve) => gates.push(resolve));
        return items.map((n) => fulfilled(n));
      },
      { maxBatch: 2, maxWaitMs: 5, scheduler },
    );

    const first = coalescer.submit(1);
    scheduler.advance(5);
    const later = [2, 3, 4, 5, 6].map((n) => coalescer.submit(n));
    scheduler.advance(5);
    await settle();
    expect(batches).toEqual([[1]]);

    gates[0]();
    await first;
    await settle();
    expect(batches).toEqual([[1], [2, 3]]);
    gates[1]();
    await settle();
    expect(batches).toEqual([[1], [2, 3], [4, 5]]);
    gates[2]();
    await settle();
    gates[3]();
    await expect(Promise.all(later)).resolves.toEqual([2, 3, 4, 5, 6]);
    expect(batches).toEqual([[1], [2, 3], [4, 5], [6]]);
  });

  it('handles as many batches at once as maxInFlight allows', async () => {
    const scheduler = new ManualScheduler();
    let running = 0;
    let peak = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const coalescer = new Coalescer<number, number>(
      async (items) => {
        running += 1;
        peak = Math.max(peak, running);
        await gate;
        running -= 1;
        return items.map((n) => fulfilled(n));
      },
      { maxBatch: 1, maxWaitMs: 5, maxInFlight: 2, scheduler },
    );
    const all = Promise.all([1, 2, 3].map((n) => coalescer.submit(n)));
    await settle();
    expect(running).toBe(2);
    release();
    await expect(all).resolves.toEqual([1, 2, 3]);
    expect(peak).toBe(2);
  });

  it('on close hands over what waits, waits for batches in flight and refuses new calls', async () => {
    const scheduler = new ManualScheduler();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const done: number[][] = [];
    const coalescer = new Coalescer<number, number>(
      async (items) => {
        await gate;
        done.push([...items]);
        return items.map((n) => fulfilled(n));
      },
      { maxBatch: 10, maxWaitMs: 5, scheduler },
    );

    const waiting = coalescer.submit(1);
    const closed = coalescer.close();
    await settle();
    expect(done).toEqual([]);
    release();
    await closed;
    expect(done).toEqual([[1]]);
    await expect(waiting).resolves.toBe(1);
    expect(scheduler.pending).toBe(0);
    await expect(coalescer.submit(2)).rejects.toThrow('the coalescer is closed');
  });

  it('refuses options that cannot form a batch', () => {
    const { handler } = recording();
    expect(() => new Coalescer(handler, { maxBatch: 0, maxWaitMs: 5 })).toThrow(/maxBatch/);
    expect(() => new Coalescer(handler, { maxBatch: 2, maxWaitMs: -1 })).toThrow(/maxWaitMs/);
    expect(() => new Coalescer(handler, { maxBatch: 2, maxWaitMs: 5, maxInFlight: 0 })).toThrow(
      /maxInFlight/,
    );
  });
});
