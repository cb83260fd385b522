import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { MetadataRecordInput } from '@almanac/sdk';
import { classification, table, warehouse } from './support/builders.js';
import { ndjson, startTestApp, type TestApp } from './support/test-app.js';

const ORDERS = 'srch.shop.marts.orders_daily';
const CUSTOMERS = 'srch.shop.raw.customers';

const SEARCH = `
  query ($query: String!, $types: [String!], $filters: [SearchFilterInput!], $first: Int, $after: String) {
    search(query: $query, types: $types, filters: $filters, first: $first, after: $after) {
      total endCursor
      hits { fqn type name score highlights { field fragments } }
      facets { field buckets { value count } }
    }
  }`;

interface Results {
  total: number;
  endCursor: string | null;
  hits: {
    fqn: string;
    type: string;
    name: string;
    highlights: { field: string; fragments: string[] }[];
  }[];
  facets: { field: string; buckets: { value: string; count: number }[] }[];
}

const RECORDS: MetadataRecordInput[] = [
  ...warehouse('srch', 'shop', 'raw'),
  { kind: 'schema', fqn: 'srch.shop.marts' },
  ...classification('PII', ['Sensitive']),
  ...classification('Tier', ['Tier1']),
  table(CUSTOMERS, {
    description: 'Customer master data from the storefront.',
    columns: [
      { name: 'id', dataType: 'bigint' },
      { name: 'email', dataType: 'text', tags: [{ tagFqn: 'PII.Sensitive' }] },
    ],
  }),
  table(ORDERS, {
    description: 'Revenue per day from paid orders.',
    owners: [{ type: 'team', name: 'finance' }],
    tags: [{ tagFqn: 'Tier.Tier1' }],
  }),
];

describe('search through GraphQL, kept current by change events (real PostgreSQL)', () => {
  let t: TestApp;
  const search = async (variables: Record<string, unknown>, token?: string) =>
    t.gql<{ search: Results }>(SEARCH, variables, token);

  /** Polls until `check` passes: the index follows the catalog through jobs, within seconds. */
  async function eventually(check: () => Promise<boolean>, what: string): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < 5000) {
      if (await check()) return Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${what} did not happen within 5 s`);
  }

  beforeAll(async () => {
    t = await startTestApp();
    const summary = await t.ingest(ndjson(RECORDS));
    expect(summary.body).toMatchObject({ rejected: 0 });
  });
  afterAll(() => t.close());

  it('finds ingested assets within seconds, with highlights and facets', async () => {
    const lag = await eventually(async () => {
      const result = await search({ query: 'revenue' });
      return result.data?.search.hits[0]?.fqn === ORDERS;
    }, 'indexing the ingested tables');
    expect(lag).toBeLessThan(5000);
    const { data } = await search({ query: 'revenu per day' });
    const hit = data!.search.hits[0];
    expect(hit).toMatchObject({ fqn: ORDERS, type: 'table', name: 'orders_daily' });
    expect(hit.highlights).toContainEqual({
      field: 'description',
      fragments: ['<em>Revenue</em> <em>per</em> <em>day</em> from paid orders.'],
    });
    const facets = Object.fromEntries(data!.search.facets.map((f) => [f.field, f.buckets]));
    expect(facets['owner']).toEqual([{ value: 'finance', count: 1 }]);
    expect(facets['tier']).toEqual([{ value: 'Tier.Tier1', count: 1 }]);
  });

  it('indexes columns with their tags, and marks tables holding personal data', async () => {
    const columns = await search({ query: 'email', types: ['column'] });
    expect(columns.data?.search.hits.map((h) => h.fqn).sort()).toEqual(
      [`${CUSTOMERS}.email`, `${ORDERS}.email`].sort(),
    );
    const pii = await search({ query: '', filters: [{ field: 'containsPii', values: ['true'] }] });
    expect(pii.data!.search.hits.map((h) => h.fqn).sort()).toEqual(
      [CUSTOMERS, `${CUSTOMERS}.email`].sort(),
    );
  });

  it('follows a changed description and a soft delete', async () => {
    await t.gql(
      `mutation { updateDescription(fqn: "${ORDERS}", description: "Zeppelin sales per day.") { fqn } }`,
    );
    await eventually(
      async () => (await search({ query: 'zeppelin' })).data?.search.total === 1,
      'reindexing the new description',
    );
    expect((await search({ query: 'paid' })).data?.search.total).toBe(0);
    await t.gql(`mutation { softDelete(fqn: "${ORDERS}", type: "table") { fqn } }`);
    await eventually(
      async () => (await search({ query: 'zeppelin' })).data?.search.total === 0,
      'removing the deleted table',
    );
  });

  it('answers bad input with a clear error and odd queries safely, never a 500', async () => {
    const unknownFacet = await search({
      query: 'x',
      filters: [{ field: 'colour', values: ['red'] }],
    });
    expect(unknownFacet.errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
    expect(unknownFacet.errors?.[0]?.message).toContain('unknown facet "colour"');
    const negative = await search({ query: 'x', first: -1 });
    expect(negative.errors?.[0]?.message).toContain('first must be at least 1');
    const long = await search({ query: 'a'.repeat(10_000) });
    expect(long.errors?.[0]?.message).toContain('longer than 500 characters');
    const unknownType = await search({ query: 'x', types: ['spaceship'] });
    expect(unknownType.errors?.[0]?.message).toContain('unknown type "spaceship"');
    const badCursor = await search({ query: 'x', after: 'not-a-cursor' });
    expect(badCursor.errors?.[0]?.message).toContain('invalid cursor');
    for (const query of [`' OR 1=1; DROP TABLE entity; --`, '!!(:*', 'customers & | <->']) {
      const result = await search({ query });
      expect(result.errors).toBeUndefined();
    }
    const stillThere = await search({ query: 'customer master' });
    expect(stillThere.data?.search.hits[0]?.fqn).toBe(CUSTOMERS);
  });

  it('rebuilds the whole index on demand', async () => {
    await t.database.db.query(`DELETE FROM search_document`);
    expect((await search({ query: 'customer master' })).data?.search.total).toBe(0);
    await t.jobs.enqueue('search.reindex', { reason: 'test' });
    await eventually(
      async () => (await search({ query: 'customer master' })).data?.search.total === 1,
      'the reindex',
    );
  });

  it('rebuilds the index from the CLI with a progress bar', async () => {
    await t.database.db.query(`DELETE FROM search_document`);
    const cli = join(import.meta.dirname, '..', 'bin', 'almanac.js');
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [cli, 'search', 'reindex'],
      {
        env: { ...process.env, DATABASE_URL: t.database.url, ELASTICSEARCH_URL: '' },
      },
    );
    expect(`${stdout}${stderr}`).toMatch(/reindexing postgres search 100% \d+\/\d+ documents/);
    expect(stderr).toMatch(/reindexing postgres search done in [\d.]+ s/);
    expect((await search({ query: 'customer master' })).data?.search.total).toBe(1);
  });
});
