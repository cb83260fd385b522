import { inspect } from 'node:util';
import type { MetadataRecordInput } from '@almanac/sdk';
import { PostgresSource, PostgresSourceError } from '../src/index.js';
import { admin, createTestDatabase, urlFor, type TestDatabase } from './support/database.js';

const SECRET = 's3cret-Pa55';

/** Runs `records()` to the end, keeping what it yielded before failing. */
async function drain(
  source: PostgresSource,
): Promise<{ yielded: MetadataRecordInput[]; error: unknown }> {
  const yielded: MetadataRecordInput[] = [];
  try {
    for await (const record of source.records()) yielded.push(record);
  } catch (error) {
    return { yielded, error };
  }
  return { yielded, error: null };
}

function unreachableUrl(password?: string): string {
  return urlFor('postgres', (url) => {
    url.hostname = '127.0.0.1';
    url.port = '5999';
    if (password !== undefined) url.password = password;
  });
}

describe('PostgresSource when the database cannot be read', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(() => db.drop());

  it('throws naming host and cause before yielding any record when nothing listens', async () => {
    const { yielded, error } = await drain(PostgresSource.fromConfig({ url: unreachableUrl() }));
    expect(yielded).toEqual([]);
    expect(error).toBeInstanceOf(PostgresSourceError);
    expect(error).toMatchObject({ code: 'CONNECTION_FAILED', reason: 'ECONNREFUSED' });
    expect((error as Error).message).toBe(
      'cannot connect to postgres at 127.0.0.1:5999: connect ECONNREFUSED 127.0.0.1:5999',
    );
  });

  it('never shows the password, even in the error object', async () => {
    const url = unreachableUrl(SECRET);
    const { error } = await drain(PostgresSource.fromConfig({ url }));
    expect((error as Error).message).toMatch(/^cannot connect to postgres at 127\.0\.0\.1:5999: /);
    expect(inspect(error, { depth: 10 })).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });

  it('names a database that does not exist', async () => {
    const url = urlFor('almanac_no_such_db', (u) => (u.password = SECRET));
    const { yielded, error } = await drain(PostgresSource.fromConfig({ url }));
    expect(yielded).toEqual([]);
    expect(error).toMatchObject({ code: 'CONNECTION_FAILED', reason: '3D000' });
    expect((error as Error).message).toMatch(
      /^cannot connect to postgres at .+:\d+: database "almanac_no_such_db" does not exist$/,
    );
    expect(inspect(error)).not.toContain(SECRET);
  });

  it('names a login the server refuses', async () => {
    const url = urlFor(db.name, (u) => (u.username = 'almanac_no_such_role'));
    const { yielded, error } = await drain(PostgresSource.fromConfig({ url }));
    expect(yielded).toEqual([]);
    expect((error as Error).message).toMatch(/role "almanac_no_such_role" does not exist/);
  });

  it('names a database that refuses connections', async () => {
    await admin(`ALTER DATABASE ${db.name} ALLOW_CONNECTIONS false`);
    const { yielded, error } = await drain(PostgresSource.fromConfig({ url: db.url }));
    expect(yielded).toEqual([]);
    expect((error as Error).message).toContain(
      `database "${db.name}" is not currently accepting connections`,
    );
  });

  it('fails samples() the same way', async () => {
    const source = PostgresSource.fromConfig({ url: unreachableUrl(SECRET), sampleRows: 5 });
    const iterator = source.samples()[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toThrow(
      /^cannot connect to postgres at 127\.0\.0\.1:5999: connect ECONNREFUSED/,
    );
  });

  it('rejects an invalid configuration without repeating the URL', () => {
    const attempt = () =>
      PostgresSource.fromConfig({
        url: `mysql://admin:${SECRET}@db.example.com/shop`,
        sampleRows: -1,
      });
    expect(attempt).toThrow(PostgresSourceError);
    expect(attempt).toThrow(
      'invalid postgres source config: url: must be a postgres:// or postgresql:// URL; sampleRows: Too small: expected number to be >=0',
    );
    expect(() =>
      PostgresSource.fromConfig({ url: `postgres://u:${SECRET}@db.example.com` }),
    ).toThrow(
      'invalid postgres source config: url: must name a database (postgres://host/database)',
    );
  });
});
