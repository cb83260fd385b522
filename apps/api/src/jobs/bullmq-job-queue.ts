import { Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import { type Redis } from 'ioredis';

import { delay, withTimeout } from './async-utils.js';
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
import {
  isJobName,
  jobIdFor,
  type JobName,
  type JobPayloads,
  type JobRequest,
} from './job-types.js';
import {
  closeRedisClient,
  createRedisClient,
  OutageReporter,
  redisReady,
} from './redis-connection.js';

export const DEFAULT_QUEUE_PREFIX = 'almanac';
const QUEUE_NAME = 'jobs';
const DRAIN_POLL_MS = 50;
/** States in which a job still has work ahead of it. */
const UNFINISHED_STATES = ['waiting', 'active', 'delayed', 'prioritized'] as const;

export interface BullMqJobQueueOptions {
  readonly redisUrl: string;
  readonly logger: JobLogger;
  /** Redis key prefix; tests use a random one to isolate themselves. Defaults to `almanac`. */
  readonly prefix?: string;
  /** Whether this process also consumes jobs; API-only processes pass false. Defaults to true. */
  readonly runWorker?: boolean;
  readonly concurrency?: number;
  /** Overrides of the shared retry policy; tests shorten the backoff. */
  readonly retry?: Partial<RetryPolicy>;
  /** TCP connect timeout for each Redis connection. Defaults to 2 s. */
  readonly connectTimeoutMs?: number;
  /** Upper bound on enqueue and health calls while Redis is unreachable. Defaults to 5 s. */
  readonly commandTimeoutMs?: number;
}

type JobData = JobPayloads[JobName];

/**
 * Redis-backed driver: one BullMQ `Queue` (producer) and, when `runWorker`,
 * one `Worker` per prefix. Each has its own connection because the producer
 * must fail fast while Redis is down whereas the worker must wait for it.
 */
export class BullMqJobQueue implements JobQueue {
  private readonly logger: JobLogger;
  private readonly prefix: string;
  private readonly runWorker: boolean;
  private readonly concurrency: number;
  private readonly connectTimeoutMs: number;
  private readonly commandTimeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly jobOptions: JobsOptions;
  private readonly handlers = new JobHandlerRegistry();
  private readonly outages: OutageReporter;
  private readonly producer: Redis;
  private readonly queue: Queue<JobData, void, JobName>;
  /** Job ids whose last failure the processor already logged. */
  private readonly reportedFailures = new Set<string>();
  private worker: Worker<unknown, void, string> | undefined;
  private workerClient: Redis | undefined;
  private workerReady = false;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: BullMqJobQueueOptions) {
    this.logger = options.logger;
    this.prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
    this.runWorker = options.runWorker ?? true;
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 2_000;
    this.commandTimeoutMs = options.commandTimeoutMs ?? 5_000;
    this.retry = resolveRetryPolicy(options.retry);
    this.jobOptions = toBullJobOptions(this.retry);
    this.outages = new OutageReporter(options.logger);
    this.producer = this.connect('producer', true);
    this.queue = new Queue<JobData, void, JobName>(QUEUE_NAME, {
      connection: this.producer,
      prefix: this.prefix,
    });
    this.queue.on('error', (error) => this.outages.failure('producer', error));
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void> {
    this.assertOpen();
    const jobId = jobIdFor(name, payload);
    await this.bounded(
      this.queue.add(name, payload, { ...this.jobOptions, jobId }),
      `enqueue ${jobId}`,
    );
  }

  async enqueueMany(jobs: readonly JobRequest[]): Promise<void> {
    this.assertOpen();
    if (jobs.length === 0) return;
    const bulk = jobs.map((job) => ({
      name: job.name,
      data: job.payload,
      opts: { ...this.jobOptions, jobId: jobIdFor(job.name, job.payload) },
    }));
    await this.bounded(this.queue.addBulk(bulk), `enqueue ${jobs.length} jobs`);
  }

  registerHandler<N extends JobName>(name: N, handler: JobHandler<N>): void {
    this.handlers.register(name, handler);
  }

  start(): Promise<void> {
    return new Promise((resolve) => {
      this.assertOpen();
      this.handlers.assertComplete();
      if (this.runWorker && !this.worker) this.worker = this.createWorker();
      resolve();
    });
  }

  /** Polls Redis, so it also waits for jobs that other processes' workers are running. */
  async drain(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const remaining = await this.bounded(
        this.queue.getJobCountByTypes(...UNFINISHED_STATES),
        'count unfinished jobs',
      );
      if (remaining === 0) return;
      if (Date.now() >= deadline) {
        throw new Error(
          `BullMQ job queue did not drain within ${timeoutMs} ms (${remaining} jobs pending)`,
        );
      }
      await delay(DRAIN_POLL_MS);
    }
  }

  async failed(): Promise<readonly FailedJob[]> {
    const jobs = await this.bounded(
      this.queue.getFailed(0, JOB_RETENTION.failed.count - 1),
      'list failed jobs',
    );
    return jobs.map(toFailedJob);
  }

  async health(): Promise<JobQueueHealth> {
    if (this.closing) return { up: false, driver: 'bullmq', reason: 'job queue is closed' };
    const status = this.producer.status;
    if (status === 'reconnecting' || status === 'close' || status === 'end') {
      const lastError = this.outages.lastError('producer');
      return {
        up: false,
        driver: 'bullmq',
        reason: `Redis ${status}${lastError ? `: ${lastError}` : ''}`,
      };
    }
    try {
      await redisReady(this.producer, this.commandTimeoutMs);
      await this.bounded(this.producer.ping(), 'ping Redis');
      return { up: true, driver: 'bullmq' };
    } catch (error) {
      return { up: false, driver: 'bullmq', reason: errorMessage(error) };
    }
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    // The worker first: it finishes its running jobs, which still need the connections.
    // One that never connected has no jobs, and BullMQ would wait for its connection forever.
    if (this.worker) await this.worker.close(!(await this.workerConnected(this.worker)));
    await this.queue.close();
    await Promise.all(
      [this.workerClient, this.producer]
        .filter((client) => client !== undefined)
        .map((client) => closeRedisClient(client, this.commandTimeoutMs)),
    );
  }

  private createWorker(): Worker<unknown, void, string> {
    this.workerClient = this.connect('worker', false);
    const worker = new Worker<unknown, void, string>(QUEUE_NAME, (job) => this.process(job), {
      connection: this.workerClient,
      prefix: this.prefix,
      concurrency: this.concurrency,
    });
    worker.once('ready', () => {
      this.workerReady = true;
    });
    worker.on('error', (error) => this.outages.failure('worker', error));
    worker.on('failed', (job, error) => this.onFailedEvent(job, error));
    return worker;
  }

  /** Lets a worker that is still connecting finish, so that it can close gracefully. */
  private async workerConnected(worker: Worker<unknown, void, string>): Promise<boolean> {
    if (this.workerReady) return true;
    if (this.workerClient?.status === 'reconnecting') return false;
    try {
      await withTimeout(
        worker.waitUntilReady(),
        this.connectTimeoutMs,
        () => new Error('not ready'),
      );
      return true;
    } catch {
      return false;
    }
  }

  private async process(job: Job<unknown, void, string>): Promise<void> {
    const attempt = job.attemptsMade + 1;
    try {
      if (!isJobName(job.name)) throw new Error(`Unknown job name "${job.name}"`);
      await this.handlers.run(job.name, job.data, { jobId: job.id ?? '', attempt });
    } catch (error) {
      this.reportFailure(job, attempt, error);
      throw error;
    }
  }

  /** Logged here, before BullMQ records the failure, so `drain()` never outruns the report. */
  private reportFailure(job: Job<unknown, void, string>, attempt: number, error: unknown): void {
    const context = { jobId: job.id, jobName: job.name, attempt, err: errorMessage(error) };
    if (job.id) this.reportedFailures.add(job.id);
    // The job's own options decide, as it may come from a process configured differently.
    if (attempt < (job.opts.attempts ?? 1)) {
      const delayMs = retryDelayMs(this.retry, attempt);
      this.logger.warn({ ...context, delayMs }, 'Job failed; retrying');
    } else {
      this.logger.error(context, 'Job failed for good');
    }
  }

  /** Reports failures the processor did not see, such as a job stalled too often. */
  private onFailedEvent(job: Job<unknown, void, string> | undefined, error: Error): void {
    if (job?.id && this.reportedFailures.delete(job.id)) return;
    this.logger.error({ jobId: job?.id, jobName: job?.name, err: error.message }, 'Job failed');
  }

  private connect(source: string, failFast: boolean): Redis {
    const client = createRedisClient(this.options.redisUrl, {
      connectTimeoutMs: this.connectTimeoutMs,
      failFast,
    });
    client.on('error', (error) => this.outages.failure(source, error));
    client.on('ready', () => this.outages.recovered(source));
    return client;
  }

  /**
   * A timed-out enqueue may still land once Redis is back; retrying it is safe
   * because the job id deduplicates it.
   */
  private bounded<T>(promise: Promise<T>, action: string): Promise<T> {
    return withTimeout(
      promise,
      this.commandTimeoutMs,
      () =>
        new Error(
          `Job queue could not ${action} within ${this.commandTimeoutMs} ms: is Redis reachable?`,
        ),
    );
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('Job queue is closed');
  }
}

function toBullJobOptions(retry: RetryPolicy): JobsOptions {
  return {
    attempts: retry.attempts,
    backoff: { type: 'exponential', delay: retry.backoffDelayMs },
    removeOnComplete: {
      age: JOB_RETENTION.completed.ageSeconds,
      count: JOB_RETENTION.completed.count,
    },
    removeOnFail: { age: JOB_RETENTION.failed.ageSeconds, count: JOB_RETENTION.failed.count },
  };
}

function toFailedJob(job: Job<JobData, void, JobName>): FailedJob {
  return {
    jobId: job.id ?? '',
    name: job.name,
    payload: job.data,
    attempts: job.attemptsMade,
    error: job.failedReason,
    failedAt: new Date(job.finishedOn ?? job.timestamp),
  };
}
