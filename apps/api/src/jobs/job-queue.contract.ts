import { delay, withTimeout } from './async-utils.js';
import { MissingJobHandlersError, type JobContext, type JobHandler } from './job-handlers.js';
import { type JobLogger } from './job-logger.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './job-options.js';
import { type JobQueue } from './job-queue.js';
import { JOB_NAMES, jobIdFor, type JobName, type JobPayloads } from './job-types.js';

/** Behaviour every `JobQueue` driver must share; each driver's spec runs it. */

export interface ContractQueueOptions {
  readonly logger: JobLogger;
  readonly retry: Partial<RetryPolicy>;
}

export interface JobQueueHarness {
  readonly queue: JobQueue;
  /** Closes the queue and removes whatever it stored. */
  dispose(): Promise<void>;
}

export type JobQueueFactory = (options: ContractQueueOptions) => Promise<JobQueueHarness>;

export interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly obj: Record<string, unknown>;
  readonly msg: string;
}

export class RecordingLogger implements JobLogger {
  readonly entries: LogEntry[] = [];

  info(obj: Record<string, unknown>, msg: string): void {
    this.entries.push({ level: 'info', obj, msg });
  }

  warn(obj: Record<string, unknown>, msg: string): void {
    this.entries.push({ level: 'warn', obj, msg });
  }

  error(obj: Record<string, unknown>, msg: string): void {
    this.entries.push({ level: 'error', obj, msg });
  }

  at(level: LogEntry['level']): LogEntry[] {
    return this.entries.filter((entry) => entry.level === level);
  }
}

export type Handlers = { [N in JobName]: JobHandler<N> };

export function registerHandlers(queue: JobQueue, overrides: Partial<Handlers> = {}): void {
  const handlers: Handlers = { ...noopHandlers(), ...overrides };
  for (const name of JOB_NAMES) registerOne(queue, name, handlers);
}

function registerOne<N extends JobName>(queue: JobQueue, name: N, handlers: Handlers): void {
  queue.registerHandler(name, handlers[name]);
}

function noopHandlers(): Handlers {
  return {
    'entity.changed': () => Promise.resolve(),
    'events.requeue': () => Promise.resolve(),
    'pipeline.run': () => Promise.resolve(),
    'search.reindex': () => Promise.resolve(),
  };
}

export function entityChanged(eventId: string): JobPayloads['entity.changed'] {
  return {
    eventId,
    fqn: `svc.db.schema.${eventId}`,
    entityType: 'table',
    change: 'updated',
    version: 2,
  };
}

/** A promise the test resolves by hand, to hold a handler mid-run. */
export function gate(): { opened: Promise<void>; open(): void } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

const DRAIN_MS = 10_000;
/** The real attempt count with a tiny backoff, so retries take milliseconds. */
const FAST_RETRY: Partial<RetryPolicy> = { backoffDelayMs: 10 };

