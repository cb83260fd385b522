import { describe, expect, it } from '@jest/globals';
import {
  EMPTY_SEARCH,
  facetGroups,
  filterInputs,
  hasFilters,
  isFilterActive,
  parseFilter,
  parseSearchParams,
  searchHref,
  toggleFilter,
  type SearchState,
} from './search-params';

const parseHref = (href: string) => parseSearchParams(new URL(href, 'http://x').searchParams);

describe('parseSearchParams', () => {
  it('reads an empty query as the empty search', () => {
    expect(parseSearchParams(new URLSearchParams())).toEqual(EMPTY_SEARCH);
    expect(parseSearchParams({})).toEqual(EMPTY_SEARCH);
  });

  it('reads the query, types, filters, sort and cursor', () => {
    const state = parseSearchParams(
      new URLSearchParams(
        'q=customer+lifetime&type=table&type=view&f=tag:PII.Sensitive&f=owner:dana&sort=name&after=b3o6MjA',
      ),
    );
    expect(state).toEqual({
      q: 'customer lifetime',
      types: ['table', 'view'],
      filters: [
        { field: 'tag', value: 'PII.Sensitive' },
        { field: 'owner', value: 'dana' },
      ],
      sort: 'name',
      after: 'b3o6MjA',
    });
  });

  it('takes Next.js search params, where a repeated name is an array', () => {
    const state = parseSearchParams({ q: ['a', 'b'], f: ['tier:Tier.Tier1', 'tier:Tier.Tier2'] });
    expect(state.q).toBe('a');
    expect(state.filters.map((filter) => filter.value)).toEqual(['Tier.Tier1', 'Tier.Tier2']);
  });

  it('keeps the query as typed, spaces included', () => {
    expect(parseSearchParams(new URLSearchParams('q=customer+')).q).toBe('customer ');
  });

  it('treats f=type:x as a type, drops malformed and repeated filters', () => {
    const state = parseSearchParams(
      new URLSearchParams('f=type:table&type=table&f=nocolon&f=:x&f=tag:&f=tag:a&f=tag:a'),
    );
    expect(state.types).toEqual(['table']);
    expect(state.filters).toEqual([{ field: 'tag', value: 'a' }]);
  });

  it('keeps an unknown facet for the API to name, but falls back on an unknown sort', () => {
    const state = parseSearchParams(new URLSearchParams('f=colour:red&sort=random'));
    expect(state.filters).toEqual([{ field: 'colour', value: 'red' }]);
    expect(state.sort).toBe('relevance');
  });
});

describe('parseFilter', () => {
  it('splits on the first colon, so values may contain colons', () => {
    expect(parseFilter('service:kafka://broker:9092')).toEqual({
      field: 'service',
      value: 'kafka://broker:9092',
    });
    expect(parseFilter('novalue')).toBeNull();
  });
});

describe('searchHref', () => {
  it('leaves out what is empty or default', () => {
    expect(searchHref()).toBe('/search');
    expect(searchHref(EMPTY_SEARCH)).toBe('/search');
    expect(searchHref({ q: 'orders', sort: 'relevance' })).toBe('/search?q=orders');
  });

  it('round-trips every part of the state, including awkward characters', () => {
    const state: SearchState = {
      q: 'a&b=c #d',
      types: ['table', 'column'],
      filters: [
        { field: 'schema', value: 'raw data' },
        { field: 'glossaryTerm', value: 'glossary.Conversion Rate' },
        { field: 'containsPii', value: 'true' },
      ],
      sort: 'updated',
      after: 'b3o6NDA=',
    };
    expect(parseHref(searchHref(state))).toEqual(state);
    expect(searchHref(state)).toMatch(/^\/search\?q=a%26b%3Dc\+%23d&type=table&type=column&f=/);
  });
});

