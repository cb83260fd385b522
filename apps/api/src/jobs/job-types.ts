/**
 * The job catalogue: every background job the API can enqueue, with its payload.
 *
 * To add a job: add an entry to `JobPayloads` and a key rule to `JOB_KEYS`; the
 * compiler refuses a catalogue entry without a key rule, and `start()` refuses
 * to run until a handler is registered for it.
 */
export interface JobPayloads {
  'entity.changed': {
    eventId: string;
    fqn: string;
    entityType: string;
    change: 'created' | 'updated' | 'deleted' | 'restored';
    version: number;
  };
  /** Queue again the change events that were stored but never queued (the queue was down). */
  'events.requeue': { reason: string };
  /** Run the shop pipeline (a whole batch, or a micro-batch of the fast models) and ingest its metadata. */
  'pipeline.run': { reason: string; mode?: 'batch' | 'micro-batch' };
  /** Rebuild the search index from the catalog (a new deployment, or the index found empty). */
  'search.reindex': { reason: string };
}

export type JobName = keyof JobPayloads;

/** One job to enqueue; a union over the catalogue so each payload matches its name. */
export type JobRequest = { [N in JobName]: { name: N; payload: JobPayloads[N] } }[JobName];

/** What makes two jobs "the same job": equal keys are deduplicated. */
const JOB_KEYS: { [N in JobName]: (payload: JobPayloads[N]) => string } = {
  'entity.changed': (payload) => payload.eventId,
  'events.requeue': (payload) => payload.reason,
  'pipeline.run': (payload) => payload.reason,
  'search.reindex': (payload) => payload.reason,
};

export const JOB_NAMES: readonly JobName[] = Object.freeze(Object.keys(JOB_KEYS) as JobName[]);

export function isJobName(value: string): value is JobName {
  return Object.hasOwn(JOB_KEYS, value);
}

/**
 * Deterministic job id, e.g. `entity.changed@evt-42`.
 *
 * The separator is `@` rather than `:` and the key is URI-encoded because
 * BullMQ rejects custom job ids that contain `:` (it splits Redis keys on it).
 */
export function jobIdFor<N extends JobName>(name: N, payload: JobPayloads[N]): string {
  const keyOf: (payload: JobPayloads[N]) => string = JOB_KEYS[name];
  return `${name}@${encodeURIComponent(keyOf(payload))}`;
}
