/**
 * Exclusive ownership of PGlite's single backend. A client connection holds the gate from the
 * first message of a request cycle until the backend is idle again (ReadyForQuery 'I'), so an
 * open transaction or a half-sent extended-protocol batch is never interleaved with another
 * connection's messages. Waiters are served first come, first served.
 */
export class GateTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(
      `waited ${timeoutMs} ms for another connection's transaction to finish ` +
        '(embedded PostgreSQL runs one transaction at a time)',
    );
    this.name = 'GateTimeoutError';
  }
}

export class GateCancelledError extends Error {
  constructor() {
    super('connection closed while waiting for the embedded PostgreSQL backend');
    this.name = 'GateCancelledError';
  }
}

interface Waiter {
  readonly owner: object;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export class BackendGate {
  #owner: object | null = null;
  #waiters: Waiter[] = [];

  isHeldBy(owner: object): boolean {
    return this.#owner === owner;
  }

  acquire(owner: object, timeoutMs: number): Promise<void> {
    if (this.#owner === owner) return Promise.resolve();
    if (this.#owner === null && this.#waiters.length === 0) {
      this.#owner = owner;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        owner,
        resolve,
        reject,
        timer: setTimeout(() => this.#reject(waiter, new GateTimeoutError(timeoutMs)), timeoutMs),
      };
      this.#waiters.push(waiter);
    });
  }

  release(owner: object): void {
    if (this.#owner !== owner) return;
    this.#owner = null;
    const next = this.#waiters.shift();
    if (next === undefined) return;
    clearTimeout(next.timer);
    this.#owner = next.owner;
    next.resolve();
  }

  /** Drops the owner's pending acquisitions, e.g. when its client disconnects. */
  cancel(owner: object): void {
    for (const waiter of this.#waiters.filter((candidate) => candidate.owner === owner)) {
      this.#reject(waiter, new GateCancelledError());
    }
  }

  #reject(waiter: Waiter, error: Error): void {
    clearTimeout(waiter.timer);
    this.#waiters = this.#waiters.filter((candidate) => candidate !== waiter);
    waiter.reject(error);
  }
}
