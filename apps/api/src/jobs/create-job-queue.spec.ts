import { BullMqJobQueue } from './bullmq-job-queue.js';
import { createJobQueue } from './create-job-queue.js';
import { InlineJobQueue } from './inline-job-queue.js';
import { RecordingLogger } from './job-queue.contract.js';

describe('createJobQueue', () => {
  it('runs jobs in process when no Redis URL is configured', async () => {
    const queue = createJobQueue({ logger: new RecordingLogger() });
    expect(queue).toBeInstanceOf(InlineJobQueue);
    await queue.close();
  });

  it('uses BullMQ when a Redis URL is configured', async () => {
    const logger = new RecordingLogger();
    const queue = createJobQueue({
      redisUrl: 'redis://127.0.0.1:1',
      logger,
      prefix: 'almanac-test-factory',
    });
    expect(queue).toBeInstanceOf(BullMqJobQueue);
    expect(logger.at('info')).toEqual([
      expect.objectContaining({ obj: { driver: 'bullmq', prefix: 'almanac-test-factory' } }),
    ]);
    await queue.close();
  });
});
