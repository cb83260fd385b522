/** Runs a callback after a delay; injected so tests decide when time passes. */
export interface Scheduler {
  /** Schedules `callback` in `delayMs`; the returned function cancels it. */
  schedule(callback: () => void, delayMs: number): () => void;
}

export const timerScheduler: Scheduler = {
  schedule(callback, delayMs) {
    const timer = setTimeout(callback, delayMs);
    return () => clearTimeout(timer);
  },
};

export interface CoalescerOptions {
  /** A batch is handed over as soon as it holds this many calls... */
  maxBatch: number;
  /** ...and at the latest this long after its first call arrived, once a batch may start. */
  maxWaitMs: number;
  /**
   * Batches handled at the same time (default 1). Calls that arrive meanwhile wait and go together
   * as soon as a batch settles, so batches grow with the load.
   */
  maxInFlight?: number;
  scheduler?: Scheduler;
}

/** Handles a batch of calls; answers one result per call, in the order of the calls. */
export type BatchHandler<T, R> = (
  items: readonly T[],
) => Promise<readonly PromiseSettledResult<R>[]>;

interface Waiting<T, R> {
  item: T;
  resolve(value: R): void;
  reject(reason: unknown): void;
}

/**
 * Coalesces concurrent calls into batches, so work with a fixed cost per batch (a transaction, a
 * round trip) is paid once for calls that arrive together. Every call gets its own answer: the
 * handler's result for it, or the handler's error when the whole batch failed. Batches are handed
 * over in the order their calls arrived.
 */
export class Coalescer<T, R> {
  private readonly scheduler: Scheduler;
  private readonly maxInFlight: number;
  private readonly waiting: Waiting<T, R>[] = [];
  /** Whether the waiting calls may go: their wait is over or a batch is full. */
  private due = false;
  private cancelTimer: (() => void) | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly handle: BatchHandler<T, R>,
    private readonly options: CoalescerOptions,
  ) {
    if (!Number.isInteger(options.maxBatch) || options.maxBatch < 1) {
      throw new Error(`maxBatch must be a positive whole number, got ${options.maxBatch}`);
    }
    if (!(options.maxWaitMs >= 0)) {
      throw new Error(`maxWaitMs must not be negative, got ${options.maxWaitMs}`);
    }
    this.maxInFlight = options.maxInFlight ?? 1;
    if (!Number.isInteger(this.maxInFlight) || this.maxInFlight < 1) {
      throw new Error(`maxInFlight must be a positive whole number, got ${this.maxInFlight}`);
    }
    this.scheduler = options.scheduler ?? timerScheduler;
  }

  submit(item: T): Promise<R> {
    if (this.closed) return Promise.reject(new Error('the coalescer is closed'));
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.options.maxBatch) this.release();
      else if (!this.due) {
        this.cancelTimer ??= this.scheduler.schedule(() => this.release(), this.options.maxWaitMs);
      }
    });
  }

  /** Hands over what is waiting, refuses new calls, and resolves once every batch has settled. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.waiting.length > 0 || this.inFlight.size > 0) {
      this.release();
      await Promise.all(this.inFlight);
    }
  }

  private release(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.due = true;
    this.pump();
  }

  private pump(): void {
    while (this.due && this.waiting.length > 0 && this.inFlight.size < this.maxInFlight) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      // Calls left over have waited for a batch to settle: they go with the next one.
      this.due = this.waiting.length > 0;
      const run = this.run(batch).finally(() => {
        this.inFlight.delete(run);
        this.pump();
      });
      this.inFlight.add(run);
    }
  }

  private async run(batch: Waiting<T, R>[]): Promise<void> {
    let results: readonly PromiseSettledResult<R>[];
    try {
      results = await this.handle(batch.map((call) => call.item));
      if (results.length !== batch.length) {
        throw new Error(`the batch handler answered ${results.length} of ${batch.length} calls`);
      }
    } catch (error) {
      for (const call of batch) call.reject(error);
      return;
    }
    batch.forEach((call, i) => {
      const result = results[i];
      if (result.status === 'fulfilled') call.resolve(result.value);
      else call.reject(result.reason);
    });
  }
}
