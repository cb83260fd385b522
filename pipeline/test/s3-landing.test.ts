import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { buffer, text } from 'node:stream/consumers';
import { inspect } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { EVENT_HEADER } from '../src/event-row.js';
import { S3LandingZone } from '../src/landing/s3-landing-zone.js';
import { loadLanding } from '../src/load/load-landing.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { tempDir } from './support/files.js';

// s3rver is CommonJS without types; only its entry point is needed here.
const S3RVER_MAIN = createRequire(import.meta.url).resolve('s3rver');

/**
 * Starts s3rver with the options in argv and prints its port. s3rver 3.7 encrypts ListObjectsV2
 * continuation tokens with DES, which OpenSSL 3 (Node >= 17) only offers with the legacy
 * provider; so it runs in its own Node process started with --openssl-legacy-provider.
 */
const S3RVER_SCRIPT = `
const S3rver = require(process.argv[1]);
new S3rver(JSON.parse(process.argv[2])).run().then(
  ({ port }) => console.log(JSON.stringify({ port })),
  (error) => { console.error(error); process.exit(1); },
);`;

const SECRET = 'TOPSECRET';
const EVENT_LINE =
  '2019-10-01 00:00:00 UTC,view,44600062,2103807459595387724,,shiseido,35.79,541312140,72d76fde-8bb3-4e00-8c23-a032dfed738c';

/** Where a suite runs: an S3 server started (and stopped) for it, or one already running. */
interface S3Server {
  start(): Promise<S3Target>;
  /** Stops the server, or removes what the suite left under `prefixes` of a shared bucket. */
  stop(target: S3Target, prefixes: string[]): Promise<void>;
}

/** A bucket (and folder in it) that a suite may fill, with a plain client to arrange objects. */
interface S3Target {
  /** `s3://` URL of the folder, for S3LandingZone.fromUrl. */
  url: string;
  bucket: string;
  prefix: string;
  client: S3Client;
}

/** The URL of a fresh sub-folder of `target`, so tests never see each other's objects. */
function subFolder(target: S3Target): { url: string; prefix: string } {
  const folder = `t-${randomBytes(4).toString('hex')}`;
  const url = new URL(target.url);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${folder}`;
  return { url: url.toString(), prefix: `${target.prefix}${folder}/` };
}

function clientFor(url: URL): S3Client {
  return new S3Client({
    endpoint: `${url.searchParams.get('tls') === 'false' ? 'http' : 'https'}://${url.host}`,
    region: url.searchParams.get('region') ?? 'us-east-1',
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    credentials: {
      accessKeyId: decodeURIComponent(url.username),
      secretAccessKey: decodeURIComponent(url.password),
    },
  });
}

