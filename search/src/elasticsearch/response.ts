import type { estypes } from '@elastic/elasticsearch';
import { escapeHtml } from '../highlight.js';
import { decodeCursor, encodeCursor, FACET_FIELDS, type SearchRequest } from '../request.js';
import type { Facet, FacetBucket, Highlight, SearchHit, SearchResult } from '../result.js';
import type { ElasticsearchSource } from './bulk.js';
import { HIGHLIGHT_POST_TAG, HIGHLIGHT_PRE_TAG } from './query.js';

export type ElasticsearchSearchResponse = estypes.SearchResponse<Partial<ElasticsearchSource>>;

const TAGGED = new RegExp(
  `${HIGHLIGHT_PRE_TAG}([^${HIGHLIGHT_PRE_TAG}${HIGHLIGHT_POST_TAG}]*)${HIGHLIGHT_POST_TAG}`,
  'g',
);
const STRAY_TAG = new RegExp(`[${HIGHLIGHT_PRE_TAG}${HIGHLIGHT_POST_TAG}]`, 'g');

/**
 * An Elasticsearch highlight fragment in the shared format: HTML-escaped, matches in `<em>`, and,
 * when the fragment was cut from the longer `source`, `…` where it was cut.
 */
export function convertHighlightFragment(fragment: string, source?: string | null): string {
  const marked = escapeHtml(fragment).replace(TAGGED, '<em>$1</em>').replace(STRAY_TAG, '');
  const plain = fragment.replace(STRAY_TAG, '');
  const at = source ? source.indexOf(plain) : -1;
  if (!source || at === -1) return marked;
  return `${at > 0 ? '…' : ''}${marked}${at + plain.length < source.length ? '…' : ''}`;
}

/**
 * Highlights of one hit, one fragment per field like the PostgreSQL driver's: `name` (from the
 * display name when it matches), `description`, then the matching `synonyms` and `columns`, each
 * list joined with commas.
 */
export function convertHighlights(
  highlight: Record<string, string[]> | undefined,
  source: Partial<ElasticsearchSource>,
): Highlight[] {
  if (!highlight) return [];
  const converted = (field: keyof ElasticsearchSource, cutFrom?: string | null): string[] =>
    (highlight[field] ?? []).map((fragment) => convertHighlightFragment(fragment, cutFrom));
  const name = [...converted('displayName'), ...converted('name')];
  const fields: [string, string[]][] = [
    ['name', name.slice(0, 1)],
    ['description', converted('description', source.description).slice(0, 1)],
    ['synonyms', converted('synonyms')],
    ['columns', converted('columnNames')],
  ];
  return fields.flatMap(([field, fragments]) =>
    fragments.length > 0 ? [{ field, fragments: [fragments.join(', ')] }] : [],
  );
}

function toHit(hit: estypes.SearchHit<Partial<ElasticsearchSource>>): SearchHit {
  const source = hit._source ?? {};
  if (!source.type || !source.fqn || typeof source.name !== 'string') {
    throw new Error(`Elasticsearch returned hit ${hit._id ?? '?'} without its type, FQN or name`);
  }
  return {
    fqn: source.fqn,
    type: source.type,
    name: source.name,
    displayName: source.displayName ?? null,
    description: source.description ?? null,
    score: hit._score ?? 0,
    highlights: convertHighlights(hit.highlight, source),
  };
}

type TermsBucket = { key: unknown; key_as_string?: string; doc_count: number };

/** Buckets of a terms aggregation; boolean fields key them 1/0 with `key_as_string` true/false. */
function buckets(aggregate: estypes.AggregationsAggregate | undefined): FacetBucket[] {
  if (!aggregate || !('buckets' in aggregate)) return [];
  const raw = aggregate.buckets as unknown;
  const list: TermsBucket[] = Array.isArray(raw)
    ? (raw as TermsBucket[])
    : Object.values((raw ?? {}) as Record<string, TermsBucket>);
  return list
    .map((bucket) => ({
      value: bucket.key_as_string ?? String(bucket.key),
      count: bucket.doc_count,
    }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

export function convertFacets(
  aggregations: Record<string, estypes.AggregationsAggregate> | undefined,
): Facet[] {
  return FACET_FIELDS.map((field) => ({ field, buckets: buckets(aggregations?.[field]) }));
}

function totalOf(total: estypes.SearchTotalHits | number | undefined): number {
  if (typeof total === 'number') return total;
  return total?.value ?? 0;
}

/** The shared result for the response to {@link elasticsearchSearchBody}`(request)`. */
export function elasticsearchSearchResult(
  request: SearchRequest,
  response: ElasticsearchSearchResponse,
): SearchResult {
  const hits = response.hits.hits.map(toHit);
  const total = totalOf(response.hits.total);
  const next = decodeCursor(request.after) + hits.length;
  return {
    total,
    hits,
    facets: convertFacets(response.aggregations),
    endCursor: hits.length > 0 && next < total ? encodeCursor(next) : null,
  };
}
