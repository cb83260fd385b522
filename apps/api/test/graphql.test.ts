import { ACTIONS, PERMISSIONS, ROLES, type Role } from '@almanac/policies';
import { classification, table, warehouse } from './support/builders.js';
import { ndjson, startTestApp, type TestApp } from './support/test-app.js';

const PAGE_QUERY = `query($first: Int!) {
  assets(type: "table", first: $first) {
    totalCount
    edges { node { fqn owners { name } tags { tagFqn } columns { name dataType tags { tagFqn } } } }
  }
}`;

function manyTables(service: string, count: number) {
  return Array.from({ length: count }, (_, i) =>
    table(`${service}.db.public.t${String(i).padStart(3, '0')}`, {
      tags: [{ tagFqn: 'Tier.Tier3' }],
      columns: [
        { name: 'id', dataType: 'bigint', tags: [{ tagFqn: 'PII.None' }] },
        { name: 'email', dataType: 'text', tags: [{ tagFqn: 'PII.Sensitive' }] },
        { name: 'note', dataType: 'text' },
      ],
    }),
  );
}

describe('GraphQL API (real PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const base = [
      ...classification('PII', ['None', 'Sensitive']),
      ...classification('Tier', ['Tier1', 'Tier3']),
    ];
    const result = await t.ingest(
      ndjson([
        ...base,
        ...warehouse('big'),
        ...manyTables('big', 100),
        ...warehouse('small'),
        ...manyTables('small', 10),
      ]),
    );
    expect(result.body).toMatchObject({ rejected: 0 });
    await t.ingest(
      ndjson([
        { kind: 'user', fqn: 'erin' },
        { kind: 'team', fqn: 'finance' },
      ]),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  async function statementsFor(first: number): Promise<number> {
    await t.jobs.drain(10_000);
    t.database.counter.reset();
    const result = await t.gql<{ assets: { edges: { node: { columns: unknown[] } }[] } }>(
      PAGE_QUERY,
      { first },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.assets.edges).toHaveLength(first);
    return t.database.counter.total;
  }

  it('serves a page of 100 tables with columns and tags in a constant number of statements', async () => {
    const forTen = await statementsFor(10);
    const forHundred = await statementsFor(100);
    expect(forHundred).toBe(forTen);
    expect(forHundred).toBeLessThanOrEqual(8);
  });

  it('pages with cursors and reports the total', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 4; page += 1) {
      const result: {
        data?: {
          assets: {
            totalCount: number;
            edges: { node: { fqn: string } }[];
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
          };
        };
      } = await t.gql(
        `query($after: String) { assets(type: "table", parentFqn: "small.db.public", first: 3, after: $after) { totalCount edges { node { fqn } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      const assets = result.data!.assets;
      expect(assets.totalCount).toBe(10);
      seen.push(...assets.edges.map((e) => e.node.fqn));
      after = assets.pageInfo.endCursor;
      if (!assets.pageInfo.hasNextPage) break;
    }
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    expect(seen).toEqual([...seen].sort());
  });

  it('rejects a bad page size and a bad cursor with clear errors', async () => {
    const negative = await t.gql(`query { assets(first: -5) { totalCount } }`);
    expect(negative.errors?.[0]?.message).toMatch(/first must be between 1 and 500/);
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
    const cursor = await t.gql(`query { assets(after: "garbage") { totalCount } }`);
    expect(cursor.errors?.[0]?.message).toMatch(/invalid cursor/);
  });

  it('returns a table with columns, constraints and column tags', async () => {
    const result = await t.gql<{
      table: {
        columns: { name: string; dataType: string; ordinal: number; tags: { tagFqn: string }[] }[];
      };
    }>(
      `query { table(fqn: "small.db.public.t001") { columns { name dataType ordinal tags { tagFqn } } } }`,
    );
    expect(result.data?.table.columns).toEqual([
      { name: 'id', dataType: 'bigint', ordinal: 1, tags: [{ tagFqn: 'PII.None' }] },
      { name: 'email', dataType: 'text', ordinal: 2, tags: [{ tagFqn: 'PII.Sensitive' }] },
      { name: 'note', dataType: 'text', ordinal: 3, tags: [] },
    ]);
  });

  it('edits descriptions of tables and columns, versions them, audits them, and keeps them over re-ingestion', async () => {
    const fqn = 'small.db.public.t002';
    await t.gql(
      `mutation { updateDescription(fqn: "${fqn}", description: "Curated by hand") { version } }`,
    );
    const column = await t.gql<{ updateDescription: { version: number } }>(
      `mutation { updateDescription(fqn: "${fqn}.email", description: "Where receipts go") { version } }`,
    );
    expect(column.data?.updateDescription.version).toBe(0.3);
    await t.ingest(
      ndjson([
        table(fqn, {
          description: 'From the crawler',
          columns: [
            { name: 'id', dataType: 'bigint' },
            { name: 'email', dataType: 'text', description: 'crawled' },
          ],
        }),
      ]),
    );
    const result = await t.gql<{
      table: { description: string; columns: { name: string; description: string | null }[] };
      entityVersions: { version: number; author: string }[];
      auditLog: { action: string; before: unknown; after: unknown }[];
    }>(
      `query { table(fqn: "${fqn}") { description columns { name description } } entityVersions(fqn: "${fqn}") { version author } auditLog(target: "${fqn}") { action before after } }`,
    );
    expect(result.data?.table.description).toBe('Curated by hand');
    expect(result.data?.table.columns.find((c) => c.name === 'email')?.description).toBe(
      'Where receipts go',
    );
    expect(result.data?.entityVersions[0]?.version).toBe(1.3);
    expect(result.data?.auditLog[0]).toEqual({
      action: 'updateDescription',
      before: null,
      after: 'Curated by hand',
    });
  });

  it('names the problem for unknown assets, tags and owners', async () => {
    const unknown = await t.gql(
      `mutation { addTag(fqn: "nope.db.s.t", tagFqn: "PII.Sensitive") { fqn } }`,
    );
    expect(unknown.errors?.[0]?.message).toContain('no asset or column with FQN "nope.db.s.t"');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const tag = await t.gql(
      `mutation { addTag(fqn: "small.db.public.t003", tagFqn: "Made.Up") { fqn } }`,
    );
    expect(tag.errors?.[0]?.message).toMatch(/tag "Made.Up" does not exist/);
    const owner = await t.gql(
      `mutation { setOwners(fqn: "small.db.public.t003", owners: [{ type: "user", name: "ghost" }]) { fqn } }`,
    );
    expect(owner.errors?.[0]?.message).toMatch(/owner user "ghost" does not exist/);
  });

  it('refuses a missing or unknown token', async () => {
    const none = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ me { name } }"}',
    });
    const noneBody = (await none.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(noneBody.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const bad = await t.gql(`{ me { name } }`, {}, 'alm_not_a_real_token');
    expect(bad.errors?.[0]?.message).toMatch(/unknown, revoked or expired token/);
  });

  describe('role by role', () => {
    const MUTATION_ACTIONS = ACTIONS.filter(
      (a) => a.startsWith('catalog.') && !['catalog.read', 'catalog.ingest'].includes(a),
    );
    let counter = 0;

    async function attempt(action: string, role: Role): Promise<string | null> {
      const token = await t.tokenFor(role);
      const fqn = `small.db.public.t00${(counter++ % 5) + 5}`;
      const admin = t.adminToken;
      let result: Awaited<ReturnType<TestApp['gql']>>;
      switch (action) {
        case 'catalog.updateDescription':
          result = await t.gql(
            `mutation { updateDescription(fqn: "${fqn}", description: "d${counter}") { fqn } }`,
            {},
            token,
          );
          break;
        case 'catalog.setOwners':
          result = await t.gql(
            `mutation { setOwners(fqn: "${fqn}", owners: [{ type: "team", name: "finance" }]) { fqn } }`,
            {},
            token,
          );
          break;
        case 'catalog.addTag':
          result = await t.gql(
            `mutation { addTag(fqn: "${fqn}.note", tagFqn: "PII.Sensitive") { fqn } }`,
            {},
            token,
          );
          await t.gql(
            `mutation { removeTag(fqn: "${fqn}.note", tagFqn: "PII.Sensitive") { fqn } }`,
            {},
            admin,
          );
          break;
        case 'catalog.removeTag':
          await t.gql(
            `mutation { addTag(fqn: "${fqn}.note", tagFqn: "PII.Sensitive") { fqn } }`,
            {},
            admin,
          );
          result = await t.gql(
            `mutation { removeTag(fqn: "${fqn}.note", tagFqn: "PII.Sensitive") { fqn } }`,
            {},
            token,
          );
          await t.gql(
            `mutation { removeTag(fqn: "${fqn}.note", tagFqn: "PII.Sensitive") { fqn } }`,
            {},
            admin,
          );
          break;
        case 'catalog.softDelete':
          result = await t.gql(`mutation { softDelete(fqn: "${fqn}") { fqn } }`, {}, token);
          await t.gql(`mutation { restore(fqn: "${fqn}") { fqn } }`, {}, admin);
          break;
        case 'catalog.restore':
          await t.gql(`mutation { softDelete(fqn: "${fqn}") { fqn } }`, {}, admin);
          result = await t.gql(`mutation { restore(fqn: "${fqn}") { fqn } }`, {}, token);
          await t.gql(`mutation { restore(fqn: "${fqn}") { fqn } }`, {}, admin);
          break;
        default:
          throw new Error(`no test for ${action}`);
      }
      return result.errors?.[0]?.extensions?.code ?? null;
    }

    it.each(MUTATION_ACTIONS)(
      '%s succeeds exactly for the roles the permission table allows',
      async (action) => {
        for (const role of ROLES) {
          const code = await attempt(action, role);
          const allowed = PERMISSIONS[action].includes(role) || role === 'Admin';
          expect({ role, code }).toEqual({ role, code: allowed ? null : 'FORBIDDEN' });
        }
      },
    );

    it('says which role may not do what (a DataConsumer soft-deleting a table)', async () => {
      const consumer = await t.tokenFor('DataConsumer');
      const result = await t.gql(
        `mutation { softDelete(fqn: "small.db.public.t000") { fqn } }`,
        {},
        consumer,
      );
      expect(result.errors?.[0]?.message).toBe(
        'role DataConsumer may not perform catalog.softDelete',
      );
    });
  });
});