export function describeJobQueueContract(name: string, factory: JobQueueFactory): void {
  describe(`${name} honours the JobQueue contract`, () => {
    const harnesses: JobQueueHarness[] = [];

    afterEach(async () => {
      await Promise.all(harnesses.splice(0).map((harness) => harness.dispose()));
    });

    async function setUp(): Promise<{ queue: JobQueue; logger: RecordingLogger }> {
      const logger = new RecordingLogger();
      const harness = await factory({ logger, retry: FAST_RETRY });
      harnesses.push(harness);
      return { queue: harness.queue, logger };
    }

    it('hands the typed payload and the job context to the handler', async () => {
      const { queue } = await setUp();
      const seen: Array<{ payload: JobPayloads['entity.changed']; ctx: JobContext }> = [];
      registerHandlers(queue, {
        'entity.changed': (payload, ctx) => {
          seen.push({ payload, ctx });
          return Promise.resolve();
        },
      });
      await queue.start();

      const payload = entityChanged('evt-1');
      await queue.enqueue('entity.changed', payload);
      await queue.drain(DRAIN_MS);

      expect(seen).toEqual([
        { payload, ctx: { jobId: jobIdFor('entity.changed', payload), attempt: 1 } },
      ]);
    });

    it('holds jobs until start() and then runs them', async () => {
      const { queue } = await setUp();
      const reasons: string[] = [];
      registerHandlers(queue, {
        'events.requeue': ({ reason }) => {
          reasons.push(reason);
          return Promise.resolve();
        },
      });

      await queue.enqueue('events.requeue', { reason: 'early' });
      await delay(100);
      expect(reasons).toEqual([]);

      await queue.start();
      await queue.drain(DRAIN_MS);
      expect(reasons).toEqual(['early']);
    });

    it('runs a job enqueued twice with the same payload only once', async () => {
      const { queue } = await setUp();
      const runs = new Map<string, number>();
      registerHandlers(queue, {
        'entity.changed': ({ eventId }) => {
          runs.set(eventId, (runs.get(eventId) ?? 0) + 1);
          return Promise.resolve();
        },
      });

      await queue.enqueue('entity.changed', entityChanged('before-start'));
      await queue.enqueue('entity.changed', entityChanged('before-start'));
      await queue.start();
      await Promise.all([
        queue.enqueue('entity.changed', entityChanged('concurrent')),
        queue.enqueue('entity.changed', entityChanged('concurrent')),
      ]);
      await queue.enqueueMany([
        { name: 'entity.changed', payload: entityChanged('bulk') },
        { name: 'entity.changed', payload: entityChanged('bulk') },
      ]);
      await queue.drain(DRAIN_MS);

      expect(Object.fromEntries(runs)).toEqual({ 'before-start': 1, concurrent: 1, bulk: 1 });
    });

    it('runs every job given to enqueueMany', async () => {
      const { queue } = await setUp();
      const eventIds: string[] = [];
      const reasons: string[] = [];
      registerHandlers(queue, {
        'entity.changed': ({ eventId }) => {
          eventIds.push(eventId);
          return Promise.resolve();
        },
        'events.requeue': ({ reason }) => {
          reasons.push(reason);
          return Promise.resolve();
        },
      });
      await queue.start();

      const ids = Array.from({ length: 12 }, (_, index) => `evt-${index}`);
      await queue.enqueueMany([
        ...ids.map((id) => ({ name: 'entity.changed' as const, payload: entityChanged(id) })),
        { name: 'events.requeue', payload: { reason: 'bulk' } },
      ]);
      await queue.enqueueMany([]);
      await queue.drain(DRAIN_MS);

      expect([...eventIds].sort()).toEqual([...ids].sort());
      expect(reasons).toEqual(['bulk']);
    });

    it('retries a failing job with backoff until it succeeds', async () => {
      const { queue, logger } = await setUp();
      const attempts: number[] = [];
      registerHandlers(queue, {
        'entity.changed': (_payload, { attempt }) => {
          attempts.push(attempt);
          return attempt < 3 ? Promise.reject(new Error(`flaky ${attempt}`)) : Promise.resolve();
        },
      });
      await queue.start();

      await queue.enqueue('entity.changed', entityChanged('flaky'));
      await queue.drain(DRAIN_MS);

      expect(attempts).toEqual([1, 2, 3]);
      expect(await queue.failed()).toEqual([]);
      expect(logger.at('warn').map((entry) => entry.obj['attempt'])).toEqual([1, 2]);
      expect(logger.at('error')).toEqual([]);
    });

    it('keeps a job that always fails as failed for good after the configured attempts', async () => {
      const { queue, logger } = await setUp();
      const attempts: number[] = [];
      registerHandlers(queue, {
        'entity.changed': (_payload, { attempt }) => {
          attempts.push(attempt);
          return Promise.reject(new Error('downstream unavailable'));
        },
      });
      await queue.start();

      const payload = entityChanged('doomed');
      const jobId = jobIdFor('entity.changed', payload);
      await queue.enqueue('entity.changed', payload);
      await queue.drain(DRAIN_MS);

      const everyAttempt = Array.from(
        { length: DEFAULT_RETRY_POLICY.attempts },
        (_, index) => index + 1,
      );
      expect(attempts).toEqual(everyAttempt);
      const failed = await queue.failed();
      expect(failed).toEqual([
        expect.objectContaining({
          jobId,
          name: 'entity.changed',
          payload,
          attempts: DEFAULT_RETRY_POLICY.attempts,
          error: 'downstream unavailable',
        }),
      ]);
      expect(failed[0]?.failedAt).toBeInstanceOf(Date);
      const errors = logger.at('error');
      expect(errors).toHaveLength(1);
      expect(errors[0]?.obj).toEqual(
        expect.objectContaining({ jobId, err: 'downstream unavailable' }),
      );
    });

    it('refuses to start while any job has no handler, naming each one', async () => {
      const { queue } = await setUp();

      await expect(queue.start()).rejects.toEqual(new MissingJobHandlersError(JOB_NAMES));
      await expect(queue.start()).rejects.toThrow(JOB_NAMES.join(', '));

      queue.registerHandler('entity.changed', () => Promise.resolve());
      const error: unknown = await queue.start().catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(MissingJobHandlersError);
      expect((error as MissingJobHandlersError).jobNames).toEqual([
        'events.requeue',
        'pipeline.run',
        'search.reindex',
      ]);
      expect((error as Error).message).toBe(
        'No job handler registered for: events.requeue, pipeline.run, search.reindex',
      );

      queue.registerHandler('events.requeue', () => Promise.resolve());
      queue.registerHandler('pipeline.run', () => Promise.resolve());
      queue.registerHandler('search.reindex', () => Promise.resolve());
      await expect(queue.start()).resolves.toBeUndefined();
    });

    it('refuses a second handler for the same job', async () => {
      const { queue } = await setUp();
      queue.registerHandler('events.requeue', () => Promise.resolve());
      expect(() => queue.registerHandler('events.requeue', () => Promise.resolve())).toThrow(
        'already registered for "events.requeue"',
      );
    });

    it('runs handlers outside enqueue: enqueue returns while the handler is still busy', async () => {
      const { queue } = await setUp();
      const release = gate();
      let started = false;
      let finished = false;
      registerHandlers(queue, {
        'events.requeue': async () => {
          started = true;
          await release.opened;
          finished = true;
        },
      });
      await queue.start();

      const enqueued = queue.enqueue('events.requeue', { reason: 'async' });
      expect(started).toBe(false);
      await withTimeout(enqueued, 5_000, () => new Error('enqueue waited for the handler'));
      expect(finished).toBe(false);

      release.open();
      await queue.drain(DRAIN_MS);
      expect(finished).toBe(true);
    });

    it('reports health, and refuses work once closed', async () => {
      const { queue } = await setUp();
      registerHandlers(queue);
      await queue.start();

      expect(await queue.health()).toEqual(expect.objectContaining({ up: true }));

      await queue.close();
      await queue.close();
      expect(await queue.health()).toEqual(
        expect.objectContaining({ up: false, reason: 'job queue is closed' }),
      );
      await expect(queue.enqueue('events.requeue', { reason: 'late' })).rejects.toThrow(
        'Job queue is closed',
      );
    });
  });
}
