import { describe, expect, it } from '@jest/globals';
import type { estypes } from '@elastic/elasticsearch';
import { stemmer } from 'stemmer';
import { foldText } from '../highlight.js';
import { RELEVANCE_CASES, RELEVANCE_DOCUMENTS } from '../relevance-fixture.js';
import { parseSearchRequest, type SearchRequest } from '../request.js';
import { toElasticsearchSource, type ElasticsearchSource } from './bulk.js';
import { PREFIX_MAX_CHARS } from './mappings.js';
import { elasticsearchSearchBody, shouldFallBackToOr, type MatchMode } from './query.js';

/*
 * The scoring model of query.ts, evaluated in memory over the relevance fixture: a small
 * interpreter of the query DSL the builder emits (bool, dis_max, constant_score, function_score,
 * match with typos, term, terms) over documents analysed as the mappings say. Scores are constants
 * in that model, so the interpreter computes them as Elasticsearch does; what it approximates is
 * analysis (JS folding for asciifolding, the `stemmer` package for Lucene's Porter stemmer) and
 * typo expansion limits. It guards the weights, boosts and the fallback against regressions; the
 * live contract suite is what proves them against a cluster.
 */

type Query = estypes.QueryDslQueryContainer;
type Doc = ElasticsearchSource;

const words = (text: string) =>
  foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
const prefixes = (word: string) =>
  Array.from({ length: Math.min(word.length, PREFIX_MAX_CHARS) }, (_, i) => word.slice(0, i + 1));
const asArray = <T>(value: T | T[] | undefined | null): T[] =>
  value == null ? [] : Array.isArray(value) ? value : [value];

function values(doc: Doc, field: string): unknown[] {
  return asArray((doc as unknown as Record<string, unknown>)[field]);
}

/** Indexed tokens of a field path such as `name`, `name.stemmed`, `name.prefix`, `tags.text`. */
function indexTokens(doc: Doc, path: string): string[] {
  const [field, sub] = path.split('.');
  const plain = values(doc, field).flatMap((value) => words(String(value)));
  if (sub === 'stemmed') return plain.map((word) => stemmer(word));
  if (sub === 'prefix') return plain.flatMap(prefixes);
  return plain;
}

/** Query tokens as the field's search analyzer makes them. */
function queryTokens(path: string, text: string): string[] {
  const sub = path.split('.')[1];
  if (sub === 'stemmed') return words(text).map((word) => stemmer(word));
  if (sub === 'prefix') return words(text).map((word) => word.slice(0, PREFIX_MAX_CHARS));
  return words(text);
}

