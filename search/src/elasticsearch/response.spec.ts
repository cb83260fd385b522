import { describe, expect, it } from '@jest/globals';
import type { estypes } from '@elastic/elasticsearch';
import { encodeCursor, FACET_FIELDS, parseSearchRequest } from '../request.js';
import type { ElasticsearchSource } from './bulk.js';
import { HIGHLIGHT_POST_TAG as POST, HIGHLIGHT_PRE_TAG as PRE } from './query.js';
import {
  convertFacets,
  convertHighlightFragment,
  convertHighlights,
  elasticsearchSearchResult,
  type ElasticsearchSearchResponse,
} from './response.js';

type Hit = estypes.SearchHit<Partial<ElasticsearchSource>>;

const hit = (fqn: string, extra: Partial<Hit> = {}): Hit => ({
  _index: 'almanac-search-v1-x',
  _id: `table:${fqn}`,
  _score: 2.5,
  _source: { type: 'table', fqn, name: fqn.split('.').pop(), description: 'About it.' },
  ...extra,
});

const response = (
  hits: Hit[],
  total: number | estypes.SearchTotalHits,
  aggregations: Record<string, estypes.AggregationsAggregate> = {},
): ElasticsearchSearchResponse => ({
  took: 1,
  timed_out: false,
  _shards: { total: 1, successful: 1, failed: 0 },
  hits: { total, hits },
  aggregations,
});

describe('elasticsearchSearchResult', () => {
  it('maps hits from their source, scores included', () => {
    const result = elasticsearchSearchResult(
      parseSearchRequest({ query: 'orders' }),
      response(
        [
          hit('marts.valid_orders'),
          hit('marts.order_items', {
            _score: null,
            _source: { type: 'view', fqn: 'marts.order_items', name: 'order_items' },
          }),
        ],
        { value: 2, relation: 'eq' },
      ),
    );
    expect(result.total).toBe(2);
    expect(result.hits).toEqual([
      {
        fqn: 'marts.valid_orders',
        type: 'table',
        name: 'valid_orders',
        displayName: null,
        description: 'About it.',
        score: 2.5,
        highlights: [],
      },
      {
        fqn: 'marts.order_items',
        type: 'view',
        name: 'order_items',
        displayName: null,
        description: null,
        score: 0,
        highlights: [],
      },
    ]);
  });

  it('refuses a hit without its source', () => {
    expect(() =>
      elasticsearchSearchResult(
        parseSearchRequest({}),
        response([hit('a.b', { _source: undefined })], 1),
      ),
    ).toThrow(/without its type, FQN or name/);
  });

  it('hands out the next offset as the cursor, and null on the last page', () => {
    const page = (after: string | null, count: number, total: number) =>
      elasticsearchSearchResult(
        parseSearchRequest({ first: 2, after }),
        response(
          Array.from({ length: count }, (_, i) => hit(`s.t${i}`)),
          total,
        ),
      ).endCursor;
    expect(page(null, 2, 5)).toBe(encodeCursor(2));
    expect(page(encodeCursor(2), 2, 5)).toBe(encodeCursor(4));
    expect(page(encodeCursor(4), 1, 5)).toBeNull();
    expect(page(null, 2, 2)).toBeNull();
    expect(page(null, 0, 0)).toBeNull();
  });
});

describe('convertFacets', () => {
  it('returns every facet field, buckets by count then value', () => {
    const facets = convertFacets({
      tag: {
        buckets: [
          { key: 'PII.Sensitive', doc_count: 3 },
          { key: 'Tier.Tier1', doc_count: 4 },
          { key: 'PII.NonSensitive', doc_count: 3 },
        ],
      },
      containsPii: {
        buckets: [
          { key: 0, key_as_string: 'false', doc_count: 40 },
          { key: 1, key_as_string: 'true', doc_count: 3 },
        ],
      },
      // Keyed buckets come as an object.
      owner: { buckets: { dana: { key: 'dana', doc_count: 2 } } },
    });
    expect(facets.map((facet) => facet.field)).toEqual([...FACET_FIELDS]);
    const buckets = (field: string) => facets.find((facet) => facet.field === field)?.buckets;
    expect(buckets('tag')).toEqual([
      { value: 'Tier.Tier1', count: 4 },
      { value: 'PII.NonSensitive', count: 3 },
      { value: 'PII.Sensitive', count: 3 },
    ]);
    expect(buckets('containsPii')).toEqual([
      { value: 'false', count: 40 },
      { value: 'true', count: 3 },
    ]);
    expect(buckets('owner')).toEqual([{ value: 'dana', count: 2 }]);
    expect(buckets('schema')).toEqual([]);
    expect(convertFacets(undefined).every((facet) => facet.buckets.length === 0)).toBe(true);
  });
});

describe('highlights', () => {
  it('escapes the fragment and turns the tags into <em>', () => {
    expect(convertHighlightFragment(`${PRE}Clickstream${POST} events & "carts" <b>'`)).toBe(
      '<em>Clickstream</em> events &amp; &quot;carts&quot; &lt;b&gt;&#39;',
    );
    expect(convertHighlightFragment(`<script>${PRE}alert${POST}(1)</script>`)).toBe(
      '&lt;script&gt;<em>alert</em>(1)&lt;/script&gt;',
    );
  });

  it('drops tags that do not pair up', () => {
    expect(convertHighlightFragment(`a${POST}b${PRE}c`)).toBe('abc');
    expect(convertHighlightFragment(`${PRE}a${PRE}b${POST}`)).toBe('a<em>b</em>');
  });

  it('marks where a fragment was cut from its source', () => {
    const source = 'First sentence. The clickstream of the shop. Last one.';
    expect(convertHighlightFragment(`The ${PRE}clickstream${POST} of the shop.`, source)).toBe(
      '…The <em>clickstream</em> of the shop.…',
    );
    expect(convertHighlightFragment(`First ${PRE}sentence${POST}.`, source)).toBe(
      'First <em>sentence</em>.…',
    );
    expect(convertHighlightFragment(`${PRE}Whole${POST}`, 'Whole')).toBe('<em>Whole</em>');
  });

  it('gives one fragment per field, named like the PostgreSQL driver does', () => {
    const highlights = convertHighlights(
      {
        name: [`${PRE}cafe${POST}_sales`],
        displayName: [`${PRE}Café${POST} Sales`],
        description: [`Sales of the ${PRE}café${POST} corner.`, 'second'],
        columnNames: [`${PRE}cafe${POST}_id`, `${PRE}cafe${POST}_name`],
        synonyms: [`${PRE}coffee${POST} shop`],
      },
      {
        name: 'cafe_sales',
        displayName: 'Café Sales',
        description: 'Sales of the café corner.',
      },
    );
    expect(highlights).toEqual([
      { field: 'name', fragments: ['<em>Café</em> Sales'] },
      { field: 'description', fragments: ['Sales of the <em>café</em> corner.'] },
      { field: 'synonyms', fragments: ['<em>coffee</em> shop'] },
      { field: 'columns', fragments: ['<em>cafe</em>_id, <em>cafe</em>_name'] },
    ]);
    expect(
      convertHighlights({ name: [`${PRE}cafe${POST}_sales`] }, { displayName: 'Café Sales' }),
    ).toEqual([{ field: 'name', fragments: ['<em>cafe</em>_sales'] }]);
    expect(convertHighlights(undefined, {})).toEqual([]);
  });
});
