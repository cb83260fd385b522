import { Readable } from 'node:stream';
import { formatIssues } from '@almanac/sdk';
import {
  type _Object,
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { z } from 'zod';
import type { LandedFile, LandingZone } from './landing-zone.js';
import { ARCHIVE_FOLDER, archiveName } from './local-landing-zone.js';

/** Where an {@link S3LandingZone} lives and how to reach it. */
export interface S3LandingZoneOptions {
  /** Base URL of an S3-compatible server, e.g. `http://127.0.0.1:9000` for MinIO; omit for AWS. */
  endpoint?: string;
  /** Defaults to `us-east-1`, which is also what MinIO expects unless configured otherwise. */
  region?: string;
  bucket: string;
  /** Folder inside the bucket, e.g. `landing/`; a file's key is `prefix + name`. */
  prefix?: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Keys per ListObjectsV2 request, 1 to 1000 (the default). */
  pageSize?: number;
}

const MAX_PAGE_SIZE = 1000;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const URL_FORMAT =
  's3://ACCESS_KEY:SECRET@host[:port]/bucket[/prefix][?region=us-east-1&tls=true|false]';

/** `landing` and `/landing/` both mean the folder `landing/`; the empty prefix is the bucket. */
function asFolder(prefix: string): string {
  const trimmed = prefix.replace(/^\/+/, '');
  return trimmed === '' || trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

function hasPlainFolders(prefix: string): boolean {
  const folders = prefix.split('/').slice(0, -1);
  return folders.every((folder) => folder !== '' && folder !== '.' && folder !== '..');
}

const optionsSchema = z.object({
  endpoint: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).optional(),
  region: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'must be a region name such as eu-west-1')
    .default('us-east-1'),
  bucket: z
    .string()
    .regex(BUCKET_NAME, 'must be a bucket name: 3-63 lowercase letters, digits, dots or hyphens'),
  prefix: z
    .string()
    .default('')
    .transform(asFolder)
    .refine(hasPlainFolders, 'must be a folder path without empty, "." or ".." segments'),
  accessKeyId: z.string().min(1, 'is missing'),
  secretAccessKey: z.string().min(1, 'is missing'),
  pageSize: z.int().min(1).max(MAX_PAGE_SIZE).default(MAX_PAGE_SIZE),
});

const INVALID_ENCODING = 'is not valid percent-encoding';

const urlSchema = z.object({
  scheme: z.literal('s3:', 'must be s3://'),
  accessKeyId: z.string(INVALID_ENCODING).min(1, 'is missing'),
  secretAccessKey: z.string(INVALID_ENCODING).min(1, 'is missing'),
  host: z.string().min(1, 'is missing'),
  fragment: z.literal('', 'is not allowed: percent-encode "#" in the secret as %23'),
  query: z.strictObject({
    region: z.string().optional(),
    tls: z.enum(['true', 'false']).default('true'),
  }),
});

function parseSettings<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  hint = '',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // Zod messages do not quote the rejected values, so the secret cannot leak through them.
  throw new Error(`${what}: ${formatIssues(result.error.issues)}${hint}`);
}

function decode(component: string): string | null {
  try {
    return decodeURIComponent(component);
  } catch {
    return null;
  }
}

/** The URL as it may be shown: without the secret, the query or a fragment. */
function redact(url: URL): string {
  const user = url.username === '' ? '' : `${url.username}:***@`;
  return `${url.protocol}//${user}${url.host}${url.pathname}`;
}

function parseUrl(text: string): URL {
  try {
    return new URL(text);
  } catch {
    // Neither the text nor the TypeError go into this error: both contain the secret.
    throw new Error(
      `Invalid S3 landing URL: not a URL; expected ${URL_FORMAT}, with "/", "?", "#" and "@" ` +
        'in the key or secret percent-encoded',
    );
  }
}

function optionsFromUrl(text: string): S3LandingZoneOptions {
  const url = parseUrl(text);
  const what = `Invalid S3 landing URL ${redact(url)}`;
  const hint = ` (expected ${URL_FORMAT})`;
  const parts = parseSettings(
    urlSchema,
    {
      scheme: url.protocol,
      accessKeyId: decode(url.username),
      secretAccessKey: decode(url.password),
      host: url.host,
      fragment: url.hash,
      query: Object.fromEntries(url.searchParams),
    },
    what,
    hint,
  );
  const [bucket = '', ...folders] = url.pathname.split('/').slice(1);
  const options: S3LandingZoneOptions = {
    endpoint: `${parts.query.tls === 'true' ? 'https' : 'http'}://${parts.host}`,
    bucket: decode(bucket) ?? '',
    prefix: folders.map((folder) => decode(folder) ?? '').join('/'),
    accessKeyId: parts.accessKeyId,
    secretAccessKey: parts.secretAccessKey,
    ...(parts.query.region === undefined ? {} : { region: parts.query.region }),
  };
  // Checked here as well, so that a bad bucket or region is reported against the URL.
  parseSettings(optionsSchema, options, what, hint);
  return options;
}

