import { pino } from 'pino';

import { delay } from './async-utils.js';
import { InlineJobQueue, type InlineJobQueueOptions } from './inline-job-queue.js';
import { type JobLogger } from './job-logger.js';
import {
  describeJobQueueContract,
  entityChanged,
  gate,
  RecordingLogger,
  registerHandlers,
} from './job-queue.contract.js';

describeJobQueueContract('InlineJobQueue', ({ logger, retry }) => {
  const queue = new InlineJobQueue({ logger, retry });
  return Promise.resolve({ queue, dispose: () => queue.close() });
});

describe('InlineJobQueue', () => {
  const queues: InlineJobQueue[] = [];

  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.close()));
  });

  function create(options: Partial<InlineJobQueueOptions> = {}): {
    queue: InlineJobQueue;
    logger: RecordingLogger;
  } {
    const logger = new RecordingLogger();
    const queue = new InlineJobQueue({ logger, retry: { backoffDelayMs: 1 }, ...options });
    queues.push(queue);
    return { queue, logger };
  }

  async function peakConcurrency(queue: InlineJobQueue, jobs: number): Promise<number> {
    let running = 0;
    let peak = 0;
    registerHandlers(queue, {
      'entity.changed': async () => {
        running += 1;
        peak = Math.max(peak, running);
        await delay(15);
        running -= 1;
      },
    });
    await queue.start();
    const ids = Array.from({ length: jobs }, (_, index) => `evt-${index}`);
    await queue.enqueueMany(
      ids.map((id) => ({ name: 'entity.changed', payload: entityChanged(id) })),
    );
    await queue.drain(5_000);
    return peak;
  }

  it('runs at most 4 jobs at a time by default', async () => {
    expect(await peakConcurrency(create().queue, 12)).toBe(4);
  });

  it('honours a configured concurrency', async () => {
    expect(await peakConcurrency(create({ concurrency: 2 }).queue, 6)).toBe(2);
  });

  it('rejects a concurrency below 1', () => {
    expect(() => create({ concurrency: 0 })).toThrow('concurrency must be a positive integer');
  });

  it('keeps a bounded list of failed jobs, newest first', async () => {
    const { queue } = create({ retry: { attempts: 1 }, failedJobsKept: 2, concurrency: 1 });
    registerHandlers(queue, {
      'entity.changed': ({ eventId }) => Promise.reject(new Error(`failed ${eventId}`)),
    });
    await queue.start();

    for (const id of ['a', 'b', 'c']) await queue.enqueue('entity.changed', entityChanged(id));
    await queue.drain(5_000);

    expect((await queue.failed()).map((job) => job.error)).toEqual(['failed c', 'failed b']);
  });

  it('accepts a job id again once its run finished (BullMQ keeps ignoring it while retained)', async () => {
    const { queue } = create();
    let runs = 0;
    registerHandlers(queue, {
      'events.requeue': () => {
        runs += 1;
        return Promise.resolve();
      },
    });
    await queue.start();

    await queue.enqueue('events.requeue', { reason: 'nightly' });
    await queue.drain(5_000);
    await queue.enqueue('events.requeue', { reason: 'nightly' });
    await queue.drain(5_000);

    expect(runs).toBe(2);
  });

  it('gives handlers a copy of the payload', async () => {
    const { queue } = create();
    const payload = entityChanged('copy');
    let received: unknown;
    registerHandlers(queue, {
      'entity.changed': (value) => {
        received = value;
        return Promise.resolve();
      },
    });
    await queue.start();

    await queue.enqueue('entity.changed', payload);
    payload.version = 99;
    await queue.drain(5_000);

    expect(received).toEqual({ ...payload, version: 2 });
  });

  it('rejects drain() after the timeout while a job is still running', async () => {
    const { queue } = create();
    const release = gate();
    registerHandlers(queue, { 'events.requeue': () => release.opened });
    await queue.start();
    await queue.enqueue('events.requeue', { reason: 'slow' });

    await expect(queue.drain(50)).rejects.toThrow('did not drain within 50 ms (1 jobs pending)');
    release.open();
    await queue.drain(5_000);
  });

  it('waits for running jobs on close and logs the jobs it drops', async () => {
    const { queue, logger } = create({ concurrency: 1 });
    const release = gate();
    let finished = false;
    registerHandlers(queue, {
      'events.requeue': async () => {
        await release.opened;
        finished = true;
      },
    });
    await queue.start();
    await queue.enqueueMany([
      { name: 'events.requeue', payload: { reason: 'running' } },
      { name: 'events.requeue', payload: { reason: 'waiting' } },
    ]);
    await delay(20);

    const closed = queue.close();
    release.open();
    await closed;

    expect(finished).toBe(true);
    expect(logger.at('warn')).toEqual([
      expect.objectContaining({ obj: { jobIds: ['events.requeue@waiting'] } }),
    ]);
  });

  it('reports the inline driver in health()', async () => {
    expect(await create().queue.health()).toEqual({ up: true, driver: 'inline' });
  });

  it('accepts a pino logger', () => {
    const logger: JobLogger = pino({ enabled: false });
    expect(() => create({ logger })).not.toThrow();
  });
});
