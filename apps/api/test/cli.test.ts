import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError, cliContext, graphql } from '../src/cli/cli-context.js';
import { formatSummary, ingestFile } from '../src/cli/ingest-file.command.js';
import { table, warehouse } from './support/builders.js';
import { ndjson, startTestApp, type TestApp } from './support/test-app.js';

describe('almanac CLI commands against the API (real PostgreSQL)', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await startTestApp();
    dir = await mkdtemp(join(tmpdir(), 'almanac-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await t.close();
  });

  const context = (token?: string) =>
    cliContext({ ALMANAC_API_URL: t.url, ALMANAC_TOKEN: token ?? t.adminToken });

  it('ingests an NDJSON file and reports the same counts as the endpoint, with line numbers', async () => {
    const file = join(dir, 'catalog.ndjson');
    await writeFile(
      file,
      `${ndjson([...warehouse('cli'), table('cli.db.public.orders')])}{"kind":"table"}\n`,
    );
    const summary = await ingestFile(context(), file, { full: true, source: 'cli-source' });
    expect(summary).toMatchObject({
      received: 5,
      created: 4,
      rejected: 1,
      mode: 'full',
      source: 'cli-source',
    });
    const text = formatSummary(summary);
    expect(text).toContain('received 5, created 4, updated 0, unchanged 0, deleted 0, rejected 1');
    expect(text).toMatch(/line 5: .*fqn/);
  });

  it('creates a token with a role that then works against the API', async () => {
    const data = await graphql<{ createToken: { token: string; roles: string[] } }>(
      context(),
      'mutation($name: String!, $role: String!) { createToken(name: $name, role: $role) { token roles } }',
      { name: 'pipeline-bot', role: 'Bot' },
    );
    expect(data.createToken.roles).toEqual(['Bot']);
    const file = join(dir, 'bot.ndjson');
    await writeFile(file, ndjson(warehouse('botcli')));
    const summary = await ingestFile(context(data.createToken.token), file, {});
    expect(summary.created).toBe(3);
  });

  it('names the problem: a full run without a source, an unknown role, a refused token, an unreachable API', async () => {
    await expect(
      ingestFile(context(), join(dir, 'catalog.ndjson'), { full: true }),
    ).rejects.toThrow('--full needs --source NAME');
    await expect(
      graphql(context(), 'mutation { createToken(name: "x", role: "Janitor") { token } }', {}),
    ).rejects.toThrow('unknown role "Janitor"');
    const consumer = await t.tokenFor('DataConsumer');
    await expect(ingestFile(context(consumer), join(dir, 'catalog.ndjson'), {})).rejects.toThrow(
      /HTTP 403.*may not perform catalog.ingest/,
    );
    const offline = cliContext({ ALMANAC_API_URL: 'http://127.0.0.1:1', ALMANAC_TOKEN: 'x' });
    await expect(graphql(offline, '{ me { name } }', {})).rejects.toThrow(CliError);
  });

  it('falls back to the admin token in the data directory, and says so when it is missing', async () => {
    await writeFile(join(dir, 'admin-token'), `${t.adminToken}\n`);
    expect(await cliContext({ ALMANAC_DATA_DIR: dir }).token()).toBe(t.adminToken);
    await expect(cliContext({ ALMANAC_DATA_DIR: join(dir, 'nowhere') }).token()).rejects.toThrow(
      /set ALMANAC_TOKEN or start Almanac once/,
    );
  });
});