async function targetFromUrl(text: string): Promise<S3Target> {
  const url = new URL(text);
  const [bucket = '', ...folders] = url.pathname.split('/').slice(1);
  const client = clientFor(url);
  await client.send(new HeadBucketCommand({ Bucket: bucket })).catch(async () => {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  const prefix = folders.filter((folder) => folder !== '').join('/');
  return { url: text, bucket, prefix: prefix === '' ? '' : `${prefix}/`, client };
}

async function keysUnder(target: S3Target, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of paginateListObjectsV2(
    { client: target.client },
    { Bucket: target.bucket, Prefix: prefix },
  ))
    keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
  return keys.sort();
}

/** Runs `action` over `items`, `width` at a time: thousands of parallel PUTs would time out. */
async function inBatches<T>(items: T[], width: number, action: (item: T) => Promise<unknown>) {
  for (let start = 0; start < items.length; start += width)
    await Promise.all(items.slice(start, start + width).map(action));
}

async function removeObjects(target: S3Target, prefixes: string[]): Promise<void> {
  const keys = (await Promise.all(prefixes.map((prefix) => keysUnder(target, prefix)))).flat();
  await inBatches(keys, 50, (key) =>
    target.client.send(new DeleteObjectCommand({ Bucket: target.bucket, Key: key })),
  );
}

/** The behaviour of the landing zone, the same on any S3 server (and as LocalLandingZone). */
function describeS3LandingZone(label: string, server: S3Server): void {
  describe(`S3LandingZone on ${label}`, () => {
    let target: S3Target;
    let db: TestDatabase;
    let folder: { url: string; prefix: string };
    let zone: S3LandingZone;
    const folders: string[] = [];

    const put = (name: string, body: string | Buffer) =>
      target.client.send(
        new PutObjectCommand({ Bucket: target.bucket, Key: folder.prefix + name, Body: body }),
      );
    const get = async (name: string) => {
      const object = await target.client.send(
        new GetObjectCommand({ Bucket: target.bucket, Key: folder.prefix + name }),
      );
      return object.Body?.transformToString();
    };
    const status = (name: string) =>
      target.client
        .send(new HeadObjectCommand({ Bucket: target.bucket, Key: folder.prefix + name }))
        .then(
          () => 200,
          (error: { $metadata?: { httpStatusCode?: number } }) => error.$metadata?.httpStatusCode,
        );

    beforeAll(async () => {
      target = await server.start();
      db = await createTestDatabase();
    });

    afterAll(async () => {
      try {
        await server.stop(target, folders);
      } finally {
        target.client.destroy();
        await db.drop();
      }
    });

    beforeEach(() => {
      folder = subFolder(target);
      folders.push(folder.prefix);
      zone = S3LandingZone.fromUrl(folder.url);
    });

    it('lists waiting files by name, without folders or uploads in progress', async () => {
      await put('products-001.csv', 'x');
      await put('events-002.csv', 'abc');
      await put('.events-003.csv.part', 'partial');
      await put('archive/events-000.csv', 'archived');
      await put('nested/events-004.csv', 'deeper');
      const files = await zone.list();
      expect(files.map((f) => [f.name, f.size])).toEqual([
        ['events-002.csv', 3],
        ['products-001.csv', 1],
      ]);
      expect(Number.isNaN(files[0]?.modifiedAt.getTime())).toBe(false);
    });

    it('pages through the listing', async () => {
      const names = ['e.csv', 'a.csv', 'd.csv', 'b.csv', 'c.csv'];
      await Promise.all(names.map((name) => put(name, name)));
      const smallPages = S3LandingZone.fromUrl(folder.url, { pageSize: 2 });
      expect((await smallPages.list()).map((f) => f.name)).toEqual([...names].sort());
    });

    it('lists more than the 1000 keys of one ListObjectsV2 page', async () => {
      const names = Array.from({ length: 1003 }, (_, i) => `f-${String(i).padStart(4, '0')}.csv`);
      await inBatches(names, 50, (name) => put(name, name));
      const files = await zone.list();
      expect(files.length).toBe(1003);
      expect(files.at(-1)?.name).toBe('f-1002.csv');
    }, 120_000);

    it('opens a gzip file as its stored bytes', async () => {
      const content = `${EVENT_HEADER.join(',')}\n${EVENT_LINE}\n${randomBytes(64 * 1024).toString('hex')}`;
      const gzipped = gzipSync(content);
      await put('events-1.csv.gz', gzipped);
      const bytes = await buffer(zone.open('events-1.csv.gz'));
      expect(bytes.equals(gzipped)).toBe(true);
      expect(gunzipSync(bytes).toString('utf8')).toBe(content);
    });

    it('reports a missing object as an error on the stream, naming bucket and key', async () => {
      const stream = zone.open('events-missing.csv');
      await expect(text(stream)).rejects.toThrow(
        `Cannot read s3://${target.bucket}/${folder.prefix}events-missing.csv: NoSuchKey`,
      );
    });

    it('refuses names that are paths', () => {
      expect(() => zone.open('../secret.csv')).toThrow(/not a file name/);
      expect(() => zone.open('archive/events-1.csv')).toThrow(/not a file name/);
    });

    it('archives without ever overwriting an earlier file of the same name', async () => {
      await put('events-1.csv.gz', 'first');
      await zone.archive('events-1.csv.gz');
      await put('events-1.csv.gz', 'second');
      await zone.archive('events-1.csv.gz');
      expect(await zone.list()).toEqual([]);
      expect(await status('events-1.csv.gz')).toBe(404);
      expect(await keysUnder(target, `${folder.prefix}archive/`)).toEqual([
        `${folder.prefix}archive/events-1.csv.gz`,
        `${folder.prefix}archive/events-1~2.csv.gz`,
      ]);
      expect(await get('archive/events-1.csv.gz')).toBe('first');
      expect(await get('archive/events-1~2.csv.gz')).toBe('second');
    });

    it('fails to archive a missing object, naming bucket and key', async () => {
      await expect(zone.archive('events-missing.csv')).rejects.toThrow(
        `Cannot archive s3://${target.bucket}/${folder.prefix}events-missing.csv`,
      );
    });

    it('feeds the loader, which loads the files and archives them', async () => {
      await put('events-001.csv', `${EVENT_HEADER.join(',')}\n${EVENT_LINE}\n`);
      const otherSession = EVENT_LINE.replace(/,[^,]+$/, ',1b2f4c1e-0000-4000-8000-000000000002');
      await put('events-002.csv.gz', gzipSync(`${EVENT_HEADER.join(',')}\n${otherSession}\n`));
      const reports = await loadLanding(db.pool, zone);
      expect(reports.map((r) => [r.name, r.rowsRead, r.rowsLoaded, r.skipped, r.error])).toEqual([
        ['events-001.csv', 1, 1, false, undefined],
        ['events-002.csv.gz', 1, 1, false, undefined],
      ]);
      expect(
        await db.count('SELECT count(*) AS n FROM raw.events WHERE _file = $1', ['events-001.csv']),
      ).toBe(1);
      expect(
        await db.count('SELECT count(*) AS n FROM raw.events WHERE user_session = $1', [
          '1b2f4c1e-0000-4000-8000-000000000002',
        ]),
      ).toBe(1);
      expect(await zone.list()).toEqual([]);
      expect(await status('archive/events-001.csv')).toBe(200);
      expect(await status('archive/events-002.csv.gz')).toBe(200);
    });
  });
}

type S3rverProcess = ChildProcessByStdio<null, Readable, Readable>;

/** The port s3rver prints once it listens; what it said on stderr if it exits instead. */
async function listeningPort(child: S3rverProcess): Promise<number> {
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const closed = once(child, 'close');
  for await (const line of createInterface({ input: child.stdout }))
    return (JSON.parse(line) as { port: number }).port;
  await closed;
  throw new Error(`s3rver did not start (exit code ${String(child.exitCode)}): ${errors}`);
}

/** s3rver on a free port of this machine, with its data in a temporary folder. */
function localS3rver(): S3Server {
  let data: { path: string; remove(): Promise<void> } | undefined;
  let child: S3rverProcess | undefined;
  return {
    async start() {
      data = await tempDir('s3rver');
      const options = {
        address: '127.0.0.1',
        port: 0,
        silent: true,
        directory: data.path,
        configureBuckets: [{ name: 'landing' }],
      };
      child = spawn(
        process.execPath,
        ['--openssl-legacy-provider', '-e', S3RVER_SCRIPT, S3RVER_MAIN, JSON.stringify(options)],
        { env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const port = await listeningPort(child);
      return targetFromUrl(`s3://S3RVER:S3RVER@127.0.0.1:${port}/landing/incoming?tls=false`);
    },
    async stop() {
      if (child && child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill();
        await exited;
      }
      await data?.remove();
    },
  };
}

describeS3LandingZone('s3rver', localS3rver());

const realS3Url = process.env['S3_TEST_URL'];
if (realS3Url) {
  describeS3LandingZone('S3_TEST_URL', {
    start: () => targetFromUrl(realS3Url),
    stop: removeObjects,
  });
} else {
  console.log(
    'S3LandingZone: the real S3/MinIO run was skipped because S3_TEST_URL is not set ' +
      '(e.g. S3_TEST_URL="s3://minioadmin:minioadmin@127.0.0.1:9000/landing?tls=false").',
  );
}

describe('S3LandingZone configuration', () => {
  it('reads endpoint, bucket, prefix and region from the URL', () => {
    const zone = S3LandingZone.fromUrl(
      `s3://AKIA1:${SECRET}%2Fx@minio:9000/landing/in/coming?region=eu-west-1&tls=false`,
    );
    expect([zone.endpoint, zone.bucket, zone.prefix, zone.region]).toEqual([
      'http://minio:9000',
      'landing',
      'in/coming/',
      'eu-west-1',
    ]);
    expect(String(zone)).toBe('S3LandingZone(s3://landing/in/coming/ at http://minio:9000)');
    expect(inspect(zone, { depth: 8 })).not.toContain(SECRET);
  });

  it('defaults to TLS, us-east-1 and the whole bucket', () => {
    const zone = S3LandingZone.fromUrl(`s3://AKIA1:${SECRET}@s3.example.com/landing`);
    expect([zone.endpoint, zone.bucket, zone.prefix, zone.region]).toEqual([
      'https://s3.example.com',
      'landing',
      '',
      'us-east-1',
    ]);
  });

  it.each([
    ['text that is no URL', 'not a URL', /not a URL/],
    ['another scheme', `https://AKIA1:${SECRET}@minio/landing`, /scheme: must be s3:\/\//],
    ['a missing access key', 's3://minio:9000/landing', /accessKeyId: is missing/],
    ['a missing secret', 's3://AKIA1@minio:9000/landing', /secretAccessKey: is missing/],
    [
      'a badly encoded secret',
      `s3://AKIA1:${SECRET}%ZZ@minio/landing`,
      /secretAccessKey: is not valid percent-encoding/,
    ],
    ['a missing bucket', `s3://AKIA1:${SECRET}@minio:9000/`, /bucket: must be a bucket name/],
    ['an invalid bucket', `s3://AKIA1:${SECRET}@minio/Not_A_Bucket`, /bucket: must be a bucket/],
    ['an invalid tls flag', `s3://AKIA1:${SECRET}@minio/landing?tls=maybe`, /query\.tls: /],
    ['an unknown option', `s3://AKIA1:${SECRET}@minio/landing?colour=blue`, /query: .*"colour"/],
    ['an empty region', `s3://AKIA1:${SECRET}@minio/landing?region=`, /region: must be a region/],
    ['a fragment', `s3://AKIA1:${SECRET}@minio/landing#part`, /fragment: is not allowed/],
    ['an empty folder', `s3://AKIA1:${SECRET}@minio/landing/a//b`, /prefix: must be a folder/],
  ])('refuses %s, saying what is wrong but not the secret', (_problem, url, expected) => {
    let message = '';
    try {
      S3LandingZone.fromUrl(url);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid S3 landing URL/);
    expect(message).toMatch(expected);
    expect(message).not.toContain(SECRET);
  });

  it('reads a bare prefix as a folder', () => {
    const options = { bucket: 'landing', accessKeyId: 'AKIA1', secretAccessKey: SECRET };
    expect(new S3LandingZone({ ...options, prefix: '/in/coming' }).prefix).toBe('in/coming/');
    expect(new S3LandingZone(options).prefix).toBe('');
  });

  it('refuses a page size that S3 does not accept', () => {
    expect(
      () =>
        new S3LandingZone({
          bucket: 'landing',
          accessKeyId: 'AKIA1',
          secretAccessKey: SECRET,
          pageSize: 1001,
        }),
    ).toThrow(/^Invalid S3 landing zone options: pageSize: /);
  });
});