/** Damerau–Levenshtein (optimal string alignment) distance, as Lucene's fuzzy automata count. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

const autoEdits = (token: string) => (token.length < 3 ? 0 : token.length < 6 ? 1 : 2);

function matchScore(doc: Doc, match: Record<string, unknown>): number | null {
  const [[path, spec]] = Object.entries(match);
  const { query, fuzziness } = spec as estypes.QueryDslMatchQuery;
  const indexed = indexTokens(doc, path);
  const matched = queryTokens(path, String(query)).every((token) =>
    fuzziness === 'AUTO'
      ? indexed.some((word) => distance(token, word) <= autoEdits(token))
      : indexed.includes(token),
  );
  return matched ? 1 : null;
}

function termMatches(doc: Doc, field: string, value: unknown): boolean {
  return values(doc, field).some((stored) => stored === value);
}

function evaluate(query: Query, doc: Doc): number | null {
  if (!query) throw new Error('an empty query container');
  if (query.match_all) return 1;
  if (query.match_none) return null;
  if (query.constant_score) {
    const { filter, boost } = query.constant_score;
    return evaluate(filter, doc) === null ? null : (boost ?? 1);
  }
  if (query.dis_max) {
    const scores = query.dis_max.queries
      .map((q) => evaluate(q, doc))
      .filter((s): s is number => s !== null);
    if (scores.length === 0) return null;
    const max = Math.max(...scores);
    const sum = scores.reduce((a, b) => a + b, 0);
    return max + (query.dis_max.tie_breaker ?? 0) * (sum - max);
  }
  if (query.bool) {
    const { must, should, filter, must_not: mustNot, minimum_should_match: msm } = query.bool;
    let total = 0;
    for (const clause of asArray(must)) {
      const score = evaluate(clause, doc);
      if (score === null) return null;
      total += score;
    }
    if (asArray(filter).some((clause) => evaluate(clause, doc) === null)) return null;
    if (asArray(mustNot).some((clause) => evaluate(clause, doc) !== null)) return null;
    const shouldScores = asArray(should)
      .map((clause) => evaluate(clause, doc))
      .filter((s): s is number => s !== null);
    const required =
      msm !== undefined ? Number(msm) : asArray(must).length + asArray(filter).length ? 0 : 1;
    if (shouldScores.length < required) return null;
    return total + shouldScores.reduce((a, b) => a + b, 0);
  }
  if (query.function_score && !Array.isArray(query.function_score)) {
    const fs = query.function_score;
    const base = evaluate(fs.query ?? { match_all: {} }, doc);
    if (base === null) return null;
    let factor = 0;
    for (const fn of fs.functions ?? []) {
      if (fn.filter && evaluate(fn.filter, doc) === null) continue;
      let value = 1;
      if (fn.field_value_factor) {
        const { field, missing, modifier } = fn.field_value_factor;
        const raw = values(doc, field)[0];
        const x = typeof raw === 'number' ? raw : (missing ?? 0);
        expect(modifier).toBe('log1p');
        value = Math.log10(1 + x);
      }
      factor += value * (fn.weight ?? 1);
    }
    expect([fs.score_mode, fs.boost_mode]).toEqual(['sum', 'multiply']);
    return base * factor;
  }
  if (query.term) {
    const [[field, value]] = Object.entries(query.term);
    const wanted = value && typeof value === 'object' && 'value' in value ? value.value : value;
    return termMatches(doc, field, wanted) ? 1 : null;
  }
  if (query.terms) {
    const [[field, wanted]] = Object.entries(query.terms);
    return asArray(wanted as unknown[]).some((value) => termMatches(doc, field, value)) ? 1 : null;
  }
  if (query.match) return matchScore(doc, query.match);
  throw new Error(`the model does not know ${Object.keys(query).join(', ')}`);
}

const DOCS = RELEVANCE_DOCUMENTS.map(toElasticsearchSource);

function ranked(request: SearchRequest, mode: MatchMode) {
  const query = elasticsearchSearchBody(request, mode).query ?? { match_all: {} };
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return DOCS.flatMap((doc) => {
    const score = evaluate(query, doc);
    return score === null ? [] : [{ fqn: doc.fqn, name: doc.name, type: doc.type, score }];
  }).sort(
    (a, b) =>
      b.score - a.score ||
      order(foldText(a.name), foldText(b.name)) ||
      order(a.fqn, b.fqn) ||
      order(a.type, b.type),
  );
}

function search(request: SearchRequest) {
  const and = ranked(request, 'and');
  return shouldFallBackToOr(request, 'and', and.length) ? ranked(request, 'or') : and;
}

describe('the query model over the relevance fixture', () => {
  it.each(RELEVANCE_CASES.map((c) => [JSON.stringify(c.request), c] as const))(
    'ranks the expected document first for %s',
    (_label, relevanceCase) => {
      const hits = search(parseSearchRequest(relevanceCase.request));
      const top = hits.slice(0, 3).map((hit) => `${hit.fqn} ${hit.score.toFixed(2)}`);
      expect([hits[0]?.fqn, top]).toEqual([relevanceCase.first, top]);
    },
  );

  it('finds every document for the empty query, and each filter narrows it', () => {
    expect(search(parseSearchRequest({ query: '' }))).toHaveLength(DOCS.length);
    const marts = search(
      parseSearchRequest({
        types: ['table', 'view'],
        filters: [
          { field: 'schema', values: ['marts'] },
          { field: 'tier', values: ['Tier.Tier1'] },
        ],
      }),
    );
    expect(marts.map((hit) => hit.name).sort()).toEqual([
      'cart_abandonment',
      'conversion_rate_daily',
      'customer_lifetime_value',
      'valid_orders',
    ]);
    const owned = search(
      parseSearchRequest({
        query: 'customer',
        types: ['table'],
        filters: [{ field: 'owner', values: ['analytics'] }],
      }),
    );
    expect(owned.map((hit) => hit.name)).toEqual(['customer_lifetime_value']);
    expect(search(parseSearchRequest({ query: 'zeppelin' }))).toEqual([]);
  });

  it('falls back to any word when no document has them all', () => {
    const request = parseSearchRequest({ query: 'clickstream zeppelin' });
    expect(ranked(request, 'and')).toEqual([]);
    expect(search(request)[0]?.name).toBe('events');
  });
});
