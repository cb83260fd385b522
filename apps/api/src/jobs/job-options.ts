/**
 * The single source of the retry and retention policy; both drivers read it.
 * Backoff is exponential: the n-th retry waits `backoffDelayMs * 2^(n-1)`,
 * the same formula BullMQ uses for `{ type: 'exponential' }`.
 */
export interface RetryPolicy {
  /** Total tries, the first one included. */
  readonly attempts: number;
  /** Delay before the first retry; doubles for each later retry. */
  readonly backoffDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  attempts: 5,
  backoffDelayMs: 500,
});

export const DEFAULT_CONCURRENCY = 4;

/** How many finished jobs are kept for inspection; older ones are evicted. */
export const JOB_RETENTION = Object.freeze({
  completed: Object.freeze({ count: 1_000, ageSeconds: 24 * 60 * 60 }),
  failed: Object.freeze({ count: 1_000, ageSeconds: 7 * 24 * 60 * 60 }),
});

export function resolveRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  if (!Number.isInteger(policy.attempts) || policy.attempts < 1) {
    throw new RangeError(`Retry attempts must be a positive integer, got ${policy.attempts}`);
  }
  if (!Number.isFinite(policy.backoffDelayMs) || policy.backoffDelayMs < 0) {
    throw new RangeError(`Backoff delay must be >= 0 ms, got ${policy.backoffDelayMs}`);
  }
  return Object.freeze(policy);
}

/** Delay before retrying after the given (1-based) attempt failed. */
export function retryDelayMs(policy: RetryPolicy, failedAttempt: number): number {
  return Math.round(policy.backoffDelayMs * 2 ** (failedAttempt - 1));
}
