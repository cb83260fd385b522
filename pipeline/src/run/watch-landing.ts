import { setTimeout as sleep } from 'node:timers/promises';
import type { LandingZone } from '../landing/landing-zone.js';

export interface WatchLandingOptions {
  landing: LandingZone;
  /** How often to look for new files. */
  pollMs: number;
  /**
   * Run a micro-batch at least this often even when no file arrives: sessions expire with the
   * clock, and the abandoned carts they leave must reach the marts without waiting for traffic.
   */
  refreshMs: number;
  signal: AbortSignal;
  /** Runs one micro-batch; `reason` says what triggered it. */
  runMicroBatch: (reason: string) => Promise<void>;
  /** Told about a failed micro-batch; the watch goes on and retries on the next poll. */
  onError?: (error: unknown) => void;
}

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}

/** Polls the landing zone until the signal aborts, running a micro-batch per new arrival. */
export async function watchLanding(options: WatchLandingOptions): Promise<void> {
  let lastRun = Date.now();
  while (!options.signal.aborted) {
    const files = await options.landing.list().catch((error: unknown) => {
      options.onError?.(error);
      return [];
    });
    const due = Date.now() - lastRun >= options.refreshMs;
    if (files.length > 0 || due) {
      const reason =
        files.length > 0
          ? `new files: ${files.map((file) => file.name).join(', ')}`
          : 'scheduled refresh';
      lastRun = Date.now();
      await options.runMicroBatch(reason).catch((error: unknown) => options.onError?.(error));
    }
    await pause(options.pollMs, options.signal);
  }
}
