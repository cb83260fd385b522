/** Injection token for the JobQueue port. */
export const JOB_QUEUE = Symbol('JOB_QUEUE');
