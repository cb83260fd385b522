/**
 * Entry point of the embedded PostgreSQL server process, forked by {@link EmbeddedPostgres} so
 * that PGlite's synchronous WebAssembly work never blocks the API's event loop.
 *
 *   pglite-server.process.js --data-dir <dir> [--port 0] [--lock-timeout-ms 60000]
 *
 * Reports `{ type: 'ready', port }` over IPC once clients can connect, and shuts down cleanly on
 * SIGTERM, SIGINT or when the parent goes away.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { ChildMessage } from './child-messages.js';
import { errorMessage } from './errors.js';
import { PgliteWireServer } from './pglite-wire-server.js';
import {
  EMBEDDED_HOST,
  claimServerInfo,
  publishServerInfo,
  removeServerInfo,
} from './server-info.js';

const DEFAULT_LOCK_TIMEOUT_MS = 60_000;
/**
 * Inside the data directory, which has one server at a time: left-overs of a killed server are
 * cleared on the next start, and a large load is spooled on the disk that receives it anyway.
 */
const COPY_SPOOL_DIR = 'copy-spool';

interface ServerConfig {
  readonly dataDir: string;
  readonly port: number;
  readonly lockTimeoutMs: number;
}

interface RunningServer {
  readonly port: number;
  stop(): Promise<void>;
}

function readConfig(argv: string[]): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '0' },
      'lock-timeout-ms': { type: 'string', default: String(DEFAULT_LOCK_TIMEOUT_MS) },
    },
  });
  const dataDir = values['data-dir'];
  if (dataDir === undefined || dataDir === '') throw new Error('--data-dir is required');
  return {
    dataDir,
    port: toInteger('--port', values.port, 0, 65535),
    lockTimeoutMs: toInteger('--lock-timeout-ms', values['lock-timeout-ms'], 1, 2 ** 31 - 1),
  };
}

function toInteger(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max}, got "${text}"`);
  }
  return value;
}

async function openDatabase(dataDir: string): Promise<PGlite> {
  const db = await PGlite.create(dataDir, { extensions: { pg_trgm, unaccent } });
  await db.exec('CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;');
  return db;
}

/** Returns null when another live process already serves the directory. */
async function startServer(config: ServerConfig): Promise<RunningServer | null> {
  const startedAt = new Date().toISOString();
  const claim = await claimServerInfo(config.dataDir, { pid: process.pid, port: null, startedAt });
  if (!claim.claimed) {
    await send({ type: 'busy', pid: claim.owner.pid });
    return null;
  }
  try {
    return await serve(config, startedAt);
  } catch (error) {
    await removeServerInfo(config.dataDir, process.pid);
    throw error;
  }
}

async function serve(config: ServerConfig, startedAt: string): Promise<RunningServer> {
  const db = await openDatabase(config.dataDir);
  try {
    return await listenAndPublish(db, config, startedAt);
  } catch (error) {
    await db.close();
    throw error;
  }
}

async function listenAndPublish(
  db: PGlite,
  config: ServerConfig,
  startedAt: string,
): Promise<RunningServer> {
  const wire = new PgliteWireServer({
    db,
    host: EMBEDDED_HOST,
    port: config.port,
    lockTimeoutMs: config.lockTimeoutMs,
    copySpoolDir: join(config.dataDir, COPY_SPOOL_DIR),
    onError: (error) => logError('embedded PostgreSQL connection failed', error),
  });
  try {
    const port = await wire.listen();
    await publishServerInfo(config.dataDir, { pid: process.pid, port, startedAt });
    return { port, stop: () => stopServer(db, wire, config.dataDir) };
  } catch (error) {
    await wire.close();
    throw error;
  }
}

/** Keeps the port open until PGlite is closed, so the directory never looks free too early. */
async function stopServer(db: PGlite, wire: PgliteWireServer, dataDir: string): Promise<void> {
  await wire.disconnectClients();
  await db.close();
  await removeServerInfo(dataDir, process.pid);
  await wire.close();
}

/** Stops once, whichever of the shutdown triggers comes first, even while still starting. */
function stopOnShutdownSignals(started: Promise<RunningServer | null>): void {
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    void started
      .catch(() => null)
      .then((server) => server?.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logError('embedded PostgreSQL did not shut down cleanly', error);
          process.exit(1);
        },
      );
  };
  // Stay subscribed: a second Ctrl+C must not kill the process while PGlite is flushing.
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.on('disconnect', shutdown);
}

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.send === undefined || !process.connected) {
      resolve();
      return;
    }
    process.send(message, undefined, undefined, () => resolve());
  });
}

/** The one kind of output this process produces: a JSON line on stderr per error. */
function logError(msg: string, error: unknown): void {
  const err = error instanceof Error ? { message: error.message, stack: error.stack } : { error };
  const line = { level: 'error', time: new Date().toISOString(), pid: process.pid, msg, err };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

async function main(): Promise<void> {
  const config = readConfig(process.argv.slice(2));
  const started = startServer(config);
  stopOnShutdownSignals(started);
  const server = await started;
  if (server === null) {
    process.exit(0);
  }
  await send({ type: 'ready', port: server.port });
}

main().catch(async (error: unknown) => {
  logError('embedded PostgreSQL failed to start', error);
  await send({ type: 'failed', message: errorMessage(error) });
  process.exit(1);
});