describe('toggleFilter', () => {
  const base: SearchState = { ...EMPTY_SEARCH, q: 'orders', after: 'cursor' };

  it('adds a filter and starts again from the first page', () => {
    const next = toggleFilter(base, 'tag', 'PII.Sensitive');
    expect(next.filters).toEqual([{ field: 'tag', value: 'PII.Sensitive' }]);
    expect(next.after).toBeNull();
    expect(next.q).toBe('orders');
    expect(isFilterActive(next, 'tag', 'PII.Sensitive')).toBe(true);
  });

  it('removes a filter that is on, and leaves the others', () => {
    const two = toggleFilter(toggleFilter(base, 'tag', 'a'), 'owner', 'dana');
    const one = toggleFilter(two, 'tag', 'a');
    expect(one.filters).toEqual([{ field: 'owner', value: 'dana' }]);
    expect(isFilterActive(one, 'tag', 'a')).toBe(false);
    expect(hasFilters(one)).toBe(true);
    expect(hasFilters(toggleFilter(one, 'owner', 'dana'))).toBe(false);
  });

  it('toggles the type facet through the type parameter', () => {
    const tables = toggleFilter(base, 'type', 'table');
    expect(tables.types).toEqual(['table']);
    expect(tables.filters).toEqual([]);
    expect(searchHref(tables)).toBe('/search?q=orders&type=table');
    expect(toggleFilter(tables, 'type', 'table').types).toEqual([]);
  });

  it('does not change the state it was given', () => {
    const frozen = Object.freeze({ ...base, filters: Object.freeze([]) as never[] });
    toggleFilter(frozen, 'tag', 'a');
    expect(frozen.filters).toEqual([]);
  });
});

describe('filterInputs', () => {
  it('groups values by field: OR within a field, AND across fields', () => {
    expect(
      filterInputs([
        { field: 'tag', value: 'a' },
        { field: 'owner', value: 'dana' },
        { field: 'tag', value: 'b' },
      ]),
    ).toEqual([
      { field: 'tag', values: ['a', 'b'] },
      { field: 'owner', values: ['dana'] },
    ]);
    expect(filterInputs([])).toEqual([]);
  });
});

describe('facetGroups', () => {
  const facets = [
    {
      field: 'type',
      buckets: [
        { value: 'table', count: 30 },
        { value: 'column', count: 200 },
      ],
    },
    { field: 'tag', buckets: [{ value: 'PII.Sensitive', count: 4 }] },
    { field: 'domain', buckets: [] },
  ];

  it('lists every bucket with its count and the link that switches it on', () => {
    const state = { ...EMPTY_SEARCH, q: 'email' };
    const groups = facetGroups(facets, state);
    expect(groups.map((group) => group.field)).toEqual(['type', 'tag']);
    expect(groups[0].options[0]).toEqual({
      value: 'table',
      count: 30,
      active: false,
      href: '/search?q=email&type=table',
    });
    expect(groups[1].options[0].href).toBe('/search?q=email&f=tag%3APII.Sensitive');
  });

  it('marks chosen values and links them back off, keeping the other filters', () => {
    const state = parseHref('/search?q=email&type=table&f=tag:PII.Sensitive&after=abc');
    const [types, tags] = facetGroups(facets, state);
    expect(types.options.map((option) => option.active)).toEqual([true, false]);
    expect(types.options[0].href).toBe('/search?q=email&f=tag%3APII.Sensitive');
    expect(types.options[1].href).toBe(
      '/search?q=email&type=table&type=column&f=tag%3APII.Sensitive',
    );
    expect(tags.options[0].active).toBe(true);
  });

  it('keeps a chosen value that has no bucket, and a chosen field that has no facet', () => {
    const state = parseHref('/search?f=tag:Gone&f=owner:dana');
    const groups = facetGroups(facets, state);
    const tag = groups.find((group) => group.field === 'tag')!;
    expect(tag.options.map((option) => [option.value, option.count, option.active])).toEqual([
      ['PII.Sensitive', 4, false],
      ['Gone', null, true],
    ]);
    const owner = groups.find((group) => group.field === 'owner')!;
    expect(owner.options).toEqual([
      { value: 'dana', count: null, active: true, href: '/search?f=tag%3AGone' },
    ]);
  });
});
