import type { MetadataRecordInput } from '@almanac/sdk';
import { ndjson, startTestApp, type TestApp } from './support/test-app.js';
import { classification, table, warehouse } from './support/builders.js';

const EDGE: MetadataRecordInput = {
  kind: 'lineage_edge',
  from: 's9.db.public.raw',
  to: 's9.db.public.clean',
  source: 'sql',
  columns: [
    {
      from: ['s9.db.public.raw.email'],
      to: 's9.db.public.clean.email',
      transformation: { type: 'DIRECT' },
    },
  ],
};

const TEST_RESULT: MetadataRecordInput = {
  kind: 'test_result',
  testCase: 's9.db.public.clean.email.not_null',
  timestamp: '2026-11-01T00:00:00Z',
  status: 'failed',
  failedRows: 3,
};

interface Summary {
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  rejected: number;
  errors: { line: number; reason: string; key?: string }[];
  notes: string[];
}

describe('POST /api/v1/ingest (real PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates, then skips unchanged records by hash, then updates changed ones', async () => {
    const records = [
      ...warehouse('s1'),
      ...classification('PII', ['Sensitive']),
      table('s1.db.public.customers'),
    ];
    const first = await t.ingest(ndjson(records));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      received: 6,
      created: 6,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });

    const again = await t.ingest(ndjson(records));
    expect(again.body).toMatchObject({ received: 6, created: 0, updated: 0, unchanged: 6 });

    const changed = table('s1.db.public.customers', { description: 'People who bought' });
    const third = await t.ingest(ndjson([changed]));
    expect(third.body).toMatchObject({ updated: 1, created: 0 });

    const versions = await t.gql<{
      entityVersions: { version: number; changeDescription: { fieldsAdded: { name: string }[] } }[];
    }>(
      `query { entityVersions(fqn: "s1.db.public.customers") { version changeDescription { fieldsAdded { name } } } }`,
    );
    expect(versions.data?.entityVersions.map((v) => v.version)).toEqual([0.2, 0.1]);
    expect(versions.data?.entityVersions[0]?.changeDescription.fieldsAdded).toEqual([
      { name: 'description' },
    ]);
  });

  it('bumps the major version for a dropped column or a changed type', async () => {
    await t.ingest(ndjson([...warehouse('s2'), table('s2.db.public.orders')]));
    const dropped = table('s2.db.public.orders', {
      columns: [{ name: 'id', dataType: 'bigint', nullable: false, constraint: 'PRIMARY_KEY' }],
    });
    await t.ingest(ndjson([dropped]));
    const retyped = table('s2.db.public.orders', {
      columns: [{ name: 'id', dataType: 'text', nullable: false, constraint: 'PRIMARY_KEY' }],
    });
    await t.ingest(ndjson([retyped]));
    const result = await t.gql<{
      table: { version: number; columns: { name: string; dataType: string }[] };
    }>(`query { table(fqn: "s2.db.public.orders") { version columns { name dataType } } }`);
    expect(result.data?.table.version).toBe(2.1);
    expect(result.data?.table.columns).toEqual([{ name: 'id', dataType: 'text' }]);
  });

  it('rejects bad lines with their line numbers and still ingests the valid ones', async () => {
    const body = [
      JSON.stringify({ kind: 'service', fqn: 's3', serviceType: 'Postgres' }),
      '{not json',
      JSON.stringify({ kind: 'spaceship', fqn: 'x' }),
      JSON.stringify({ kind: 'database', fqn: 's3.db', description: 42 }),
      JSON.stringify({ kind: 'schema', fqn: 's3..public' }),
      JSON.stringify({ kind: 'database', fqn: 's3.db' }),
      JSON.stringify({ kind: 'table', fqn: 's3.db.missing.t', columns: [] }),
      JSON.stringify({ ...table('s3.db.public.t'), columns: [] }),
    ].join('\n');
    const result = await t.ingest(body);
    expect(result.status).toBe(200);
    const summary = result.body as unknown as Summary;
    expect(summary).toMatchObject({ received: 8, created: 2, rejected: 6 });
    const reasons = Object.fromEntries(summary.errors.map((e) => [e.line, e.reason]));
    expect(reasons[2]).toMatch(/^invalid JSON/);
    expect(reasons[3]).toMatch(/unknown record kind "spaceship"/);
    expect(reasons[4]).toMatch(/description/);
    expect(reasons[5]).toMatch(/empty/i);
    expect(reasons[7]).toMatch(/schema "s3.db.missing" does not exist/);
    expect(reasons[8]).toMatch(/schema "s3.db.public" does not exist/);
  });

  it('reports a line over the size limit', async () => {
    const small = await startTestApp({ INGEST_MAX_LINE_BYTES: '200' });
    try {
      const long = JSON.stringify({
        kind: 'service',
        fqn: 's4',
        serviceType: 'Postgres',
        description: 'x'.repeat(500),
      });
      const result = await small.ingest(
        `${long}\n${JSON.stringify({ kind: 'service', fqn: 's5', serviceType: 'Postgres' })}\n`,
      );
      const summary = result.body as unknown as Summary;
      expect(summary).toMatchObject({ received: 2, created: 1, rejected: 1 });
      expect(summary.errors[0]).toMatchObject({ line: 1 });
      expect(summary.errors[0]?.reason).toMatch(/over the limit of 200/);
    } finally {
      await small.close();
    }
  });

  it('answers 413 for a body over the limit, keeping what came before it', async () => {
    const small = await startTestApp({ INGEST_MAX_BODY_BYTES: '300', INGEST_BATCH_SIZE: '1' });
    try {
      const lines = Array.from({ length: 20 }, (_, i) =>
        JSON.stringify({ kind: 'service', fqn: `big${i}`, serviceType: 'Postgres' }),
      );
      const result = await small.ingest(`${lines.join('\n')}\n`);
      expect(result.status).toBe(413);
      expect(String(result.body['message'])).toMatch(/exceeds the limit of 300 bytes/);
      const created = (result.body['summary'] as Summary).created;
      expect(created).toBeGreaterThan(0);
      const listed = await small.gql<{ assets: { totalCount: number } }>(
        `query { assets(type: "service") { totalCount } }`,
      );
      expect(listed.data?.assets.totalCount).toBe(created);
    } finally {
      await small.close();
    }
  });

  it('soft-deletes only what a full run of the same source no longer reports', async () => {
    const base = [...warehouse('s6'), table('s6.db.public.a'), table('s6.db.public.b')];
    await t.ingest(ndjson(base), '?mode=full&source=crawler');
    await t.ingest(ndjson([table('s6.db.public.other')]), '?source=manual-upload');
    const second = await t.ingest(
      ndjson([...warehouse('s6'), table('s6.db.public.a')]),
      '?mode=full&source=crawler',
    );
    expect(second.body).toMatchObject({ unchanged: 4, deleted: 1, rejected: 0 });
    const listed = await t.gql<{ assets: { edges: { node: { fqn: string } }[] } }>(
      `query { assets(type: "table", parentFqn: "s6.db.public") { edges { node { fqn } } } }`,
    );
    expect(listed.data?.assets.edges.map((e) => e.node.fqn)).toEqual([
      's6.db.public.a',
      's6.db.public.other',
    ]);
    const deleted = await t.gql<{ asset: { deleted: boolean; version: number } }>(
      `query { asset(fqn: "s6.db.public.b") { deleted version } }`,
    );
    expect(deleted.data?.asset).toEqual({ deleted: true, version: 0.2 });
  });

  it('does not soft-delete anything when a full run had rejected lines', async () => {
    await t.ingest(
      ndjson([...warehouse('s7'), table('s7.db.public.a')]),
      '?mode=full&source=s7crawler',
    );
    const result = await t.ingest(
      `${ndjson(warehouse('s7'))}{oops\n`,
      '?mode=full&source=s7crawler',
    );
    expect(result.body).toMatchObject({ deleted: 0, rejected: 1 });
    expect((result.body as unknown as Summary).notes.join(' ')).toMatch(/nothing was soft-deleted/);
  });

  it('requires a source for a full run and an NDJSON body', async () => {
    const noSource = await t.ingest('', '?mode=full');
    expect(noSource.status).toBe(400);
    expect(String(noSource.body['message'])).toMatch(/full run needs \?source/);
    const response = await fetch(`${t.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminToken}` },
      body: '{}',
    });
    expect(response.status).toBe(400);
  });

  it('lets only Bot and Admin tokens ingest', async () => {
    const consumer = await t.tokenFor('DataConsumer');
    const refused = await t.ingest(ndjson(warehouse('s8')), '', consumer);
    expect(refused.status).toBe(403);
    expect(String(refused.body['message'])).toMatch(/may not perform catalog.ingest/);
    const bot = await t.tokenFor('Bot');
    const accepted = await t.ingest(ndjson(warehouse('s8')), '', bot);
    expect(accepted.body).toMatchObject({ created: 3 });
    const anonymous = await fetch(`${t.url}/api/v1/ingest`, { method: 'POST', body: '' });
    expect(anonymous.status).toBe(401);
  });

  it('stores lineage, labels, ownership and test results', async () => {
    await t.ingest(
      ndjson([
        ...warehouse('s9'),
        ...classification('Tier', ['Tier1']),
        { kind: 'user', fqn: 'alice', email: 'alice@example.com' },
        table('s9.db.public.raw'),
        table('s9.db.public.clean', { tier: 'Tier.Tier1' }),
        {
          kind: 'test_case',
          fqn: 's9.db.public.clean.email.not_null',
          entity: 's9.db.public.clean.email',
          testType: 'not_null',
        },
      ]),
    );
    const result = await t.ingest(
      ndjson([
        EDGE,
        {
          kind: 'tag_label',
          target: 's9.db.public.clean.email',
          tag: {
            tagFqn: 'PII.Sensitive',
            source: 'automated',
            state: 'suggested',
            confidence: 0.9,
          },
        },
        { kind: 'glossary_link', target: 's9.db.public.clean', term: 'Shop.Customer' },
        {
          kind: 'ownership',
          target: 's9.db.public.clean',
          owners: [{ type: 'user', name: 'alice' }],
        },
        TEST_RESULT,
        { kind: 'tag_label', target: 's9.db.public.nope', tag: { tagFqn: 'PII.Sensitive' } },
      ]),
    );
    expect(result.body).toMatchObject({ created: 4, updated: 1, rejected: 1 });
    const rows = await t.database.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM column_lineage`,
    );
    expect(rows[0]?.n).toBe('1');
    const asset = await t.gql<{
      table: {
        owners: { name: string }[];
        tier: string;
        tags: { tagFqn: string; labelType: string }[];
        columns: { name: string; tags: { tagFqn: string; state: string }[] }[];
      };
    }>(
      `query { table(fqn: "s9.db.public.clean") { owners { name } tier tags { tagFqn labelType } columns { name tags { tagFqn state } } } }`,
    );
    expect(asset.data?.table.owners).toEqual([{ name: 'alice' }]);
    expect(asset.data?.table.tier).toBe('Tier.Tier1');
    expect(asset.data?.table.tags).toEqual([{ tagFqn: 'Shop.Customer', labelType: 'glossary' }]);
    expect(asset.data?.table.columns.find((c) => c.name === 'email')?.tags).toEqual([
      { tagFqn: 'PII.Sensitive', state: 'suggested' },
    ]);
    const replay = await t.ingest(ndjson([EDGE, TEST_RESULT]));
    expect(replay.body).toMatchObject({ unchanged: 2 });
  });

  it('queues a job for every change event and the job marks it processed', async () => {
    await t.ingest(ndjson(warehouse('s10')));
    await t.jobs.drain(10_000);
    const rows = await t.database.db.query<{ pending: string }>(
      `SELECT count(*) FILTER (WHERE processed_at IS NULL) AS pending FROM change_event WHERE fqn LIKE 's10%'`,
    );
    expect(rows[0]?.pending).toBe('0');
  });

  it('applies two ownership lines for one entity in order, and keeps a steward description', async () => {
    await t.ingest(
      ndjson([
        ...warehouse('s11'),
        { kind: 'user', fqn: 'ann' },
        { kind: 'user', fqn: 'bob' },
        table('s11.db.public.t', { description: 'crawled' }),
      ]),
    );
    const owned = await t.ingest(
      ndjson([
        { kind: 'ownership', target: 's11.db.public.t', owners: [{ type: 'user', name: 'ann' }] },
        { kind: 'ownership', target: 's11.db.public.t', owners: [{ type: 'user', name: 'bob' }] },
      ]),
    );
    expect(owned.body).toMatchObject({ updated: 2, rejected: 0 });
    await t.gql(
      `mutation { updateDescription(fqn: "s11.db.public.t", description: "curated") { version } }`,
    );
    const recrawled = await t.ingest(
      ndjson([table('s11.db.public.t', { description: 'crawled again' })]),
    );
    expect(recrawled.body).toMatchObject({ unchanged: 1, updated: 0 });
    const result = await t.gql<{
      table: { description: string; owners: { name: string }[]; version: number };
    }>(`query { table(fqn: "s11.db.public.t") { description owners { name } version } }`);
    expect(result.data?.table).toEqual({
      description: 'curated',
      owners: [{ name: 'bob' }],
      version: 0.4,
    });
    const replayed = await t.ingest(
      ndjson([
        { kind: 'ownership', target: 's11.db.public.t', owners: [{ type: 'user', name: 'bob' }] },
      ]),
    );
    expect(replayed.body).toMatchObject({ unchanged: 1, updated: 0 });
  });
});
