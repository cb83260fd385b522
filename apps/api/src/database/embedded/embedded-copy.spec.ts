import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { jest } from '@jest/globals';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import {
  connect as connectClient,
  openPool as openTestPool,
  withTimeout as withDeadline,
} from '../../../test/support/embedded-clients.js';
import { EmbeddedPostgres } from './embedded-postgres.js';

const TEST_TIMEOUT_MS = 60_000;
/** Bounds every wait on another connection, so a broken gate fails instead of hanging. */
const WAIT_TIMEOUT_MS = 15_000;
const ROWS = 200_000;
const ROWS_PER_CHUNK = 1_000;

const cleanups: Array<() => Promise<void>> = [];

const openPool = (server: EmbeddedPostgres, max = 4) => openTestPool(cleanups, server, max);
const connect = (pool: pg.Pool) => connectClient(cleanups, pool);
const withTimeout = <T>(promise: Promise<T>, what: string) =>
  withDeadline(promise, what, WAIT_TIMEOUT_MS);
/** One server for the whole file (starting one takes seconds); each test has a schema of its own. */
let shared: { server: EmbeddedPostgres; dataDir: string } | null = null;
let schemas = 0;

jest.setTimeout(TEST_TIMEOUT_MS);

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'almanac-embedded-copy-'));
  shared = { server: await EmbeddedPostgres.start({ dataDir }), dataDir };
});

