import { JOB_NAMES, type JobName, type JobPayloads } from './job-types.js';

export interface JobContext {
  readonly jobId: string;
  /** 1 on the first try, 2 on the first retry, and so on. */
  readonly attempt: number;
}

export type JobHandler<N extends JobName> = (
  payload: JobPayloads[N],
  ctx: JobContext,
) => Promise<void>;

/** Raised by `start()` so a deployment missing a handler fails at boot, not at the first job. */
export class MissingJobHandlersError extends Error {
  constructor(readonly jobNames: readonly JobName[]) {
    super(`No job handler registered for: ${jobNames.join(', ')}`);
    this.name = 'MissingJobHandlersError';
  }
}

/** Handlers by job name, shared by both drivers. */
export class JobHandlerRegistry {
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) {
      throw new Error(`A job handler is already registered for "${name}"`);
    }
    // The map loses the name-to-payload link; `run` restores it by looking up by name.
    this.handlers.set(name, handler as JobHandler<JobName>);
  }

  assertComplete(): void {
    const missing = JOB_NAMES.filter((name) => !this.handlers.has(name));
    if (missing.length > 0) throw new MissingJobHandlersError(missing);
  }

  async run(name: JobName, payload: unknown, ctx: JobContext): Promise<void> {
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`No job handler registered for "${name}"`);
    await handler(payload as JobPayloads[JobName], ctx);
  }
}
