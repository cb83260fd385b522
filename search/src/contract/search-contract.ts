import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SearchDocument } from '../document.js';
import { HOSTILE_QUERIES } from '../hostile-queries.js';
import { RELEVANCE_CASES, RELEVANCE_DOCUMENTS } from '../relevance-fixture.js';
import { parseSearchRequest, type SearchRequestInput } from '../request.js';
import type { SearchResult } from '../result.js';
import type { SearchIndex } from '../search-index.js';

/** Hands the suite an empty index of the driver under test, and takes it back afterwards. */
export interface ContractSubject {
  create(): Promise<SearchIndex>;
  destroy(index: SearchIndex): Promise<void>;
}

function inBatches(
  documents: readonly SearchDocument[],
  size: number,
): AsyncIterable<readonly SearchDocument[]> {
  const batches: SearchDocument[][] = [];
  for (let start = 0; start < documents.length; start += size) {
    batches.push(documents.slice(start, start + size));
  }
  const iterator = batches[Symbol.iterator]();
  return { [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve(iterator.next()) }) };
}

/**
 * The behaviour every {@link SearchIndex} driver must share: relevance, filters, facets, sorting,
 * paging, highlighting, updates and bad input. Register it from a driver's test file.
 */
export function searchIndexContract(driver: string, subject: ContractSubject): void {
  describe(`SearchIndex contract: ${driver}`, () => {
    let index: SearchIndex;
    const search = (input: SearchRequestInput): Promise<SearchResult> =>
      index.search(parseSearchRequest(input));
    const fqns = (result: SearchResult) => result.hits.map((hit) => hit.fqn);

    beforeAll(async () => {
      index = await subject.create();
      await index.prepare();
      const indexed = await index.reindex(inBatches(RELEVANCE_DOCUMENTS, 7));
      expect(indexed).toBe(RELEVANCE_DOCUMENTS.length);
      await index.refresh();
    }, 120_000);
    afterAll(async () => {
      if (index) await subject.destroy(index);
    });

    describe('ranks the expected document first', () => {
      it.each(RELEVANCE_CASES.map((c) => [JSON.stringify(c.request), c] as const))(
        '%s',
        async (_label, relevanceCase) => {
          const result = await search(relevanceCase.request);
          expect(fqns(result).slice(0, 3)[0]).toBe(relevanceCase.first);
        },
      );
    });

    it('counts every match and facets them, filters combining across fields', async () => {
      const all = await search({ query: '', first: 100 });
      expect(all.total).toBe(RELEVANCE_DOCUMENTS.length);
      const typeFacet = all.facets.find((facet) => facet.field === 'type');
      expect(typeFacet?.buckets).toContainEqual({ value: 'table', count: 18 });
      expect(typeFacet?.buckets).toContainEqual({ value: 'glossary_term', count: 5 });

      const marts = await search({
        query: '',
        types: ['table', 'view'],
        filters: [
          { field: 'schema', values: ['marts'] },
          { field: 'tier', values: ['Tier.Tier1'] },
        ],
        first: 100,
      });
      expect(fqns(marts).sort()).toEqual(
        [
          'shop_warehouse.postgres.marts.cart_abandonment',
          'shop_warehouse.postgres.marts.conversion_rate_daily',
          'shop_warehouse.postgres.marts.customer_lifetime_value',
          'shop_warehouse.postgres.marts.valid_orders',
        ].sort(),
      );
      expect(marts.total).toBe(4);

      const pii = await search({
        query: '',
        filters: [{ field: 'containsPii', values: ['true'] }],
      });
      expect(pii.total).toBe(3);
      const owned = await search({
        query: 'customer',
        types: ['table'],
        filters: [{ field: 'owner', values: ['analytics'] }],
      });
      expect(fqns(owned)).toEqual(['shop_warehouse.postgres.marts.customer_lifetime_value']);
    });

    it('facets tags, glossary terms, services and owners exactly as the matches carry them', async () => {
      const result = await search({ query: 'customer', first: 100 });
      expect(result.total).toBe(result.hits.length);
      const matched = RELEVANCE_DOCUMENTS.filter((d) => fqns(result).includes(d.fqn));
      const countOf = (values: (d: SearchDocument) => readonly string[]) => {
        const counts = new Map<string, number>();
        for (const d of matched) for (const v of values(d)) counts.set(v, (counts.get(v) ?? 0) + 1);
        return [...counts].map(([value, count]) => ({ value, count }));
      };
      const facet = (field: string) => result.facets.find((f) => f.field === field)?.buckets ?? [];
      const sorted = (buckets: { value: string; count: number }[]) =>
        [...buckets].sort((a, b) => a.value.localeCompare(b.value));
      expect(sorted(facet('tag'))).toEqual(sorted(countOf((d) => d.tags ?? [])));
      expect(sorted(facet('glossaryTerm'))).toEqual(sorted(countOf((d) => d.glossaryTerms ?? [])));
      expect(sorted(facet('owner'))).toEqual(sorted(countOf((d) => d.owners ?? [])));
      expect(sorted(facet('service'))).toEqual(
        sorted(countOf((d) => (d.service ? [d.service] : []))),
      );
      expect(facet('tag').length).toBeGreaterThan(0);
      expect(matched.length).toBeGreaterThan(3);
    });

    it('sorts by name and by last update, and pages with a cursor', async () => {
      const byName = await search({ query: '', types: ['table'], sort: 'name', first: 5 });
      const names = byName.hits.map((hit) => hit.name);
      expect(names).toEqual([...names].sort());
      expect(byName.endCursor).not.toBeNull();
      const next = await search({
        query: '',
        types: ['table'],
        sort: 'name',
        first: 5,
        after: byName.endCursor,
      });
      expect(next.hits.map((hit) => hit.name)[0] >= names[4]).toBe(true);
      expect(fqns(next).filter((fqn) => fqns(byName).includes(fqn))).toEqual([]);
      const last = await search({ query: '', types: ['table'], sort: 'name', first: 100 });
      expect(last.endCursor).toBeNull();
    });

    it('highlights the matched words, HTML-escaped', async () => {
      const result = await search({ query: 'clickstream', types: ['table'] });
      const description = result.hits[0].highlights.find((h) => h.field === 'description');
      expect(description?.fragments[0]).toContain('<em>Clickstream</em>');
    });

    it('sees an update and a removal at once after a refresh', async () => {
      const renamed: SearchDocument = {
        type: 'table',
        fqn: 'shop_warehouse.postgres.marts.zeppelin_fleet',
        name: 'zeppelin_fleet',
        description: 'Airships.',
        updatedAt: '2026-11-20T00:00:00.000Z',
      };
      await index.upsert([renamed]);
      await index.refresh();
      expect(fqns(await search({ query: 'zeppelin' }))).toEqual([renamed.fqn]);
      await index.upsert([{ ...renamed, description: 'Blimps.' }]);
      await index.refresh();
      expect((await search({ query: 'blimps' })).total).toBe(1);
      expect((await search({ query: 'airships' })).total).toBe(0);
      await index.remove([renamed]);
      await index.refresh();
      expect((await search({ query: 'zeppelin' })).total).toBe(0);
      const latest = await search({ query: '', sort: 'updated', first: 1 });
      expect(latest.hits[0].fqn).not.toBe(renamed.fqn);
    });

    it('filters and facets values exactly as given: colons and quotes kept, unknown ones match nothing', async () => {
      const owner = "ops:on-call's";
      const odd: SearchDocument = {
        type: 'table',
        fqn: 'shop_warehouse.postgres.marts.airship_rota',
        name: 'airship_rota',
        owners: [owner],
        tags: ['Team:Blimps'],
        updatedAt: '2026-11-20T00:00:00.000Z',
      };
      await index.upsert([odd]);
      await index.refresh();
      const owned = await search({ query: '', filters: [{ field: 'owner', values: [owner] }] });
      expect(fqns(owned)).toEqual([odd.fqn]);
      expect(owned.facets.find((f) => f.field === 'owner')?.buckets).toEqual([
        { value: owner, count: 1 },
      ]);
      expect(owned.facets.find((f) => f.field === 'tag')?.buckets).toEqual([
        { value: 'Team:Blimps', count: 1 },
      ]);
      const nobody = await search({ query: '', filters: [{ field: 'owner', values: ['ops'] }] });
      expect(nobody.total).toBe(0);
      await index.remove([odd]);
      await index.refresh();
    });

    it('answers query syntax and injection attempts safely', async () => {
      for (const query of HOSTILE_QUERIES) {
        const result = await search({ query });
        expect(Array.isArray(result.hits)).toBe(true);
      }
      expect((await search({ query: '' })).total).toBe(RELEVANCE_DOCUMENTS.length);
    });
  });
}