afterAll(async () => {
  await shared?.server.stop();
  if (shared) await rm(shared.dataDir, { recursive: true, force: true });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * The shared server, with a new empty schema first on the search path (a setting of the one
 * session that every embedded connection shares).
 */
async function serverWithFreshSchema(): Promise<EmbeddedPostgres> {
  if (shared === null) throw new Error('the server did not start');
  schemas += 1;
  const client = new pg.Client({ connectionString: shared.server.url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA test_${schemas}; SET search_path TO test_${schemas}`);
  } finally {
    await client.end();
  }
  return shared.server;
}

/** `count` COPY lines from `line(i)`, in chunks of {@link ROWS_PER_CHUNK} lines. */
function* lines(count: number, line: (i: number) => string): Generator<string> {
  let chunk = '';
  for (let i = 1; i <= count; i += 1) {
    chunk += line(i);
    if (i % ROWS_PER_CHUNK === 0 || i === count) {
      yield chunk;
      chunk = '';
    }
  }
}

/** Streams `data` through COPY FROM STDIN and returns PostgreSQL's row count. */
async function copyIn(
  client: pg.PoolClient,
  sql: string,
  data: Iterable<string> | AsyncIterable<string>,
): Promise<number> {
  const copy = client.query(copyFrom(sql));
  await pipeline(Readable.from(data), copy);
  return copy.rowCount;
}

async function count(queryable: pg.Pool | pg.PoolClient, table: string): Promise<number> {
  const { rows } = await queryable.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]?.n ?? -1;
}

async function spooledFiles(server: EmbeddedPostgres): Promise<string[]> {
  return readdir(join(server.dataDir, 'copy-spool'));
}

describe('COPY through the embedded PostgreSQL server', () => {
  it('loads 200,000 rows in text format, streamed in many chunks, with a column list', async () => {
    const server = await serverWithFreshSchema();
    const pool = openPool(server);
    const client = await connect(pool);
    await client.query(`CREATE SCHEMA raw;
      CREATE TABLE raw.events (id bigint PRIMARY KEY, kind text NOT NULL, amount numeric(12, 2),
        note text, loaded_at timestamptz NOT NULL DEFAULT now())`);

    const note = 'n'.repeat(80); // 20 MB in all: the client gets paused and resumed on the way
    const loaded = await copyIn(
      client,
      `/* a comment */ copy
         RAW."events" (id, kind, amount, note) -- the column list
         FROM stdin WITH (FORMAT text, NULL '\\N')`,
      lines(
        ROWS,
        (i) =>
          `${i}\t${i % 2 === 0 ? 'view' : 'cart'}\t${i % 7 === 0 ? '\\N' : i / 100}\t${note}\n`,
      ),
    );

    expect(loaded).toBe(ROWS);
    expect(await count(pool, 'raw.events')).toBe(ROWS);
    const { rows } = await pool.query<{ nulls: number; sum: string }>(
      'SELECT count(*) FILTER (WHERE amount IS NULL)::int AS nulls, sum(id)::text AS sum FROM raw.events',
    );
    expect(rows[0]).toEqual({ nulls: Math.floor(ROWS / 7), sum: String((ROWS * (ROWS + 1)) / 2) });
    expect(await spooledFiles(server)).toEqual([]);
  });

  it('loads CSV with a header, quoting, embedded newlines and a column list', async () => {
    const server = await serverWithFreshSchema();
    const pool = openPool(server);
    const client = await connect(pool);
    await client.query(
      "CREATE TABLE notes (id int PRIMARY KEY, body text, tag text NOT NULL DEFAULT 'none')",
    );

    const csv = lines(ROWS, (i) => `${i},"line ${i}, ""quoted""\nsecond line"\n`);
    const loaded = await copyIn(
      client,
      'COPY notes (id, body) FROM STDIN (FORMAT csv, HEADER true)',
      (function* () {
        yield 'id,body\n';
        yield* csv;
      })(),
    );

    expect(loaded).toBe(ROWS);
    expect(await count(pool, 'notes')).toBe(ROWS);
    const { rows } = await pool.query<{ body: string; tag: string }>(
      'SELECT body, tag FROM notes WHERE id = 4242',
    );
    expect(rows).toEqual([{ body: 'line 4242, "quoted"\nsecond line', tag: 'none' }]);
  });

  it('commits two COPYs of one transaction together, around a savepoint of the client', async () => {
    const server = await serverWithFreshSchema();
    const pool = openPool(server);
    const client = await connect(pool);
    await client.query(
      'CREATE TABLE data (id int); CREATE TABLE quarantine (line int, reason text)',
    );

    await client.query('BEGIN');
    expect(
      await copyIn(
        client,
        'COPY data (id) FROM STDIN',
        lines(5000, (i) => `${i}\n`),
      ),
    ).toBe(5000);
    await client.query('SAVEPOINT before_quarantine');
    expect(
      await copyIn(
        client,
        'COPY quarantine FROM STDIN',
        lines(3, (i) => `${i}\tbad\n`),
      ),
    ).toBe(3);
    await client.query('ROLLBACK TO SAVEPOINT before_quarantine');
    expect(
      await copyIn(
        client,
        'COPY quarantine FROM STDIN',
        lines(2, (i) => `${i}\tbad\n`),
      ),
    ).toBe(2);
    expect(await count(client, 'data')).toBe(5000);
    await client.query('COMMIT');

    expect(await count(pool, 'data')).toBe(5000);
    expect(await count(pool, 'quarantine')).toBe(2);
  });

  it("reports a bad row with PostgreSQL's own error and aborts the transaction", async () => {
    const server = await serverWithFreshSchema();
    const pool = openPool(server, 2);
    const client = await connect(pool);
    await client.query('CREATE TABLE items (id bigint PRIMARY KEY, name text)');

    await client.query('BEGIN');
    await client.query("INSERT INTO items VALUES (0, 'zero')");
    const data = ['1\tone\n', '2\ttwo\n', 'abc\tthree\n', '4\tfour\n'];
    const failure = copyIn(client, 'COPY items (id, name) FROM STDIN', data);
    await expect(failure).rejects.toThrow('invalid input syntax for type bigint: "abc"');
    await expect(failure).rejects.toMatchObject({
      code: '22P02',
      where: expect.stringContaining('line 3') as unknown,
    });
    await expect(client.query('SELECT 1')).rejects.toMatchObject({ code: '25P02' });
    await client.query('ROLLBACK');

    expect(await count(pool, 'items')).toBe(0);
    // Outside a transaction block: nothing of the COPY stays, and the connection goes on.
    await expect(
      copyIn(client, 'COPY items FROM STDIN', ['1\tone\n', '1\tagain\n']),
    ).rejects.toThrow(/duplicate key value violates unique constraint/);
    expect(await copyIn(client, 'COPY items FROM STDIN', ['1\tone\n', '2\ttwo\n'])).toBe(2);
    expect(await count(pool, 'items')).toBe(2);
  });

  it('answers like PostgreSQL before any data for a missing table or column', async () => {
    const server = await serverWithFreshSchema();
    const pool = openPool(server);
    const client = await connect(pool);
    await client.query('CREATE TABLE items (id int)');

    await expect(copyIn(client, 'COPY nope FROM STDIN', ['1\n'])).rejects.toMatchObject({
      code: '42P01',
      message: 'relation "nope" does not exist',
    });
    await client.query('BEGIN');
    await client.query('INSERT INTO items VALUES (1)');
    await client.query('SAVEPOINT mine');
    await expect(copyIn(client, 'COPY items (nope) FROM STDIN', ['2\n'])).rejects.toMatchObject({
      code: '42703',
      message: 'column "nope" of relation "items" does not exist',
    });
    await expect(copyIn(client, 'COPY items FROM STDIN', ['2\n'])).rejects.toMatchObject({
      code: '25P02',
    });
    // The trial run left no savepoint of its own behind; the client's savepoint recovers.
    await expect(client.query('ROLLBACK TO SAVEPOINT almanac_copy_probe')).rejects.toMatchObject({
      code: '3B001',
    });
    await client.query('ROLLBACK TO SAVEPOINT mine');
    expect(await copyIn(client, 'COPY items FROM STDIN', ['3\n'])).toBe(1);
    await client.query('COMMIT');
    const { rows } = await pool.query<{ id: number }>('SELECT id FROM items ORDER BY id');
    expect(rows.map((row) => row.id)).toEqual([1, 3]);
  });

  it('makes a second connection wait for a COPY in progress, then serves it', async () => {
    const server = await serverWithFreshSchema();
    const pool = openPool(server);
    const [a, b] = [await connect(pool), await connect(pool)];
    await a.query('CREATE TABLE items (id int)');

    const source = new PassThrough();
    const copy = a.query(copyFrom('COPY items FROM STDIN'));
    const copied = pipeline(source, copy);
    source.write('1\n2\n');
    await sleep(200); // A holds the backend now, in the middle of its COPY
    const events: string[] = [];
    const readByB = count(b, 'items').then((seen) => {
      events.push('b read');
      return seen;
    });
    await sleep(300); // long enough for B to overtake A's COPY if it could
    events.push('a copying');
    source.end('3\n');
    await withTimeout(copied, "A's COPY");

    expect(await withTimeout(readByB, "B's read behind A's COPY")).toBe(3);
    expect(events).toEqual(['a copying', 'b read']);
  });

  it("turns the client's CopyFail into PostgreSQL's error and keeps the connection", async () => {
    const server = await serverWithFreshSchema();
    const pool = openPool(server, 1);
    const client = await connect(pool);
    await client.query('CREATE TABLE items (id int)');

    await client.query('BEGIN');
    const source = new PassThrough();
    const copy = client.query(copyFrom('COPY items FROM STDIN'));
    const copied = pipeline(source, copy);
    source.write('1\n2\n');
    await sleep(100);
    copy.destroy(new Error('the source file is corrupt'));
    await expect(withTimeout(copied, 'the failed COPY')).rejects.toMatchObject({
      code: '57014',
      message: 'COPY from stdin failed: the source file is corrupt',
    });
    await expect(client.query('SELECT 1')).rejects.toMatchObject({ code: '25P02' });
    await client.query('ROLLBACK');
    expect(await count(client, 'items')).toBe(0);
    expect(await spooledFiles(server)).toEqual([]);
  });

  it('rolls back and discards the data of a client that disconnects in the middle of a COPY', async () => {
    const server = await serverWithFreshSchema();
    const pool = openPool(server);
    await pool.query('CREATE TABLE items (id int)');
    const quitter = new pg.Client({ connectionString: server.url });
    quitter.on('error', () => undefined);
    await quitter.connect();
    await quitter.query('BEGIN');
    await quitter.query('INSERT INTO items VALUES (0)');
    const source = new PassThrough();
    const copied = pipeline(source, quitter.query(copyFrom('COPY items FROM STDIN')));
    copied.catch(() => undefined);
    source.write([...lines(3000, (i) => `${i}\n`)].join(''));
    await sleep(200);
    (
      quitter as unknown as { connection: { stream: { destroy(): void } } }
    ).connection.stream.destroy();

    expect(await withTimeout(count(pool, 'items'), 'read after the disconnect')).toBe(0);
    expect(await spooledFiles(server)).toEqual([]);
    expect(await copyIn(await connect(pool), 'COPY items FROM STDIN', ['7\n'])).toBe(1);
  });

  it('refuses COPY FROM STDIN it cannot run, with a clear error, and stays usable', async () => {
    const server = await serverWithFreshSchema();
    const pool = openPool(server);
    const client = await connect(pool);
    await client.query('CREATE TABLE items (id int)');

    await expect(
      copyIn(client, 'INSERT INTO items VALUES (1); COPY items FROM STDIN', ['2\n']),
    ).rejects.toMatchObject({
      code: '0A000',
      message: expect.stringMatching(/sole statement/) as unknown,
    });
    await expect(
      client.query({ text: 'COPY items FROM STDIN', queryMode: 'extended' } as pg.QueryConfig),
    ).rejects.toMatchObject({
      code: '0A000',
      message: expect.stringMatching(/extended query/) as unknown,
    });
    // Strings, comments and subqueries that mention COPY FROM STDIN are left alone.
    const { rows } = await client.query<{ s: string }>(
      "SELECT 'COPY items FROM STDIN' AS s /* COPY items FROM STDIN; */ -- ; COPY x FROM STDIN",
    );
    expect(rows).toEqual([{ s: 'COPY items FROM STDIN' }]);
    expect(await count(pool, 'items')).toBe(0);
  });

  it('streams COPY TO STDOUT, and binary COPY both ways', async () => {
    const server = await serverWithFreshSchema();
    const pool = openPool(server);
    const client = await connect(pool);
    await client.query(`CREATE TABLE items (id int, name text, seen timestamptz);
      INSERT INTO items SELECT g, 'item ' || g, '2019-10-01'::timestamptz + g * interval '1 minute'
        FROM generate_series(1, 50000) g;
      CREATE TABLE copied (LIKE items)`);

    const read = async (sql: string): Promise<Buffer> => {
      const chunks: Buffer[] = [];
      const stream = client.query(copyTo(sql));
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      await finished(stream);
      return Buffer.concat(chunks);
    };
    const text = (await read('COPY items (id, name) TO STDOUT')).toString('utf8');
    expect(text.split('\n')).toHaveLength(50001);
    expect(text.startsWith('1\titem 1\n2\titem 2\n')).toBe(true);
    const csv = await read(
      'COPY (SELECT id, name FROM items WHERE id <= 2) TO STDOUT (FORMAT csv, HEADER)',
    );
    expect(csv.toString('utf8')).toBe('id,name\n1,item 1\n2,item 2\n');

    const binary = await read('COPY items TO STDOUT (FORMAT binary)');
    const copy = client.query(copyFrom('COPY copied FROM STDIN (FORMAT binary)'));
    await pipeline(Readable.from([binary.subarray(0, 1000), binary.subarray(1000)]), copy);
    expect(copy.rowCount).toBe(50000);
    const { rows } = await client.query<{ different: number }>(
      'SELECT count(*)::int AS different FROM (TABLE items EXCEPT TABLE copied) d',
    );
    expect(rows[0]?.different).toBe(0);
  });
});

describe('a client that sends more than it is served', () => {
  it('is paused while it waits for the backend, and served afterwards', async () => {
    const server = await serverWithFreshSchema();
    const pool = openPool(server);
    const [a, b] = [await connect(pool), await connect(pool)];
    await a.query('BEGIN');
    const large = 'x'.repeat(20_000_000);
    const lengths = Promise.all(
      [1, 2].map(() => b.query<{ n: number }>('SELECT length($1::text) AS n', [large])),
    );
    await sleep(500);
    await a.query('COMMIT');
    const answers = await withTimeout(lengths, "B's queries behind A's transaction");
    expect(answers.map((answer) => answer.rows[0]?.n)).toEqual([large.length, large.length]);
  });
});
