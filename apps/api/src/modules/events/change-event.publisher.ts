import { Inject, Injectable } from '@nestjs/common';
import { Coalescer } from '../../common/coalescer.js';
import type { JobPayloads } from '../../jobs/job-types.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { JOB_QUEUE } from '../../jobs/job-queue.token.js';
import { ChangeEventRepository, type PendingEvent } from './change-event.repository.js';

type ChangeKind = JobPayloads['entity.changed']['change'];

const CHANGE_KINDS: readonly string[] = [
  'created',
  'updated',
  'deleted',
  'restored',
] satisfies ChangeKind[];

function toPayload(event: PendingEvent): JobPayloads['entity.changed'] {
  const change = CHANGE_KINDS.includes(event.event_type)
    ? (event.event_type as ChangeKind)
    : 'updated';
  return {
    eventId: String(event.id),
    fqn: event.fqn,
    entityType: event.entity_type,
    change,
    version: Number(event.version),
  };
}

/** Fans stored change events out as jobs; the job marks its event processed. */
@Injectable()
export class ChangeEventPublisher {
  // Jobs that finish together mark their events in one statement: one commit instead of one each.
  // A mark lost when the process stops only means the event is published again on the next start.
  private readonly processed = new Coalescer<string, void>(
    async (eventIds) => {
      await this.repository.markProcessed(eventIds);
      return eventIds.map(() => ({ status: 'fulfilled', value: undefined }));
    },
    { maxBatch: 500, maxWaitMs: 2 },
  );

  private readonly listeners: ((change: JobPayloads['entity.changed']) => Promise<void>)[] = [];

  constructor(
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    private readonly repository: ChangeEventRepository,
  ) {}

  async publish(events: readonly PendingEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.jobs.enqueueMany(
      events.map((event) => ({ name: 'entity.changed' as const, payload: toPayload(event) })),
    );
  }

  /** Re-queues events that were stored but never queued; job ids make this idempotent. */
  async republishPending(): Promise<number> {
    let total = 0;
    let afterId = '0';
    for (;;) {
      const pending = await this.repository.pending(afterId, 1000);
      await this.publish(pending);
      total += pending.length;
      if (pending.length < 1000) return total;
      afterId = pending[pending.length - 1].id;
    }
  }

  /**
   * Runs `listener` for every change, before the change counts as processed: a listener that fails
   * fails the job, which is retried.
   */
  onEntityChanged(listener: (change: JobPayloads['entity.changed']) => Promise<void>): void {
    this.listeners.push(listener);
  }

  registerHandlers(): void {
    this.jobs.registerHandler('entity.changed', async (payload) => {
      await Promise.all(this.listeners.map((listener) => listener(payload)));
      await this.processed.submit(payload.eventId);
    });
    this.jobs.registerHandler('events.requeue', async () => {
      await this.republishPending();
    });
  }
}
