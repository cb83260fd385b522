import { randomUUID } from 'node:crypto';

import { Redis } from 'ioredis';

import { delay } from './async-utils.js';
import { BullMqJobQueue, type BullMqJobQueueOptions } from './bullmq-job-queue.js';
import {
  describeJobQueueContract,
  entityChanged,
  RecordingLogger,
  registerHandlers,
} from './job-queue.contract.js';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const UNREACHABLE_URL = 'redis://127.0.0.1:1';

function testPrefix(): string {
  return `almanac-test-${randomUUID()}`;
}

/** Fails, never skips, when Redis is down: CI must not pass without exercising BullMQ. */
async function connectedQueue(
  options: Omit<BullMqJobQueueOptions, 'redisUrl'>,
): Promise<BullMqJobQueue> {
  const queue = new BullMqJobQueue({ redisUrl: REDIS_URL, ...options });
  const health = await queue.health();
  if (!health.up) {
    await queue.close();
    throw new Error(
      `The BullMQ tests need Redis at ${REDIS_URL}: ${health.reason ?? 'unreachable'}`,
    );
  }
  return queue;
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 })) {
      const batch = keys as string[];
      if (batch.length > 0) await redis.del(...batch);
    }
  } finally {
    await redis.quit();
  }
}

describeJobQueueContract('BullMqJobQueue', async ({ logger, retry }) => {
  const prefix = testPrefix();
  const queue = await connectedQueue({ logger, retry, prefix });
  return {
    queue,
    dispose: async () => {
      await queue.close();
      await deleteKeys(prefix);
    },
  };
});

describe('BullMqJobQueue', () => {
  const cleanups: Array<() => Promise<void>> = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function track(queue: BullMqJobQueue): BullMqJobQueue {
    cleanups.push(() => queue.close());
    return queue;
  }

  function isolatedPrefix(): string {
    const prefix = testPrefix();
    cleanups.push(() => deleteKeys(prefix));
    return prefix;
  }

  it('reports the bullmq driver in health()', async () => {
    const queue = track(
      await connectedQueue({ logger: new RecordingLogger(), prefix: isolatedPrefix() }),
    );
    expect(await queue.health()).toEqual({ up: true, driver: 'bullmq' });
  });

  it('stores jobs under its prefix with the derived job id', async () => {
    const prefix = isolatedPrefix();
    const queue = track(await connectedQueue({ logger: new RecordingLogger(), prefix }));
    await queue.enqueue('events.requeue', { reason: 'nightly' });

    const redis = new Redis(REDIS_URL);
    cleanups.push(async () => void (await redis.quit()));
    expect(await redis.exists(`${prefix}:jobs:events.requeue@nightly`)).toBe(1);
  });

  it('leaves jobs to another process when runWorker is false', async () => {
    const prefix = isolatedPrefix();
    const logger = new RecordingLogger();
    const producer = track(await connectedQueue({ logger, prefix, runWorker: false }));
    registerHandlers(producer);
    await producer.start();
    await producer.enqueue('entity.changed', entityChanged('elsewhere'));
    await expect(producer.drain(300)).rejects.toThrow(
      'did not drain within 300 ms (1 jobs pending)',
    );

    const consumed: string[] = [];
    const consumer = track(await connectedQueue({ logger, prefix }));
    registerHandlers(consumer, {
      'entity.changed': ({ eventId }) => {
        consumed.push(eventId);
        return Promise.resolve();
      },
    });
    await consumer.start();

    await producer.drain(10_000);
    expect(consumed).toEqual(['elsewhere']);
  });

  describe('with an unreachable Redis', () => {
    function unreachableQueue(): BullMqJobQueue {
      return track(
        new BullMqJobQueue({
          redisUrl: UNREACHABLE_URL,
          logger: new RecordingLogger(),
          prefix: testPrefix(),
          connectTimeoutMs: 200,
          commandTimeoutMs: 300,
        }),
      );
    }

    it('reports down with a reason, promptly', async () => {
      const queue = unreachableQueue();
      registerHandlers(queue);
      await queue.start();

      const startedAt = Date.now();
      const health = await queue.health();
      expect(Date.now() - startedAt).toBeLessThan(2_000);
      expect(health).toEqual(expect.objectContaining({ up: false, driver: 'bullmq' }));
      expect(health.reason).toContain('ECONNREFUSED');

      // Later checks land between reconnect attempts and must answer as promptly.
      await delay(300);
      const later = await queue.health();
      expect(later.up).toBe(false);
      expect(later.reason).toMatch(/ECONNREFUSED|not ready/);
    });

    it('fails enqueue after the command timeout instead of hanging', async () => {
      const queue = unreachableQueue();
      await expect(queue.enqueue('events.requeue', { reason: 'offline' })).rejects.toThrow(
        'could not enqueue events.requeue@offline within 300 ms',
      );
    });
  });
});
