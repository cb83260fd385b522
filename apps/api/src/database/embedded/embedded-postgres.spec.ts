import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { jest } from '@jest/globals';
import pg from 'pg';
import {
  connect as connectClient,
  openPool as openTestPool,
  withTimeout as withDeadline,
} from '../../../test/support/embedded-clients.js';
import { EmbeddedPostgres, EmbeddedPostgresError } from './embedded-postgres.js';
import { isProcessAlive, readServerInfo, serverInfoPath } from './server-info.js';

const TEST_TIMEOUT_MS = 20_000;
/** Bounds every wait on concurrent transactions, so a broken gate fails instead of hanging. */
const TRANSACTION_TIMEOUT_MS = 8_000;

const cleanups: Array<() => Promise<void>> = [];

const openPool = (server: EmbeddedPostgres, max = 4) => openTestPool(cleanups, server, max);
const connect = (pool: pg.Pool) => connectClient(cleanups, pool);
const withTimeout = <T>(promise: Promise<T>, what: string) =>
  withDeadline(promise, what, TRANSACTION_TIMEOUT_MS);
/** A data directory initialised once; copying it spares most tests PGlite's initdb. */
let template = '';

jest.setTimeout(TEST_TIMEOUT_MS);

beforeAll(async () => {
  template = await mkdtemp(join(tmpdir(), 'almanac-embedded-pg-template-'));
  await (await EmbeddedPostgres.start({ dataDir: template })).stop();
});

afterAll(() => rm(template, { recursive: true, force: true }));

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'almanac-embedded-pg-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function initialisedDir(): Promise<string> {
  const dir = await tempDir();
  await cp(template, dir, { recursive: true });
  return dir;
}

async function startServer(dataDir: string, lockTimeoutMs?: number): Promise<EmbeddedPostgres> {
  const server = await EmbeddedPostgres.start({ dataDir, lockTimeoutMs });
  cleanups.push(() => server.stop());
  return server;
}

async function ids(queryable: pg.Pool | pg.PoolClient): Promise<number[]> {
  const result = await queryable.query<{ id: number }>('SELECT id FROM items ORDER BY id');
  return result.rows.map((row) => row.id);
}

function deadPid(): number {
  const finished = spawnSync(process.execPath, ['-e', '']);
  if (finished.pid === undefined || isProcessAlive(finished.pid)) {
    throw new Error('could not obtain the pid of a finished process');
  }
  return finished.pid;
}

async function occupiedPort(): Promise<number> {
  const blocker: Server = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
  return (blocker.address() as AddressInfo).port;
}

