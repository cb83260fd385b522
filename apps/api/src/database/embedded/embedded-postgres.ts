import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseChildMessage } from './child-messages.js';
import { errorMessage } from './errors.js';
import { EMBEDDED_HOST, inspectServer } from './server-info.js';

export interface EmbeddedPostgresOptions {
  /** Where PGlite keeps its files; created if missing. One directory is served by one process. */
  readonly dataDir: string;
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
  /** How long to wait for the server to accept connections. */
  readonly startTimeoutMs?: number;
  /** How long a connection may wait behind another connection's transaction before it fails. */
  readonly lockTimeoutMs?: number;
}

export class EmbeddedPostgresError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EmbeddedPostgresError';
  }
}

const DEFAULT_START_TIMEOUT_MS = 30_000;
const DEFAULT_LOCK_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
const POLL_INTERVAL_MS = 100;
const CHILD_ENTRY = 'pglite-server.process';

type SpawnOutcome =
  | { readonly kind: 'started'; readonly port: number; readonly child: ChildProcess }
  | { readonly kind: 'busy'; readonly pid: number };

/**
 * PostgreSQL for running Almanac without DATABASE_URL: PGlite in a child process behind a
 * wire-protocol server on 127.0.0.1, reachable by the ordinary `pg` driver at {@link url}.
 *
 * If another process already serves the data directory, `start` attaches to it instead of
 * opening the same files twice; {@link stop} then leaves that server running.
 */
export class EmbeddedPostgres {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Process id of the server process, whether this handle started it or attached to it. */
  readonly pid: number;
  #child: ChildProcess | null;

  private constructor(dataDir: string, port: number, pid: number, child: ChildProcess | null) {
    this.dataDir = dataDir;
    this.port = port;
    this.pid = pid;
    this.url = `postgres://postgres@${EMBEDDED_HOST}:${port}/postgres`;
    this.#child = child;
  }

  /** False when this handle attached to a server that another handle or process started. */
  get owned(): boolean {
    return this.#child !== null;
  }

  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    const dataDir = resolve(options.dataDir);
    const deadline = Date.now() + (options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
    await ensureDirectory(dataDir);
    const running = await findRunningServer(dataDir, deadline);
    if (running !== null) return new EmbeddedPostgres(dataDir, running.port, running.pid, null);

    const outcome = await spawnServer(dataDir, options, deadline);
    if (outcome.kind === 'started') {
      return new EmbeddedPostgres(dataDir, outcome.port, outcome.child.pid ?? 0, outcome.child);
    }
    // Another process claimed the directory between our check and the fork: use its server.
    const other = await findRunningServer(dataDir, deadline);
    if (other !== null) return new EmbeddedPostgres(dataDir, other.port, other.pid, null);
    throw startError(dataDir, `process ${outcome.pid} holds the directory but is not serving it`);
  }

  /** Stops the server if this handle started it; does nothing for an attached handle. */
  async stop(): Promise<void> {
    const child = this.#child;
    this.#child = null;
    if (child === null || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    const [code, signal] = await exited.finally(() => clearTimeout(killer));
    if (code !== 0) {
      throw new EmbeddedPostgresError(
        `Embedded PostgreSQL in ${this.dataDir} did not shut down cleanly (${describeExit(code, signal)})`,
      );
    }
  }
}

async function ensureDirectory(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true });
  } catch (error) {
    throw startError(dataDir, errorMessage(error), error);
  }
}

/** The live server for the directory, waiting while one is still starting; null if none. */
async function findRunningServer(
  dataDir: string,
  deadline: number,
): Promise<{ port: number; pid: number } | null> {
  for (;;) {
    const state = await inspectServer(dataDir);
    switch (state.kind) {
      case 'absent':
        return null;
      case 'running':
        return { port: state.port, pid: state.info.pid };
      case 'starting':
        if (Date.now() >= deadline) {
          throw startError(dataDir, `process ${state.info.pid} is still starting a server for it`);
        }
        await sleep(POLL_INTERVAL_MS);
    }
  }
}

function spawnServer(
  dataDir: string,
  options: EmbeddedPostgresOptions,
  deadline: number,
): Promise<SpawnOutcome> {
  const timeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const entry = childEntry();
  const args = [
    '--data-dir',
    dataDir,
    '--port',
    String(options.port ?? 0),
    '--lock-timeout-ms',
    String(options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS),
  ];
  const child = fork(entry.modulePath, args, {
    execArgv: entry.execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return awaitReport(child, dataDir, { deadline, timeoutMs });
}

/** Resolves on the child's first decisive report; rejects if it exits or stays silent. */
function awaitReport(
  child: ChildProcess,
  dataDir: string,
  { deadline, timeoutMs }: { deadline: number; timeoutMs: number },
): Promise<SpawnOutcome> {
  return new Promise<SpawnOutcome>((resolvePromise, reject) => {
    let failure = '';
    const settle = (outcome: SpawnOutcome | Error): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      child.off('error', onError);
      // Errors after start-up (e.g. a failed kill) must not crash the parent.
      child.on('error', () => undefined);
      if (outcome instanceof Error) reject(outcome);
      else resolvePromise(outcome);
    };
    const onMessage = (message: unknown): void => {
      const report = parseChildMessage(message);
      if (report?.type === 'ready') settle({ kind: 'started', port: report.port, child });
      if (report?.type === 'busy') settle({ kind: 'busy', pid: report.pid });
      if (report?.type === 'failed') failure = report.message;
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      const cause = failure === '' ? `its process exited (${describeExit(code, signal)})` : failure;
      settle(startError(dataDir, cause));
    };
    const onError = (error: Error): void => {
      child.kill('SIGKILL');
      settle(startError(dataDir, error.message, error));
    };
    const timer = setTimeout(
      () => {
        child.kill('SIGKILL');
        settle(startError(dataDir, `its process reported no port within ${timeoutMs} ms`));
      },
      Math.max(0, deadline - Date.now()),
    );
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.on('error', onError);
  });
}

/**
 * The server process entry next to this module: compiled `.js` under dist/, or the `.ts` source
 * when running from sources (Jest). Plain Node cannot load TypeScript, so the source variant
 * registers a small loader that transpiles with the workspace's `typescript` package.
 */
function childEntry(): { modulePath: string; execArgv: string[] } {
  const self = fileURLToPath(import.meta.url);
  const extension = extname(self);
  const modulePath = join(dirname(self), `${CHILD_ENTRY}${extension}`);
  if (extension !== '.ts') return { modulePath, execArgv: [] };
  const hooks = new URL('./typescript-source-hooks.mjs', import.meta.url).href;
  const registration = `import { register } from 'node:module'; register(${JSON.stringify(hooks)});`;
  return {
    modulePath,
    execArgv: ['--import', `data:text/javascript,${encodeURIComponent(registration)}`],
  };
}

function startError(dataDir: string, cause: string, error?: unknown): EmbeddedPostgresError {
  return new EmbeddedPostgresError(
    `Embedded PostgreSQL could not start for data directory ${dataDir}: ${cause}`,
    error === undefined ? undefined : { cause: error },
  );
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal === null ? `exit code ${code ?? 'unknown'}` : `signal ${signal}`;
}
