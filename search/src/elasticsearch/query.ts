import type { estypes } from '@elastic/elasticsearch';
import { queryTerms } from '../highlight.js';
import {
  decodeCursor,
  FACET_BUCKETS,
  FACET_FIELDS,
  filterValues,
  SearchInputError,
  type SearchRequest,
} from '../request.js';
import { nameKey } from './keys.js';
import { FACET_INDEX_FIELDS } from './mappings.js';

/** Body of an Elasticsearch search: everything but the index. */
export type ElasticsearchSearchBody = Omit<estypes.SearchRequest, 'index'>;

/** `and`: every query word must match; `or`: any may, the fallback when `and` finds nothing. */
export type MatchMode = 'and' | 'or';

/** Elasticsearch refuses to page past `index.max_result_window` (10 000 by default). */
export const MAX_RESULT_WINDOW = 10_000;

/**
 * Words of a query that are searched; the rest are ignored. Every word costs about 75 Lucene
 * clauses (fields × exact, stem, prefix, typo expansions) and a query may have 1 024.
 */
export const MAX_QUERY_TERMS = 12;

/** Constant score of a word found in a field, by field. The exact name match adds far more. */
interface TextField {
  field: string;
  weight: number;
  stemmed: boolean;
  prefix: boolean;
  fuzzy: boolean;
}

const TEXT_FIELDS: readonly TextField[] = [
  { field: 'name', weight: 10, stemmed: true, prefix: true, fuzzy: true },
  { field: 'displayName', weight: 10, stemmed: true, prefix: true, fuzzy: true },
  { field: 'synonyms', weight: 10, stemmed: true, prefix: true, fuzzy: true },
  { field: 'description', weight: 4, stemmed: true, prefix: true, fuzzy: true },
  { field: 'columnNames', weight: 3, stemmed: true, prefix: true, fuzzy: true },
  { field: 'columnDescriptions', weight: 2, stemmed: true, prefix: true, fuzzy: false },
  { field: 'tags', weight: 1.5, stemmed: false, prefix: true, fuzzy: false },
  { field: 'glossaryTerms', weight: 1.5, stemmed: false, prefix: true, fuzzy: false },
  { field: 'owners', weight: 1.5, stemmed: false, prefix: true, fuzzy: false },
  { field: 'fqn', weight: 1, stemmed: false, prefix: false, fuzzy: false },
];

/** How a word matched, as a share of the field's weight. */
const MATCH_KIND_FACTOR = { exact: 1, stemmed: 0.9, prefix: 0.8, fuzzy: 0.6 } as const;

/** Keyword fields (facets) whose words are searched through a `.text` sub-field. */
const WORDS_SUBFIELD: ReadonlySet<string> = new Set(['tags', 'glossaryTerms', 'owners', 'fqn']);

/** Added to the score of a document whose name, display name, synonym or FQN is the query. */
export const EXACT_NAME_BOOST = 1000;

/** Shares of the score added by tier; usage adds 0.1 per power of ten. */
export const TIER_BOOSTS: Readonly<Record<string, number>> = {
  'Tier.Tier1': 0.5,
  'Tier.Tier2': 0.3,
  'Tier.Tier3': 0.15,
  'Tier.Tier4': 0.05,
};
const USAGE_BOOST_PER_DECADE = 0.1;

/** Share of a word's score that every further field matching it adds. */
const OTHER_FIELDS_TIE_BREAKER = 0.1;
/** Typo expansions per word and field: enough for typos, few enough to keep the clause count low. */
const FUZZY_MAX_EXPANSIONS = 10;

/** The `_source` fields a search returns: what hits show, descriptions cut into fragments. */
export const SOURCE_FIELDS = ['type', 'fqn', 'name', 'displayName', 'description'];

/**
 * Highlighted source fields and how many fragments each returns (0: whole values). Results name
 * them as the PostgreSQL driver does: `name` (the display name when it matches), `description`,
 * `synonyms` and `columns`.
 */
export const HIGHLIGHT_FIELDS: readonly { source: string; fragments: number }[] = [
  { source: 'name', fragments: 0 },
  { source: 'displayName', fragments: 0 },
  { source: 'description', fragments: 1 },
  { source: 'synonyms', fragments: 0 },
  { source: 'columnNames', fragments: 0 },
];

