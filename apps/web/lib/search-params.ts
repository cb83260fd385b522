/**
 * The search page keeps its whole state in the URL (`?q=&type=&f=field:value&sort=&after=`), so a
 * search can be shared, reloaded and walked back through. These helpers read and write that URL.
 */

export const SEARCH_PATH = '/search';

export const SEARCH_SORTS = ['relevance', 'name', 'updated'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
export const DEFAULT_SORT: SearchSort = 'relevance';

/** The facet that the `type` parameter stands for: it is sent as `types`, not as a filter. */
export const TYPE_FACET = 'type';

export interface SearchFilter {
  field: string;
  value: string;
}

export interface SearchState {
  /** What the user typed, as typed: trimming it would fight the search box while they type. */
  q: string;
  types: string[];
  /** `field:value` pairs in the order they were chosen. */
  filters: SearchFilter[];
  sort: SearchSort;
  after: string | null;
}

export const EMPTY_SEARCH: SearchState = {
  q: '',
  types: [],
  filters: [],
  sort: DEFAULT_SORT,
  after: null,
};

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function all(params: ParamSource, name: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(name);
  const value = params[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function unique<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const id = key(item);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** `tag:PII.Sensitive` as a filter; values may contain colons, field names never do. */
export function parseFilter(raw: string): SearchFilter | null {
  const colon = raw.indexOf(':');
  if (colon < 1 || colon === raw.length - 1) return null;
  return { field: raw.slice(0, colon), value: raw.slice(colon + 1) };
}

function isSort(value: string | undefined): value is SearchSort {
  return (SEARCH_SORTS as readonly string[]).includes(value ?? '');
}

/**
 * The search state in a URL's query. Malformed `f` values are dropped; an unknown facet field or
 * type is kept, so that the API names the problem; an unknown sort falls back to relevance.
 * `f=type:table` means the same as `type=table`.
 */
export function parseSearchParams(params: ParamSource): SearchState {
  const filters: SearchFilter[] = [];
  const types = all(params, 'type').filter((type) => type !== '');
  for (const raw of all(params, 'f')) {
    const filter = parseFilter(raw);
    if (!filter) continue;
    if (filter.field === TYPE_FACET) types.push(filter.value);
    else filters.push(filter);
  }
  const sort = all(params, 'sort')[0];
  return {
    q: all(params, 'q')[0] ?? '',
    types: unique(types, (type) => type),
    filters: unique(filters, ({ field, value }) => `${field}:${value}`),
    sort: isSort(sort) ? sort : DEFAULT_SORT,
    after: all(params, 'after')[0] || null,
  };
}

/** The search page for a state, leaving out what is empty or default. */
export function searchHref(state: Partial<SearchState> = {}): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const type of state.types ?? []) params.append('type', type);
  for (const { field, value } of state.filters ?? []) params.append('f', `${field}:${value}`);
  if (state.sort && state.sort !== DEFAULT_SORT) params.set('sort', state.sort);
  if (state.after) params.set('after', state.after);
  const search = params.toString();
  return search ? `${SEARCH_PATH}?${search}` : SEARCH_PATH;
}

/** Whether a facet value is among the chosen filters (types for the `type` facet). */
export function isFilterActive(state: SearchState, field: string, value: string): boolean {
  if (field === TYPE_FACET) return state.types.includes(value);
  return state.filters.some((filter) => filter.field === field && filter.value === value);
}

/**
 * The state with a facet value switched on or off. A different filter set is a different result
 * list, so the cursor goes back to the first page.
 */
export function toggleFilter(state: SearchState, field: string, value: string): SearchState {
  const active = isFilterActive(state, field, value);
  if (field === TYPE_FACET) {
    const types = active ? state.types.filter((type) => type !== value) : [...state.types, value];
    return { ...state, types, after: null };
  }
  const filters = active
    ? state.filters.filter((filter) => filter.field !== field || filter.value !== value)
    : [...state.filters, { field, value }];
  return { ...state, filters, after: null };
}

/** Whether any type or facet filter narrows the results. */
export function hasFilters(state: SearchState): boolean {
  return state.types.length > 0 || state.filters.length > 0;
}

export interface SearchFilterInput {
  field: string;
  values: string[];
}

/**
 * The filters as the API takes them: one entry per field, so values of one field combine with OR
 * and fields combine with AND.
 */
export function filterInputs(filters: readonly SearchFilter[]): SearchFilterInput[] {
  const byField = new Map<string, string[]>();
  for (const { field, value } of filters) {
    const values = byField.get(field);
    if (values) values.push(value);
    else byField.set(field, [value]);
  }
  return [...byField].map(([field, values]) => ({ field, values }));
}

export interface FacetOption {
  value: string;
  /** Null for a chosen value the API returned no bucket for: it must stay visible to be undone. */
  count: number | null;
  active: boolean;
  /** The search with this value switched on or off. */
  href: string;
}

export interface FacetGroup {
  field: string;
  options: FacetOption[];
}

interface FacetInput {
  field: string;
  buckets: readonly { value: string; count: number }[];
}

/**
 * The facet sidebar: the API's facets in its order, each bucket with the link that toggles it, and
 * every chosen value shown even when the API has no bucket for it (or no facet at all).
 */
export function facetGroups(facets: readonly FacetInput[], state: SearchState): FacetGroup[] {
  const chosen = [...state.types.map((value) => ({ field: TYPE_FACET, value })), ...state.filters];
  const fields = unique(
    [...facets.map((facet) => facet.field), ...chosen.map((filter) => filter.field)],
    (field) => field,
  );
  const option = (field: string, value: string, count: number | null): FacetOption => ({
    value,
    count,
    active: isFilterActive(state, field, value),
    href: searchHref(toggleFilter(state, field, value)),
  });
  return fields
    .map((field) => {
      const buckets = facets.filter((facet) => facet.field === field).flatMap((f) => f.buckets);
      const listed = new Set(buckets.map((bucket) => bucket.value));
      const missing = chosen.filter(
        (filter) => filter.field === field && !listed.has(filter.value),
      );
      return {
        field,
        options: [
          ...buckets.map((bucket) => option(field, bucket.value, bucket.count)),
          ...missing.map((filter) => option(field, filter.value, null)),
        ],
      };
    })
    .filter((group) => group.options.length > 0);
}
