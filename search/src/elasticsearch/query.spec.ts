import { HOSTILE_QUERIES } from '../hostile-queries.js';
import { describe, expect, it } from '@jest/globals';
import type { estypes } from '@elastic/elasticsearch';
import {
  encodeCursor,
  FACET_BUCKETS,
  FACET_FIELDS,
  parseSearchRequest,
  SearchInputError,
  type SearchRequestInput,
} from '../request.js';
import {
  elasticsearchSearchBody,
  EXACT_NAME_BOOST,
  HIGHLIGHT_POST_TAG,
  HIGHLIGHT_PRE_TAG,
  MAX_QUERY_TERMS,
  shouldFallBackToOr,
  type MatchMode,
} from './query.js';

const body = (input: SearchRequestInput, mode: MatchMode = 'and') =>
  elasticsearchSearchBody(parseSearchRequest(input), mode);

type Bool = estypes.QueryDslBoolQuery;
const boolOf = (input: SearchRequestInput, mode: MatchMode = 'and'): Bool => {
  const query = body(input, mode).query;
  if (!query?.bool) throw new Error('expected a bool query');
  return query.bool;
};
const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The tier and usage boost around the text query. */
const functionScoreOf = (
  input: SearchRequestInput,
  mode: MatchMode = 'and',
): estypes.QueryDslFunctionScoreQuery => {
  const score = asArray(boolOf(input, mode).must)[0]?.function_score;
  if (!score || Array.isArray(score)) throw new Error('expected a function_score query');
  return score;
};

/** The query inside the tier and usage boost. */
const textQueryOf = (input: SearchRequestInput, mode: MatchMode = 'and') => {
  const inner = functionScoreOf(input, mode).query;
  if (!inner) throw new Error('expected the text query inside function_score');
  return inner;
};

/** Every object in a JSON tree, with the key it hangs under. */
function* walk(value: unknown, key = ''): Generator<[string, unknown]> {
  yield [key, value];
  if (Array.isArray(value)) for (const item of value) yield* walk(item, key);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) yield* walk(v, k);
  }
}