/**
 * Highlight tags: private-use characters no catalog text contains, turned into `<em>` after the
 * fragment is HTML-escaped, so document text never reaches the browser unescaped.
 */
export const HIGHLIGHT_PRE_TAG = '\uE000';
export const HIGHLIGHT_POST_TAG = '\uE001';
export const HIGHLIGHT_FRAGMENT_CHARS = 160;

/** The words a request searches for: folded, split like the index splits them, at most 12. */
export function searchedTerms(request: SearchRequest): string[] {
  return queryTerms(request.query).slice(0, MAX_QUERY_TERMS);
}

/** Whether a search that found nothing with every word should be repeated with any word. */
export function shouldFallBackToOr(
  request: SearchRequest,
  mode: MatchMode,
  total: number,
): boolean {
  return mode === 'and' && total === 0 && searchedTerms(request).length > 1;
}

const constant = (filter: estypes.QueryDslQueryContainer, boost: number) => ({
  constant_score: { filter, boost },
});

const match = (field: string, query: string, extra: Partial<estypes.QueryDslMatchQuery> = {}) => ({
  match: { [field]: { query, operator: 'and' as const, ...extra } },
});

/** The best way `term` matches one field, scored by the field's weight and the kind of match. */
function fieldClause(spec: TextField, term: string): estypes.QueryDslQueryContainer {
  const words = WORDS_SUBFIELD.has(spec.field) ? `${spec.field}.text` : spec.field;
  const kinds: estypes.QueryDslQueryContainer[] = [
    constant(match(words, term), spec.weight * MATCH_KIND_FACTOR.exact),
  ];
  if (spec.stemmed) {
    kinds.push(
      constant(match(`${spec.field}.stemmed`, term), spec.weight * MATCH_KIND_FACTOR.stemmed),
    );
  }
  if (spec.prefix) {
    kinds.push(
      constant(match(`${spec.field}.prefix`, term), spec.weight * MATCH_KIND_FACTOR.prefix),
    );
  }
  // AUTO allows no typo below three characters: the clause would only repeat the exact match.
  if (spec.fuzzy && term.length >= 3) {
    kinds.push(
      constant(
        match(words, term, {
          fuzziness: 'AUTO',
          max_expansions: FUZZY_MAX_EXPANSIONS,
          prefix_length: 0,
        }),
        spec.weight * MATCH_KIND_FACTOR.fuzzy,
      ),
    );
  }
  return kinds.length === 1 ? kinds[0] : { dis_max: { queries: kinds, tie_breaker: 0 } };
}

/** One query word: the best field counts, every other field that has it adds a little. */
function termClause(term: string): estypes.QueryDslQueryContainer {
  return {
    dis_max: {
      queries: TEXT_FIELDS.map((spec) => fieldClause(spec, term)),
      tie_breaker: OTHER_FIELDS_TIE_BREAKER,
    },
  };
}

function textQuery(terms: readonly string[], mode: MatchMode): estypes.QueryDslQueryContainer {
  if (terms.length === 0) return { match_all: {} };
  const clauses = terms.map(termClause);
  return mode === 'and'
    ? { bool: { must: clauses } }
    : { bool: { should: clauses, minimum_should_match: 1 } };
}

/** Multiplies relevance by 1 + the tier's share + 0.1 × log10(1 + usage). */
function rankBoosted(query: estypes.QueryDslQueryContainer): estypes.QueryDslQueryContainer {
  return {
    function_score: {
      query,
      functions: [
        { weight: 1 },
        ...Object.entries(TIER_BOOSTS).map(([tier, boost]) => ({
          filter: { term: { tier } },
          weight: boost,
        })),
        {
          field_value_factor: { field: 'usage', modifier: 'log1p' as const, missing: 0 },
          weight: USAGE_BOOST_PER_DECADE,
        },
      ],
      score_mode: 'sum',
      boost_mode: 'multiply',
    },
  };
}

