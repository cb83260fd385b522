import { JOB_NAMES, isJobName, jobIdFor } from './job-types.js';
import { entityChanged } from './job-queue.contract.js';

describe('job catalogue', () => {
  it('lists every job name', () => {
    expect(JOB_NAMES).toEqual([
      'entity.changed',
      'events.requeue',
      'pipeline.run',
      'search.reindex',
    ]);
    expect(isJobName('events.requeue')).toBe(true);
    expect(isJobName('toString')).toBe(false);
  });

  it('derives the same id from the same payload', () => {
    expect(jobIdFor('entity.changed', entityChanged('evt-1'))).toBe('entity.changed@evt-1');
    expect(jobIdFor('entity.changed', { ...entityChanged('evt-1'), version: 7 })).toBe(
      'entity.changed@evt-1',
    );
    expect(jobIdFor('events.requeue', { reason: 'nightly' })).toBe('events.requeue@nightly');
  });

  it('never yields an id BullMQ rejects', () => {
    const id = jobIdFor('events.requeue', { reason: 'schema:v2 rebuild' });
    expect(id).toBe('events.requeue@schema%3Av2%20rebuild');
    expect(id).not.toContain(':');
  });
});
