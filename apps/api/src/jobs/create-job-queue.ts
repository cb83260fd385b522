import { BullMqJobQueue, DEFAULT_QUEUE_PREFIX } from './bullmq-job-queue.js';
import { InlineJobQueue } from './inline-job-queue.js';
import { type JobLogger } from './job-logger.js';
import { type RetryPolicy } from './job-options.js';
import { type JobQueue } from './job-queue.js';

export interface CreateJobQueueOptions {
  /** Selects the BullMQ driver when set; the in-process driver otherwise. */
  readonly redisUrl?: string;
  readonly logger: JobLogger;
  /** Redis key prefix (BullMQ only). Defaults to `almanac`. */
  readonly prefix?: string;
  /** Whether this process consumes jobs (BullMQ only; the inline driver always does). */
  readonly runWorker?: boolean;
  readonly concurrency?: number;
  readonly retry?: Partial<RetryPolicy>;
}

export function createJobQueue(options: CreateJobQueueOptions): JobQueue {
  const { redisUrl, ...rest } = options;
  if (redisUrl) {
    options.logger.info(
      { driver: 'bullmq', prefix: rest.prefix ?? DEFAULT_QUEUE_PREFIX },
      'Job queue uses BullMQ',
    );
    return new BullMqJobQueue({ redisUrl, ...rest });
  }
  options.logger.info({ driver: 'inline' }, 'Job queue runs in process (no REDIS_URL)');
  return new InlineJobQueue(rest);
}