function filters(request: SearchRequest): estypes.QueryDslQueryContainer[] {
  const out: estypes.QueryDslQueryContainer[] = [];
  if (request.types.length > 0) out.push({ terms: { type: [...new Set(request.types)] } });
  for (const field of FACET_FIELDS) {
    const values = [...new Set(filterValues(request, field))];
    if (values.length === 0) continue;
    if (field === 'containsPii') {
      // A boolean field refuses anything but true and false; other values match nothing.
      const flags = values.filter((v) => v === 'true' || v === 'false').map((v) => v === 'true');
      out.push(flags.length > 0 ? { terms: { containsPii: flags } } : { match_none: {} });
    } else {
      out.push({ terms: { [FACET_INDEX_FIELDS[field]]: values } });
    }
  }
  return out;
}

function sort(request: SearchRequest): estypes.SortCombinations[] {
  // FQN and type make the order total, so pages never overlap or skip.
  const ties: estypes.SortCombinations[] = [
    { 'name.sort': { order: 'asc' } },
    { fqn: { order: 'asc' } },
    { type: { order: 'asc' } },
  ];
  switch (request.sort) {
    case 'relevance':
      return [{ _score: { order: 'desc' } }, ...ties];
    case 'name':
      return ties;
    case 'updated':
      return [{ updatedAt: { order: 'desc' } }, ...ties];
  }
}

function aggregations(): Record<string, estypes.AggregationsAggregationContainer> {
  return Object.fromEntries(
    FACET_FIELDS.map((field) => [
      field,
      {
        terms: {
          field: FACET_INDEX_FIELDS[field],
          size: FACET_BUCKETS,
          order: [{ _count: 'desc' as const }, { _key: 'asc' as const }],
        },
      },
    ]),
  );
}

/** Highlights what the words match in each field: exactly, as a prefix or with a typo. */
function highlight(terms: readonly string[]): estypes.SearchHighlight {
  const fieldQuery = (field: string): estypes.QueryDslQueryContainer => ({
    bool: {
      should: terms.flatMap((term) => [
        match(field, term),
        { match_bool_prefix: { [field]: { query: term } } },
        ...(term.length >= 3
          ? [match(field, term, { fuzziness: 'AUTO', max_expansions: FUZZY_MAX_EXPANSIONS })]
          : []),
      ]),
    },
  });
  return {
    type: 'unified',
    encoder: 'default',
    pre_tags: [HIGHLIGHT_PRE_TAG],
    post_tags: [HIGHLIGHT_POST_TAG],
    fields: Object.fromEntries(
      HIGHLIGHT_FIELDS.map(({ source, fragments }) => [
        source,
        {
          highlight_query: fieldQuery(source),
          number_of_fragments: fragments,
          fragment_size: HIGHLIGHT_FRAGMENT_CHARS,
          no_match_size: 0,
        },
      ]),
    ),
  };
}

/**
 * The search body for a validated request: words matched as `mode` says, filters, one terms
 * aggregation per facet, the sort, the page and highlights. User text only ever reaches
 * Elasticsearch as `match` and `term` values, never as query syntax.
 */
export function elasticsearchSearchBody(
  request: SearchRequest,
  mode: MatchMode = 'and',
): ElasticsearchSearchBody {
  const from = decodeCursor(request.after);
  if (from + request.first > MAX_RESULT_WINDOW) {
    throw new SearchInputError(
      `search results can be paged through the first ${MAX_RESULT_WINDOW} only: narrow the search`,
    );
  }
  const terms = searchedTerms(request);
  const key = nameKey(request.query);
  const exact: estypes.QueryDslQueryContainer[] =
    terms.length === 0
      ? []
      : [
          constant({ term: { nameKeys: key } }, EXACT_NAME_BOOST),
          constant({ term: { fqnKey: key } }, EXACT_NAME_BOOST),
        ];
  const filter = filters(request);
  return {
    query: {
      bool: {
        must: [rankBoosted(textQuery(terms, mode))],
        ...(exact.length > 0 ? { should: exact } : {}),
        ...(filter.length > 0 ? { filter } : {}),
      },
    },
    aggs: aggregations(),
    sort: sort(request),
    from,
    size: request.first,
    track_total_hits: true,
    track_scores: true,
    _source: SOURCE_FIELDS,
    ...(terms.length > 0 ? { highlight: highlight(terms) } : {}),
  };
}
