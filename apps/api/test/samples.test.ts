import { MASKED_VALUE, type Role } from '@almanac/policies';
import pg from 'pg';
import { cliContext, CliError } from '../src/cli/cli-context.js';
import { formatSampleRun, ingestPostgres } from '../src/cli/ingest-connectors.command.js';
import { SAMPLE_LIMITS } from '../src/modules/samples/sample-limits.js';
import { classification, table, warehouse } from './support/builders.js';
import { ndjson, startTestApp, type TestApp } from './support/test-app.js';

const SERVER = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function urlOf(database: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  return url.toString();
}

async function run(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

interface Sample {
  values: (string | null)[];
  masked: boolean;
  piiTags: string[];
  sampledAt: string;
  runId: string;
}

const TABLE_SAMPLES = `query($fqn: String!) {
  table(fqn: $fqn) { columns { name sample { values masked piiTags sampledAt runId } } }
}`;

describe('column samples: storage, ingestion and masking (real PostgreSQL)', () => {
  let t: TestApp;
  const source = `samples_src_${Date.now().toString(36)}`;
  const service = 'smp';
  const fqn = (name: string) => `${service}.${source}.public.${name}`;

  beforeAll(async () => {
    t = await startTestApp();
    const tags = await t.ingest(
      ndjson([
        ...classification('PII', ['None', 'NonSensitive', 'Sensitive']),
        ...classification('PersonalData', ['Personal']),
      ]),
    );
    expect(tags.body).toMatchObject({ rejected: 0 });
    await run(SERVER, `CREATE DATABASE ${source}`);
    await run(
      urlOf(source),
      `CREATE TABLE customers (id bigint PRIMARY KEY, email text, city text, note text);
       INSERT INTO customers VALUES (1, 'ada@example.com', 'London', NULL),
                                    (2, NULL, 'Arlington', 'vip'),
                                    (3, 'grace@example.org', 'Paris', 'x');
       CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, total numeric(12,2));
       INSERT INTO orders VALUES (10, 1, 12.50), (11, 3, 99.00);
       CREATE TABLE notes (id int, body text);
       INSERT INTO notes VALUES (1, repeat('n', 1000));`,
    );
  });
  afterAll(async () => {
    await t.close();
    await run(SERVER, `DROP DATABASE IF EXISTS ${source} WITH (FORCE)`);
  });

  const ctx = () => cliContext({ ALMANAC_API_URL: t.url, ALMANAC_TOKEN: t.adminToken });

  async function samplesOf(
    tableFqn: string,
    token: string = t.adminToken,
  ): Promise<Record<string, Sample | null>> {
    const result = await t.gql<{ table: { columns: { name: string; sample: Sample | null }[] } }>(
      TABLE_SAMPLES,
      { fqn: tableFqn },
      token,
    );
    expect(result.errors).toBeUndefined();
    return Object.fromEntries(result.data!.table.columns.map((c) => [c.name, c.sample]));
  }

  async function postSamples(
    body: unknown,
    options: { token?: string; contentType?: string; raw?: string } = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${t.url}/api/v1/samples`, {
      method: 'POST',
      headers: {
        'content-type': options.contentType ?? 'application/json',
        authorization: `Bearer ${options.token ?? t.adminToken}`,
      },
      body: options.raw ?? JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function storedRows(tableFqn: string): Promise<number> {
    const rows = await t.database.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM column_sample s JOIN table_column c ON c.id = s.column_id
         JOIN entity e ON e.id = c.table_id WHERE e.fqn = $1`,
      [tableFqn],
    );
    return Number(rows[0]?.n);
  }

  async function addTag(target: string, tagFqn: string): Promise<void> {
    const result = await t.gql(
      `mutation($fqn: String!, $tag: String!) { addTag(fqn: $fqn, tagFqn: $tag) { fqn } }`,
      { fqn: target, tag: tagFqn },
    );
    expect(result.errors).toBeUndefined();
  }

  let firstRunId = '';

  it('ingests a source database with --sample-rows and stores its samples after the metadata', async () => {
    const first = await ingestPostgres(ctx(), { url: urlOf(source), sampleRows: 2, service });
    expect(first.summary).toMatchObject({ rejected: 0, mode: 'full' });
    expect(first.samples).toEqual({
      tables: 3,
      columns: 9,
      values: 16,
      truncatedValues: 1,
      failedTables: 0,
      errors: [],
    });
    expect(formatSampleRun(first.samples!)).toBe(
      `samples: 3 tables, 9 columns, 16 values stored, 1 cut to ${SAMPLE_LIMITS.maxValueLength} characters; 0 tables failed`,
    );
    firstRunId = first.summary.runId;

    const customers = await samplesOf(fqn('customers'));
    expect(customers['email']).toMatchObject({
      values: ['ada@example.com', null],
      masked: false,
      piiTags: [],
      runId: firstRunId,
    });
    expect(customers['note']?.values).toEqual([null, 'vip']);
    const body = (await samplesOf(fqn('notes')))['body']!.values[0]!;
    expect(body).toHaveLength(SAMPLE_LIMITS.maxValueLength);
    expect(body.endsWith('…')).toBe(true);
  });

  it('refuses more sample rows than the catalog keeps before reading anything', async () => {
    const tooMany = ingestPostgres(ctx(), {
      url: urlOf(source),
      sampleRows: SAMPLE_LIMITS.maxValuesPerColumn + 1,
      service,
    });
    await expect(tooMany).rejects.toThrow(CliError);
    await expect(tooMany).rejects.toThrow(/--sample-rows must be at most 100/);
  });

  it('masks a PII-tagged column for a DataConsumer and shows an untagged one in clear', async () => {
    await addTag(`${fqn('customers')}.email`, 'PII.Sensitive');
    const consumer = await samplesOf(fqn('customers'), await t.tokenFor('DataConsumer'));
    expect(consumer['email']).toMatchObject({
      values: [MASKED_VALUE, null],
      masked: true,
      piiTags: ['PII.Sensitive'],
    });
    expect(consumer['city']).toMatchObject({
      values: ['London', 'Arlington'],
      masked: false,
      piiTags: [],
    });
  });

  it('masks every column of a table that carries a personal-data tag itself', async () => {
    await addTag(fqn('orders'), 'PersonalData.Personal');
    const engineer = await samplesOf(fqn('orders'), await t.tokenFor('DataEngineer'));
    expect(engineer['total']).toMatchObject({
      values: [MASKED_VALUE, MASKED_VALUE],
      masked: true,
      piiTags: ['PersonalData.Personal'],
    });
  });

  it('shows clear values to exactly the roles that may view PII samples', async () => {
    const seen: Partial<Record<Role, boolean>> = {};
    for (const role of ['DataConsumer', 'DataSteward', 'ComplianceOfficer', 'Admin'] as const) {
      const email = (await samplesOf(fqn('customers'), await t.tokenFor(role)))['email']!;
      seen[role] = !email.masked;
      if (!email.masked) expect(email.values).toEqual(['ada@example.com', null]);
    }
    expect(seen).toEqual({
      DataConsumer: false,
      DataSteward: false,
      ComplianceOfficer: true,
      Admin: true,
    });
    const officer = await samplesOf(fqn('customers'), await t.tokenFor('ComplianceOfficer'));
    expect(officer['email']?.piiTags).toEqual(['PII.Sensitive']);
  });

  it('replaces the previous sample of a table on the next run, without growing', async () => {
    const before = await storedRows(fqn('customers'));
    expect(before).toBe(4);
    await run(
      urlOf(source),
      `UPDATE customers SET city = 'Berlin' WHERE id = 1; ALTER TABLE customers DROP COLUMN note;`,
    );
    const second = await ingestPostgres(ctx(), { url: urlOf(source), sampleRows: 3, service });
    expect(second.samples).toMatchObject({ tables: 3, failedTables: 0 });
    expect(second.summary.runId).not.toBe(firstRunId);
    const customers = await samplesOf(fqn('customers'));
    expect(customers['city']?.runId).toBe(second.summary.runId);
    // An updated row moves in the heap, so LIMIT reads the rows in a new order.
    expect([...customers['city']!.values].sort()).toEqual(['Arlington', 'Berlin', 'Paris']);
    expect(customers['note']).toBeUndefined();
    expect(await storedRows(fqn('customers'))).toBe(3);
    const total = await t.database.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM column_sample`,
    );
    expect(Number(total[0]?.n)).toBe(3 + 3 + 2);
  });

  it('reports per-table outcomes for a direct request, cutting long values', async () => {
    const response = await postSamples({
      runId: 'manual-1',
      tables: [
        {
          table: fqn('customers'),
          columns: [
            { name: 'city', values: ['Oslo', null, 'c'.repeat(300)] },
            { name: 'id', values: ['7', '8', '9'] },
          ],
        },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      runId: 'manual-1',
      tables: [
        {
          table: fqn('customers'),
          status: 'replaced',
          columns: 2,
          values: 6,
          truncatedValues: 1,
        },
      ],
    });
    const customers = await samplesOf(fqn('customers'));
    expect(customers['city']?.values.slice(0, 2)).toEqual(['Oslo', null]);
    expect(customers['city']?.runId).toBe('manual-1');
    // A sample replaces the whole table's: the email column was not in this one.
    expect(customers['email']).toBeNull();
  });

  describe('bad requests', () => {
    const good = () => ({
      table: fqn('customers'),
      columns: [{ name: 'city', values: ['Rome'] }],
    });

    it.each([
      [
        'an unknown table',
        { tables: [good(), { table: 'smp.nope.public.ghost', columns: [] }] },
        /tables\.1\.table: unknown table "smp\.nope\.public\.ghost"/,
      ],
      [
        'an unknown column',
        { tables: [{ table: fqn('customers'), columns: [{ name: 'shoe_size', values: [] }] }] },
        /tables\.0\.columns\.0\.name: table ".*customers" has no column "shoe_size"/,
      ],
      [
        'too many values',
        {
          tables: [
            {
              table: fqn('customers'),
              columns: [{ name: 'city', values: Array.from({ length: 101 }, () => 'x') }],
            },
          ],
        },
        /tables\.0\.columns\.0\.values: too many values: at most 100 per column, got 101/,
      ],
      [
        'a value that is not a string',
        { tables: [{ table: fqn('customers'), columns: [{ name: 'id', values: ['1', 2] }] }] },
        /tables\.0\.columns\.0\.values\.1: must be a string or null, got a number/,
      ],
      [
        'a table listed twice',
        { tables: [good(), good()] },
        /tables\.1\.table: ".*customers" is already listed at tables\.0/,
      ],
      ['no tables', { tables: [] }, /tables: tables must list at least one table/],
    ])('rejects %s with 400, naming it, and stores nothing', async (_what, body, reason) => {
      const before = await samplesOf(fqn('customers'));
      const response = await postSamples(body);
      expect(response.status).toBe(400);
      expect(response.body['error']).toBe('BAD_INPUT');
      expect(response.body['message']).toMatch(/^invalid samples, nothing was stored: /);
      expect(response.body['message']).toMatch(reason);
      expect(await samplesOf(fqn('customers'))).toEqual(before);
    });

    it('rejects a body that is not JSON', async () => {
      const text = await postSamples(null, { contentType: 'text/plain', raw: 'city=Rome' });
      expect(text).toMatchObject({
        status: 400,
        body: { message: 'content-type must be application/json, got "text/plain"' },
      });
      const broken = await postSamples(null, { raw: '{"tables": [' });
      expect(broken.status).toBe(400);
      expect(broken.body['message']).toMatch(/JSON/);
    });

    it('refuses callers without catalog.ingest with 403, and anonymous ones with 401', async () => {
      for (const role of ['DataConsumer', 'DataEngineer', 'ComplianceOfficer'] as const) {
        const response = await postSamples({ tables: [good()] }, { token: await t.tokenFor(role) });
        expect(response).toEqual({
          status: 403,
          body: { error: 'FORBIDDEN', message: `role ${role} may not perform catalog.ingest` },
        });
      }
      const bot = await postSamples({ tables: [good()] }, { token: await t.tokenFor('Bot') });
      expect(bot.status).toBe(200);
      const anonymous = await fetch(`${t.url}/api/v1/samples`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tables: [good()] }),
      });
      expect(anonymous.status).toBe(401);
    });
  });

  it('hides the samples of a soft-deleted table, refuses new ones, and purges them', async () => {
    expect(await storedRows(fqn('notes'))).toBe(2);
    const deleted = await t.gql(`mutation($fqn: String!) { softDelete(fqn: $fqn) { fqn } }`, {
      fqn: fqn('notes'),
    });
    expect(deleted.errors).toBeUndefined();
    expect(await samplesOf(fqn('notes'))).toEqual({ id: null, body: null });
    const refused = await postSamples({
      tables: [{ table: fqn('notes'), columns: [{ name: 'id', values: ['1'] }] }],
    });
    expect(refused.status).toBe(400);
    expect(refused.body['message']).toMatch(/unknown table ".*notes" \(.*soft-deleted\)/);
    const other = await postSamples({
      tables: [{ table: fqn('orders'), columns: [{ name: 'id', values: ['10'] }] }],
    });
    expect(other.status).toBe(200);
    expect(await storedRows(fqn('notes'))).toBe(0);
  });

  it('loads the samples of a page of tables in a constant number of statements', async () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      table(`bulk.db.public.t${String(i).padStart(2, '0')}`, {
        columns: [
          { name: 'id', dataType: 'bigint' },
          { name: 'email', dataType: 'text', tags: [{ tagFqn: 'PII.Sensitive' }] },
        ],
      }),
    );
    const ingested = await t.ingest(ndjson([...warehouse('bulk'), ...many]));
    expect(ingested.body).toMatchObject({ rejected: 0 });
    const stored = await postSamples({
      tables: many.map((m) => ({
        table: m.fqn,
        columns: [
          { name: 'id', values: ['1', '2'] },
          { name: 'email', values: ['a@b.c', null] },
        ],
      })),
    });
    expect(stored.status).toBe(200);
    const consumer = await t.tokenFor('DataConsumer');

    async function statementsFor(first: number): Promise<number> {
      await t.jobs.drain(10_000);
      t.database.counter.reset();
      const result = await t.gql<{
        assets: { edges: { node: { columns: { sample: Sample | null }[] } }[] };
      }>(
        `query($first: Int!) { assets(type: "table", parentFqn: "bulk.db.public", first: $first) {
           edges { node { columns { name tags { tagFqn } sample { values masked } } } } } }`,
        { first },
        consumer,
      );
      expect(result.errors).toBeUndefined();
      const columns = result.data!.assets.edges.flatMap((edge) => edge.node.columns);
      expect(columns).toHaveLength(first * 2);
      expect(columns.filter((c) => c.sample?.masked)).toHaveLength(first);
      return t.database.counter.total;
    }

    const forFive = await statementsFor(5);
    const forThirty = await statementsFor(30);
    expect(forThirty).toBe(forFive);
  });
});
