import { withTimeout } from './async-utils.js';
import { JobHandlerRegistry, type JobHandler } from './job-handlers.js';
import { errorMessage, type JobLogger } from './job-logger.js';
import {
  DEFAULT_CONCURRENCY,
  JOB_RETENTION,
  resolveRetryPolicy,
  retryDelayMs,
  type RetryPolicy,
} from './job-options.js';
import { type FailedJob, type JobQueue, type JobQueueHealth } from './job-queue.js';
import { jobIdFor, type JobName, type JobPayloads, type JobRequest } from './job-types.js';

export interface InlineJobQueueOptions {
  readonly logger: JobLogger;
  /** Jobs run at the same time; defaults to 4. */
  readonly concurrency?: number;
  /** Overrides of the shared retry policy; tests shorten the backoff. */
  readonly retry?: Partial<RetryPolicy>;
  /** How many failed-for-good jobs `failed()` keeps. */
  readonly failedJobsKept?: number;
}

interface InlineJob {
  readonly id: string;
  readonly name: JobName;
  readonly payload: unknown;
  readonly attempt: number;
}

type State = 'created' | 'started' | 'closed';

/**
 * In-process driver for deployments without Redis. Jobs live in memory, so
 * jobs not yet finished when the process stops are lost (and logged on close).
 */
export class InlineJobQueue implements JobQueue {
  private readonly logger: JobLogger;
  private readonly retry: RetryPolicy;
  private readonly concurrency: number;
  private readonly failedJobsKept: number;
  private readonly handlers = new JobHandlerRegistry();
  private readonly ready: InlineJob[] = [];
  private readonly retries = new Map<string, { job: InlineJob; timer: NodeJS.Timeout }>();
  /** Ids that are queued, waiting for a retry or running: the deduplication set. */
  private readonly pendingIds = new Set<string>();
  private readonly failedJobs: FailedJob[] = [];
  private readonly idleWaiters = new Set<() => void>();
  private running = 0;
  private state: State = 'created';
  private pumpScheduled = false;

  constructor(options: InlineJobQueueOptions) {
    this.logger = options.logger;
    this.retry = resolveRetryPolicy(options.retry);
    this.concurrency = positiveInteger(options.concurrency ?? DEFAULT_CONCURRENCY, 'concurrency');
    this.failedJobsKept = positiveInteger(
      options.failedJobsKept ?? JOB_RETENTION.failed.count,
      'failedJobsKept',
    );
  }

  enqueue<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void> {
    return new Promise((resolve) => {
      this.add({ name, payload } as JobRequest);
      resolve();
    });
  }

  enqueueMany(jobs: readonly JobRequest[]): Promise<void> {
    return new Promise((resolve) => {
      for (const job of jobs) this.add(job);
      resolve();
    });
  }

  registerHandler<N extends JobName>(name: N, handler: JobHandler<N>): void {
    this.handlers.register(name, handler);
  }

  start(): Promise<void> {
    return new Promise((resolve) => {
      this.assertOpen();
      this.handlers.assertComplete();
      this.state = 'started';
      this.schedulePump();
      resolve();
    });
  }

  async drain(timeoutMs: number): Promise<void> {
    if (this.isIdle()) return;
    let waiter: () => void = () => undefined;
    const idle = new Promise<void>((resolve) => {
      waiter = resolve;
      this.idleWaiters.add(resolve);
    });
    try {
      await withTimeout(
        idle,
        timeoutMs,
        () =>
          new Error(
            `Inline job queue did not drain within ${timeoutMs} ms (${this.pendingIds.size} jobs pending)`,
          ),
      );
    } finally {
      this.idleWaiters.delete(waiter);
    }
  }

  failed(): Promise<readonly FailedJob[]> {
    return Promise.resolve([...this.failedJobs]);
  }

  health(): Promise<JobQueueHealth> {
    const health: JobQueueHealth =
      this.state === 'closed'
        ? { up: false, driver: 'inline', reason: 'job queue is closed' }
        : { up: true, driver: 'inline' };
    return Promise.resolve(health);
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.abandonWaitingJobs();
    await new Promise<void>((resolve) => {
      if (this.running === 0) resolve();
      else this.idleWaiters.add(resolve);
    });
  }

  private add(request: JobRequest): void {
    this.assertOpen();
    const id = jobIdFor(request.name, request.payload);
    if (this.pendingIds.has(id)) return;
    this.pendingIds.add(id);
    // A JSON copy gives handlers what BullMQ would give them and isolates the caller's object.
    const payload: unknown = JSON.parse(JSON.stringify(request.payload));
    this.ready.push({ id, name: request.name, payload, attempt: 1 });
    this.schedulePump();
  }

  /** Defers to a fresh macrotask so a handler never runs inside the caller's stack. */
  private schedulePump(): void {
    if (this.state !== 'started' || this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.state === 'started' && this.running < this.concurrency) {
      const job = this.ready.shift();
      if (!job) return;
      void this.execute(job);
    }
  }

  private async execute(job: InlineJob): Promise<void> {
    this.running += 1;
    try {
      await this.handlers.run(job.name, job.payload, { jobId: job.id, attempt: job.attempt });
      this.pendingIds.delete(job.id);
    } catch (error) {
      this.onFailure(job, error);
    } finally {
      this.running -= 1;
      this.pump();
      this.notifyIfIdle();
    }
  }

  private onFailure(job: InlineJob, error: unknown): void {
    const context = {
      jobId: job.id,
      jobName: job.name,
      attempt: job.attempt,
      err: errorMessage(error),
    };
    if (job.attempt < this.retry.attempts && this.state !== 'closed') {
      const delayMs = retryDelayMs(this.retry, job.attempt);
      this.logger.warn({ ...context, delayMs }, 'Job failed; retrying');
      this.scheduleRetry({ ...job, attempt: job.attempt + 1 }, delayMs);
      return;
    }
    this.pendingIds.delete(job.id);
    this.recordFailure(job, error);
    this.logger.error(context, 'Job failed for good');
  }

  private scheduleRetry(job: InlineJob, delayMs: number): void {
    const timer = setTimeout(() => {
      this.retries.delete(job.id);
      this.ready.push(job);
      this.pump();
    }, delayMs);
    this.retries.set(job.id, { job, timer });
  }

  private recordFailure(job: InlineJob, error: unknown): void {
    this.failedJobs.unshift({
      jobId: job.id,
      name: job.name,
      payload: job.payload,
      attempts: job.attempt,
      error: errorMessage(error),
      failedAt: new Date(),
    });
    this.failedJobs.length = Math.min(this.failedJobs.length, this.failedJobsKept);
  }

  private abandonWaitingJobs(): void {
    const abandoned = [...this.ready, ...[...this.retries.values()].map(({ job }) => job)];
    for (const { timer } of this.retries.values()) clearTimeout(timer);
    this.retries.clear();
    this.ready.length = 0;
    if (abandoned.length === 0) return;
    for (const job of abandoned) this.pendingIds.delete(job.id);
    this.logger.warn(
      { jobIds: abandoned.map((job) => job.id) },
      'Inline job queue closed before these jobs ran; they are dropped',
    );
  }

  private isIdle(): boolean {
    return this.running === 0 && this.ready.length === 0 && this.retries.size === 0;
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    for (const waiter of this.idleWaiters) waiter();
    this.idleWaiters.clear();
  }

  private assertOpen(): void {
    if (this.state === 'closed') throw new Error('Job queue is closed');
  }
}

function positiveInteger(value: number, label: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${label} must be a positive integer, got ${value}`);
  }
  return value;
}