describe('elasticsearchSearchBody', () => {
  it('matches everything for an empty query, without exact boosts or highlights', () => {
    for (const query of ['', '   ', '%_%', '*']) {
      const search = body({ query });
      expect(textQueryOf({ query })).toEqual({ match_all: {} });
      expect(search.query?.bool?.should).toBeUndefined();
      expect(search.highlight).toBeUndefined();
      expect(search.track_total_hits).toBe(true);
    }
  });

  it('requires every word in AND mode and any word in OR mode', () => {
    const and = textQueryOf({ query: 'customer lifetime' }).bool;
    expect(asArray(and?.must)).toHaveLength(2);
    expect(and?.should).toBeUndefined();

    const or = textQueryOf({ query: 'customer lifetime' }, 'or').bool;
    expect(asArray(or?.should)).toHaveLength(2);
    expect(or?.minimum_should_match).toBe(1);
    expect(or?.must).toBeUndefined();
  });

  it('matches a word exactly, by stem, by prefix and with a typo in the name fields', () => {
    const [clause] = asArray(textQueryOf({ query: 'convrsion' }).bool?.must);
    const json = JSON.stringify(clause);
    expect(json).toContain('{"match":{"name":{"query":"convrsion","operator":"and"}}}');
    expect(json).toContain('{"match":{"name.stemmed":{"query":"convrsion","operator":"and"}}}');
    expect(json).toContain('{"match":{"name.prefix":{"query":"convrsion","operator":"and"}}}');
    expect(json).toContain(
      '{"match":{"name":{"query":"convrsion","operator":"and","fuzziness":"AUTO","max_expansions":10,"prefix_length":0}}}',
    );
    // Words of facets are searched through their text sub-fields.
    expect(json).toContain('"tags.text"');
    expect(json).toContain('"fqn.text"');
    expect(json).not.toContain('{"match":{"tags":');
  });

  it('scores fields by weight: names over descriptions over columns over tags', () => {
    const [clause] = asArray(textQueryOf({ query: 'orders' }).bool?.must);
    const fields = clause?.dis_max?.queries ?? [];
    const bestBoost = (field: estypes.QueryDslQueryContainer) =>
      Math.max(
        ...[...walk(field)]
          .filter(([key]) => key === 'constant_score')
          .map(([, v]) => (v as { boost: number }).boost),
      );
    const boosts = fields.map(bestBoost);
    expect(boosts.slice(0, 3)).toEqual([10, 10, 10]);
    expect(boosts).toEqual([...boosts].sort((a, b) => b - a));
    expect(boosts[3]).toBeGreaterThan(boosts[4]);
    expect(clause?.dis_max?.tie_breaker).toBeGreaterThan(0);
  });

  it('tries no typo for words under three letters', () => {
    const json = JSON.stringify(body({ query: 'ip' }).query);
    expect(json).not.toContain('fuzziness');
    expect(JSON.stringify(body({ query: 'rfm' }).query)).toContain('fuzziness');
  });

  it('boosts an exact name or FQN match far above the rest, whatever its punctuation', () => {
    const should = asArray(boolOf({ query: 'Customer_Lifetime  Value' }).should);
    expect(should).toEqual([
      {
        constant_score: {
          filter: { term: { nameKeys: 'customer lifetime value' } },
          boost: EXACT_NAME_BOOST,
        },
      },
      {
        constant_score: {
          filter: { term: { fqnKey: 'customer lifetime value' } },
          boost: EXACT_NAME_BOOST,
        },
      },
    ]);
    expect(JSON.stringify(boolOf({ query: 'CAFÉ' }).should)).toContain('"nameKeys":"cafe"');
  });

  it('multiplies relevance by tier and usage', () => {
    const score = functionScoreOf({ query: 'orders' });
    expect(score.boost_mode).toBe('multiply');
    expect(score.score_mode).toBe('sum');
    const functions = score.functions ?? [];
    expect(functions[0]).toEqual({ weight: 1 });
    const tierWeight = (tier: string) =>
      functions.find((f) => JSON.stringify(f.filter) === JSON.stringify({ term: { tier } }))
        ?.weight ?? 0;
    expect(tierWeight('Tier.Tier1')).toBeGreaterThan(tierWeight('Tier.Tier2'));
    expect(tierWeight('Tier.Tier2')).toBeGreaterThan(tierWeight('Tier.Tier3'));
    expect(functions).toContainEqual({
      field_value_factor: { field: 'usage', modifier: 'log1p', missing: 0 },
      weight: 0.1,
    });
  });

  it('ORs the values of one filter field and ANDs the fields, types included', () => {
    const filter = asArray(
      boolOf({
        query: 'orders',
        types: ['table', 'view', 'table'],
        filters: [
          { field: 'schema', values: ['marts'] },
          { field: 'tier', values: ['Tier.Tier1'] },
          { field: 'schema', values: ['staging', 'marts'] },
          { field: 'tag', values: ['PII.Sensitive'] },
          { field: 'glossaryTerm', values: ['Business.Customer'] },
          { field: 'owner', values: ['dana'] },
        ],
      }).filter,
    );
    expect(filter).toEqual([
      { terms: { type: ['table', 'view'] } },
      { terms: { schema: ['marts', 'staging'] } },
      { terms: { tags: ['PII.Sensitive'] } },
      { terms: { glossaryTerms: ['Business.Customer'] } },
      { terms: { owners: ['dana'] } },
      { terms: { tier: ['Tier.Tier1'] } },
    ]);
    expect(boolOf({ query: '' }).filter).toBeUndefined();
  });

  it('filters containsPii by booleans and matches nothing for other values', () => {
    const pii = (values: string[]) =>
      boolOf({ query: '', filters: [{ field: 'containsPii', values }] }).filter;
    expect(pii(['true'])).toEqual([{ terms: { containsPii: [true] } }]);
    expect(pii(['false', 'true'])).toEqual([{ terms: { containsPii: [false, true] } }]);
    expect(pii(['yes'])).toEqual([{ match_none: {} }]);
  });

  it('facets every field with FACET_BUCKETS buckets, count then value', () => {
    const aggs = body({ query: 'orders' }).aggs ?? {};
    expect(Object.keys(aggs)).toEqual([...FACET_FIELDS]);
    expect(aggs['tag']).toEqual({
      terms: {
        field: 'tags',
        size: FACET_BUCKETS,
        order: [{ _count: 'desc' }, { _key: 'asc' }],
      },
    });
    expect(aggs['containsPii'].terms?.field).toBe('containsPii');
    expect(aggs['glossaryTerm'].terms?.field).toBe('glossaryTerms');
    expect(aggs['owner'].terms?.field).toBe('owners');
  });

  it('sorts by score, name or last update, with a total order', () => {
    const ties = [
      { 'name.sort': { order: 'asc' } },
      { fqn: { order: 'asc' } },
      { type: { order: 'asc' } },
    ];
    expect(body({ query: 'x' }).sort).toEqual([{ _score: { order: 'desc' } }, ...ties]);
    expect(body({ query: 'x', sort: 'name' }).sort).toEqual(ties);
    expect(body({ query: 'x', sort: 'updated' }).sort).toEqual([
      { updatedAt: { order: 'desc' } },
      ...ties,
    ]);
    expect(body({ query: 'x', sort: 'name' }).track_scores).toBe(true);
  });

  it('pages from the cursor offset', () => {
    expect(body({ query: '' })).toMatchObject({ from: 0, size: 20 });
    expect(body({ query: '', first: 5, after: encodeCursor(15) })).toMatchObject({
      from: 15,
      size: 5,
    });
    expect(() => body({ query: '', after: 'not-a-cursor' })).toThrow(SearchInputError);
    expect(() => body({ query: '', first: 100, after: encodeCursor(9_950) })).toThrow(
      /first 10000/,
    );
    expect(body({ query: '', first: 100, after: encodeCursor(9_900) }).from).toBe(9_900);
  });

  it(`searches the first ${MAX_QUERY_TERMS} distinct words`, () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${i}`);
    const must = asArray(textQueryOf({ query: [...words, 'word0'].join(' ') }).bool?.must);
    expect(must).toHaveLength(MAX_QUERY_TERMS);
    expect(JSON.stringify(must)).not.toContain(`word${MAX_QUERY_TERMS}"`);
  });

  it('keeps a long query well under the 1 024 clause limit', () => {
    const query = Array.from({ length: 40 }, (_, i) => `term${i}`).join(' ');
    const search = body({ query });
    const leaves = [...walk(search.query)].filter(([key]) => key === 'match' || key === 'term');
    const fuzzy = [...walk(search.query)].filter(([key]) => key === 'fuzziness').length;
    // Each typo clause expands to at most 10 terms.
    expect(leaves.length - fuzzy + fuzzy * 10).toBeLessThan(1024);
  });

  it('never hands user input to a query parser', () => {
    for (const query of HOSTILE_QUERIES) {
      const search = body({ query });
      const keys = new Set([...walk(search)].map(([key]) => key));
      for (const parser of [
        'query_string',
        'simple_query_string',
        'regexp',
        'wildcard',
        'script',
        'script_score',
        'intervals',
      ]) {
        expect(keys.has(parser)).toBe(false);
      }
      // User text reaches Elasticsearch only as folded words, as match and term values.
      const json = JSON.stringify(search);
      expect(json).not.toContain(JSON.stringify(query).slice(1, -1));
      for (const [key, value] of walk(search.query)) {
        if (key === 'query' && typeof value === 'string') expect(value).toMatch(/^[\p{L}\p{N}]+$/u);
      }
    }
  });

  it('highlights with private-use tags and a query per field', () => {
    const highlight = body({ query: 'clickstream events' }).highlight;
    expect(highlight?.pre_tags).toEqual([HIGHLIGHT_PRE_TAG]);
    expect(highlight?.post_tags).toEqual([HIGHLIGHT_POST_TAG]);
    expect(highlight?.encoder).toBe('default');
    const fields = highlight?.fields as Record<string, estypes.SearchHighlightField>;
    expect(Object.keys(fields)).toEqual([
      'name',
      'displayName',
      'description',
      'synonyms',
      'columnNames',
    ]);
    const description = JSON.stringify(fields['description'].highlight_query);
    expect(description).toContain('{"match":{"description":{"query":"clickstream"');
    expect(description).toContain('{"match_bool_prefix":{"description":{"query":"events"}}}');
    expect(description).not.toContain('"name"');
    expect(fields['description'].number_of_fragments).toBe(1);
    expect(fields['name'].number_of_fragments).toBe(0);
  });
});

describe('shouldFallBackToOr', () => {
  const request = (query: string) => parseSearchRequest({ query });
  it('repeats an AND search of several words that found nothing', () => {
    expect(shouldFallBackToOr(request('rejected zeppelins'), 'and', 0)).toBe(true);
    expect(shouldFallBackToOr(request('rejected zeppelins'), 'and', 3)).toBe(false);
    expect(shouldFallBackToOr(request('zeppelins'), 'and', 0)).toBe(false);
    expect(shouldFallBackToOr(request('rejected zeppelins'), 'or', 0)).toBe(false);
    expect(shouldFallBackToOr(request('zeppelin zeppelin'), 'and', 0)).toBe(false);
  });
});
