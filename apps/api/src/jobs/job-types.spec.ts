import { JOB_NAMES, isJobName, jobIdFor } from './job-types.js';
import { entityChanged } from './job-queue.contract.js';

describe('job catalogue', () => {
  it('lists every job name', () => {
    expect(JOB_NAMES).toEqual(['entity.changed', 'search.reindex']);
    expect(isJobName('search.reindex')).toBe(true);
    expect(isJobName('toString')).toBe(false);
  });

  it('derives the same id from the same payload', () => {
    expect(jobIdFor('entity.changed', entityChanged('evt-1'))).toBe('entity.changed@evt-1');
    expect(jobIdFor('entity.changed', { ...entityChanged('evt-1'), version: 7 })).toBe('entity.changed@evt-1');
    expect(jobIdFor('search.reindex', { reason: 'nightly' })).toBe('search.reindex@nightly');
  });

  it('never yields an id BullMQ rejects', () => {
    const id = jobIdFor('search.reindex', { reason: 'schema:v2 rebuild' });
    expect(id).toBe('search.reindex@schema%3Av2%20rebuild');
    expect(id).not.toContain(':');
  });
});