function describeKey(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

function describeFailure(error: unknown): string {
  if (error instanceof S3ServiceException) return `${error.name}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

async function withContext<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw new Error(`${what}: ${describeFailure(error)}`, { cause: error });
  }
}

/** S3 wants the source URL-encoded; "/" stays as is, as some compatible servers use decodeURI. */
function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

function isNotFound(error: unknown): boolean {
  return error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404;
}

function byName(a: LandedFile, b: LandedFile): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * A landing zone in an S3 bucket (AWS S3 or MinIO): files are the objects directly under
 * `prefix`, loaded ones are moved to `prefix + "archive/"`. As in the local zone, names starting
 * with a dot are uploads in progress and are not listed, nor are deeper "folders".
 */
export class S3LandingZone implements LandingZone {
  readonly bucket: string;
  readonly prefix: string;
  readonly endpoint: string | undefined;
  readonly region: string;
  private readonly pageSize: number;
  private readonly client: S3Client;

  constructor(options: S3LandingZoneOptions) {
    const settings = parseSettings(optionsSchema, options, 'Invalid S3 landing zone options');
    this.bucket = settings.bucket;
    this.prefix = settings.prefix;
    this.endpoint = settings.endpoint;
    this.region = settings.region;
    this.pageSize = settings.pageSize;
    this.client = new S3Client({
      region: settings.region,
      credentials: {
        accessKeyId: settings.accessKeyId,
        secretAccessKey: settings.secretAccessKey,
      },
      ...(settings.endpoint === undefined
        ? {}
        : {
            endpoint: settings.endpoint,
            // MinIO and most S3-compatible servers do not resolve bucket subdomains.
            forcePathStyle: true,
            // The SDK's default CRC checksums are newer than many S3-compatible servers.
            requestChecksumCalculation: 'WHEN_REQUIRED' as const,
            responseChecksumValidation: 'WHEN_REQUIRED' as const,
          }),
    });
  }

  /**
   * A zone from a URL such as `s3://ACCESS:SECRET@minio:9000/landing/incoming?tls=false`: the
   * host is the endpoint (https unless `tls=false`), the first path segment the bucket, the rest
   * the prefix; `region` defaults to us-east-1. Key and secret must be percent-encoded.
   */
  static fromUrl(
    text: string,
    options: Pick<S3LandingZoneOptions, 'pageSize'> = {},
  ): S3LandingZone {
    return new S3LandingZone({ ...optionsFromUrl(text), ...options });
  }

  async list(): Promise<LandedFile[]> {
    const objects = await withContext(`Cannot list ${describeKey(this.bucket, this.prefix)}`, () =>
      this.objectsInFolder(),
    );
    const files = objects.map((object) => ({
      name: (object.Key ?? '').slice(this.prefix.length),
      size: object.Size ?? 0,
      modifiedAt: object.LastModified ?? new Date(0),
    }));
    return files.filter(({ name }) => name !== '' && !name.startsWith('.')).sort(byName);
  }

  /** Streams the object; a missing object or a failed request is an error on the stream. */
  open(name: string): Readable {
    const key = this.key(name);
    return Readable.from(this.read(key), { objectMode: false });
  }

  /** Never overwrites: a second file of the same name is archived as `name~2`, and so on. */
  async archive(name: string): Promise<void> {
    const source = this.key(name);
    let n = 1;
    while (await this.exists(this.archiveKey(name, n))) n += 1;
    const target = this.archiveKey(name, n);
    await withContext(`Cannot archive ${describeKey(this.bucket, source)}`, async () => {
      await this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: target,
          CopySource: copySource(this.bucket, source),
        }),
      );
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: source }));
    });
  }

  toString(): string {
    const where = this.endpoint === undefined ? `AWS ${this.region}` : this.endpoint;
    return `S3LandingZone(${describeKey(this.bucket, this.prefix)} at ${where})`;
  }

  private async *read(key: string): AsyncGenerator<Buffer> {
    const { Body } = await withContext(`Cannot read ${describeKey(this.bucket, key)}`, () =>
      this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key })),
    );
    if (!(Body instanceof Readable))
      throw new Error(`Cannot read ${describeKey(this.bucket, key)}: the response has no body`);
    for await (const chunk of Body) yield chunk as Buffer;
  }

  private async objectsInFolder(): Promise<_Object[]> {
    const objects: _Object[] = [];
    const pages = paginateListObjectsV2(
      { client: this.client, pageSize: this.pageSize },
      // The delimiter keeps the archive and any other sub-folder out of the listing.
      { Bucket: this.bucket, Prefix: this.prefix, Delimiter: '/' },
    );
    for await (const page of pages) objects.push(...(page.Contents ?? []));
    return objects;
  }

  private async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw new Error(`Cannot check ${describeKey(this.bucket, key)}: ${describeFailure(error)}`, {
        cause: error,
      });
    }
  }

  private archiveKey(name: string, n: number): string {
    return `${this.prefix}${ARCHIVE_FOLDER}/${archiveName(name, n)}`;
  }

  private key(name: string): string {
    if (name === '' || name.includes('/') || name.includes('\\') || name === '.' || name === '..')
      throw new Error(`"${name}" is not a file name of the landing zone`);
    return this.prefix + name;
  }
}