describe('EmbeddedPostgres', () => {
  it('serves a pg pool of four with gen_random_uuid, pg_trgm and unaccent', async () => {
    const dataDir = await tempDir();
    const server = await startServer(dataDir);

    expect(server.url).toBe(`postgres://postgres@127.0.0.1:${server.port}/postgres`);
    expect(server.owned).toBe(true);
    expect(await readServerInfo(dataDir)).toMatchObject({ pid: server.pid, port: server.port });

    const pool = openPool(server);
    const clients = await Promise.all([1, 2, 3, 4].map(() => pool.connect()));
    const answers = await Promise.all(
      clients.map((client, index) => client.query<{ n: number }>('SELECT $1::int AS n', [index])),
    );
    clients.forEach((client) => client.release());
    expect(answers.map((answer) => answer.rows[0]?.n)).toEqual([0, 1, 2, 3]);

    const { rows } = await pool.query<{ one: number; id: string; score: number; plain: string }>(
      `SELECT 1 AS one, gen_random_uuid()::text AS id,
              similarity('customer', 'custmer') AS score, unaccent('Hôtel Zürich') AS plain`,
    );
    expect(rows[0]?.one).toBe(1);
    expect(rows[0]?.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(rows[0]?.score).toBeGreaterThan(0.5);
    expect(rows[0]?.plain).toBe('Hotel Zurich');
  });

  it('never shows one transaction uncommitted rows to another connection', async () => {
    const server = await startServer(await initialisedDir());
    const pool = openPool(server);
    const [a, b] = [await connect(pool), await connect(pool)];
    await a.query('CREATE TABLE items (id int PRIMARY KEY)');

    const events: string[] = [];
    await a.query('BEGIN');
    await a.query('INSERT INTO items VALUES (1)');
    const readByB = ids(b).then((seen) => {
      events.push('b read');
      return seen;
    });
    await sleep(300); // long enough for B's read to overtake A's transaction if it could
    expect(await ids(a)).toEqual([1]);
    events.push('a committed');
    await a.query('COMMIT');
    const seenByB = await withTimeout(readByB, "B's read behind A's transaction");
    // Real PostgreSQL lets B read at once (and see []); embedded mode serialises B behind A.
    expect(events).toEqual(['a committed', 'b read']);
    expect(seenByB).toEqual([1]);

    await a.query('BEGIN');
    await a.query('INSERT INTO items VALUES (2)');
    const secondReadByB = ids(b);
    await sleep(300);
    await a.query('ROLLBACK');
    expect(await withTimeout(secondReadByB, "B's read behind A's rollback")).toEqual([1]);
  });

  it('keeps only the committed row of two concurrent transactions', async () => {
    const server = await startServer(await initialisedDir());
    const pool = openPool(server);
    await pool.query('CREATE TABLE items (id int PRIMARY KEY)');
    const [a, b] = [await connect(pool), await connect(pool)];

    const transaction = async (
      client: pg.PoolClient,
      id: number,
      end: string,
    ): Promise<number[]> => {
      await client.query('BEGIN');
      await client.query('INSERT INTO items VALUES ($1)', [id]);
      await sleep(100);
      const seenInside = await ids(client);
      await client.query(end);
      return seenInside;
    };
    const [seenByA, seenByB] = await withTimeout(
      Promise.all([transaction(a, 10, 'COMMIT'), transaction(b, 20, 'ROLLBACK')]),
      'two concurrent transactions',
    );

    // Whichever ran first, neither ever saw the other's uncommitted row.
    expect(seenByA).toEqual([10]);
    expect([[20], [10, 20]]).toContainEqual(seenByB);
    expect(await ids(pool)).toEqual([10]);
  });

  it('keeps extended-protocol batches of concurrent connections apart', async () => {
    // pglite-socket 0.2.17 interleaves these when a large Bind arrives in several TCP chunks.
    const server = await startServer(await initialisedDir());
    const pool = openPool(server);
    const large = 'x'.repeat(2_000_000);
    const lengthQuery = pool.query<{ n: number }>('SELECT length($1::text) AS n', [large]);
    const small = Array.from({ length: 30 }, (_, i) =>
      pool.query<{ v: number }>('SELECT $1::int AS v, 42 AS k', [i]),
    );
    const [length, ...rest] = await withTimeout(Promise.all([lengthQuery, ...small]), 'queries');
    expect(length.rows[0]?.n).toBe(large.length);
    expect(rest.map((result) => result.rows[0]?.v)).toEqual(small.map((_, i) => i));
  });

  it('fails a connection that waits too long behind another transaction instead of hanging', async () => {
    const server = await startServer(await initialisedDir(), 1000);
    const pool = openPool(server);
    const [a, b] = [await connect(pool), await connect(pool)];
    await a.query('BEGIN');

    await expect(withTimeout(b.query('SELECT 1'), "B's query")).rejects.toThrow(
      /waited 1000 ms for another connection's transaction/,
    );
    await a.query('COMMIT');
    expect((await pool.query<{ n: number }>('SELECT 2 AS n')).rows[0]?.n).toBe(2);
  });

  it('rolls back the transaction of a client that disconnects in the middle of it', async () => {
    const server = await startServer(await initialisedDir());
    const pool = openPool(server);
    await pool.query('CREATE TABLE items (id int PRIMARY KEY)');
    const quitter = new pg.Client({ connectionString: server.url });
    await quitter.connect();
    await quitter.query('BEGIN');
    await quitter.query('INSERT INTO items VALUES (1)');
    await quitter.end();

    expect(await withTimeout(ids(pool), 'read after disconnect')).toEqual([]);
    await pool.query('INSERT INTO items VALUES (2)');
    expect(await ids(pool)).toEqual([2]);
  });

  it('keeps data across a stop and a start on the same data directory', async () => {
    const dataDir = await initialisedDir();
    const first = await startServer(dataDir);
    const firstPool = new pg.Pool({ connectionString: first.url });
    await firstPool.query('CREATE TABLE items (id int PRIMARY KEY)');
    await firstPool.query('INSERT INTO items VALUES (1), (2)');
    await firstPool.end();
    await first.stop();
    expect(await readServerInfo(dataDir)).toBeNull();
    expect(isProcessAlive(first.pid)).toBe(false);

    const second = await startServer(dataDir);
    expect(await ids(openPool(second))).toEqual([1, 2]);
  });

  it('attaches a second start to the server already running on the directory', async () => {
    const dataDir = await initialisedDir();
    const owner = await startServer(dataDir);
    const attached = await startServer(dataDir);

    expect(attached.owned).toBe(false);
    expect(attached.port).toBe(owner.port);
    expect(attached.pid).toBe(owner.pid);
    await openPool(owner).query(
      'CREATE TABLE items (id int PRIMARY KEY); INSERT INTO items VALUES (7)',
    );
    const attachedPool = openPool(attached);
    expect(await ids(attachedPool)).toEqual([7]);

    await attached.stop();
    expect(await ids(attachedPool)).toEqual([7]);
  });

  it('lets concurrent starts on one directory share a single server', async () => {
    const dataDir = await initialisedDir();
    const servers = await Promise.all([startServer(dataDir), startServer(dataDir)]);

    expect(servers.map((server) => server.port)).toEqual([servers[0]?.port, servers[0]?.port]);
    expect(servers.filter((server) => server.owned)).toHaveLength(1);
  });

  it('replaces a stale server.json left by a crashed server', async () => {
    const dataDir = await initialisedDir();
    const crashed = await startServer(dataDir);
    const pool = new pg.Pool({ connectionString: crashed.url });
    pool.on('error', () => undefined);
    await pool.query('CREATE TABLE items (id int PRIMARY KEY); INSERT INTO items VALUES (1)');
    await pool.end();
    process.kill(crashed.pid, 'SIGKILL');
    while (isProcessAlive(crashed.pid)) await sleep(50); // bounded by the test timeout
    expect(await readServerInfo(dataDir)).toMatchObject({ pid: crashed.pid });

    const restarted = await startServer(dataDir);
    expect(restarted.owned).toBe(true);
    expect(restarted.pid).not.toBe(crashed.pid);
    expect(await ids(openPool(restarted))).toEqual([1]);
  });

  it('starts a new server when server.json names a process that no longer exists', async () => {
    const dataDir = await initialisedDir();
    const stale = { pid: deadPid(), port: 1, startedAt: new Date(0).toISOString() };
    await writeFile(serverInfoPath(dataDir), JSON.stringify(stale));

    const server = await startServer(dataDir);
    expect(server.owned).toBe(true);
    expect(await readServerInfo(dataDir)).toMatchObject({ pid: server.pid, port: server.port });
  });

  it('names the data directory when it cannot be created', async () => {
    const parent = await tempDir();
    await writeFile(join(parent, 'not-a-directory'), '');
    const dataDir = join(parent, 'not-a-directory', 'pg');

    const failure = EmbeddedPostgres.start({ dataDir });
    await expect(failure).rejects.toThrow(EmbeddedPostgresError);
    await expect(failure).rejects.toThrow(`data directory ${dataDir}: ENOTDIR`);
  });

  it('names the data directory and the cause when the server process fails', async () => {
    const dataDir = await initialisedDir();
    const port = await occupiedPort();

    const failure = EmbeddedPostgres.start({ dataDir, port });
    await expect(failure).rejects.toThrow(EmbeddedPostgresError);
    await expect(failure).rejects.toThrow(`data directory ${dataDir}: listen EADDRINUSE`);
    await expect(failure).rejects.toThrow(`127.0.0.1:${port}`);
    expect(await readServerInfo(dataDir)).toBeNull();
  });
});
