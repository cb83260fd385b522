import { type JobHandler } from './job-handlers.js';
import { type JobName, type JobPayloads, type JobRequest } from './job-types.js';

export type JobQueueDriver = 'inline' | 'bullmq';

export interface JobQueueHealth {
  readonly up: boolean;
  readonly driver: JobQueueDriver;
  readonly reason?: string;
}

/** A job that exhausted its attempts, kept so it can be inspected and replayed. */
export interface FailedJob {
  readonly jobId: string;
  /** A string rather than `JobName`: Redis may hold jobs from a newer or older release. */
  readonly name: string;
  readonly payload: unknown;
  readonly attempts: number;
  readonly error: string;
  readonly failedAt: Date;
}

/**
 * The job-queue port. Jobs run asynchronously, are retried per `job-options.ts`
 * and are deduplicated by `jobIdFor(name, payload)`: an id that is queued or
 * running is never added again. Once a job has finished, BullMQ keeps ignoring
 * its id for as long as it retains the finished job (`JOB_RETENTION`), whereas
 * the inline driver accepts it again.
 */
export interface JobQueue {
  enqueue<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void>;
  /** Enqueues several jobs in one round trip where the driver allows it. */
  enqueueMany(jobs: readonly JobRequest[]): Promise<void>;
  registerHandler<N extends JobName>(name: N, handler: JobHandler<N>): void;
  /** Starts processing; rejects with `MissingJobHandlersError` naming every unhandled job. */
  start(): Promise<void>;
  /** Resolves once every job enqueued so far has completed or failed for good. */
  drain(timeoutMs: number): Promise<void>;
  /** Most recent jobs that failed for good, newest first. */
  failed(): Promise<readonly FailedJob[]>;
  health(): Promise<JobQueueHealth>;
  /** Waits for running jobs, then releases timers and connections. */
  close(): Promise<void>;
}
