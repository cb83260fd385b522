import { FACET_FIELDS, filterValues, type FacetField, type SearchRequest } from '@almanac/search';

/**
 * SQL for the PostgreSQL search driver. User input only ever reaches PostgreSQL as bound
 * parameters; the text built here is structure chosen from validated enums.
 */

/** Rank weights for D (columns and tags), C (description), B (display name, synonyms), A (name). */
const RANK_WEIGHTS = '{0.1,0.3,0.6,1.0}';
/** An exact name match outranks any amount of matching text; an exact other name comes next. */
const EXACT_NAME_BONUS = 5;
const EXACT_ALIAS_BONUS = 3;
/**
 * Every match scores at least this, so that tier and usage still order the documents that match
 * only through their columns' text (which ranking does not read, see `rank_vector`).
 */
const MATCH_FLOOR = 0.01;

const vector = (text: string, weight: 'A' | 'B' | 'C' | 'D') =>
  `setweight(to_tsvector('english', almanac_fold(${text})), '${weight}') || ` +
  `setweight(to_tsvector('simple', almanac_fold(${text})), '${weight}')`;

const joined = (array: string) => `array_to_string(${array}, ' ')`;

const NAME_TEXT = vector('d.name', 'A');
const ALIAS_TEXT = vector(`coalesce(d.display_name, '') || ' ' || ${joined('d.synonyms')}`, 'B');
const DESCRIPTION_TEXT = vector('d.description', 'C');
const LABEL_TEXT = vector(`${joined('d.tags')} || ' ' || ${joined('d.glossary_terms')}`, 'D');
const COLUMN_TEXT = vector(
  `${joined('d.column_names')} || ' ' || ${joined('d.column_descriptions')}`,
  'D',
);
const RANKED_TEXT = `${NAME_TEXT} || ${ALIAS_TEXT} || ${DESCRIPTION_TEXT} || ${LABEL_TEXT}`;
const nullIfEmpty = (array: string) => `nullif(${array}, '{}')`;

/** Adds the facet values of a batch to the dictionary, in order, so concurrent batches never deadlock. */
export const ADD_FACET_VALUES = `
  INSERT INTO search_facet_value (key)
  SELECT DISTINCT key FROM unnest($1::text[]) AS key ORDER BY key
  ON CONFLICT DO NOTHING`;

/** Inserts or replaces documents given as one JSON array (see `toRow`) into `table`. */
export const upsertDocuments = (table: 'search_document' | 'search_document_next') => `
  INSERT INTO ${table} (
    doc_id, type, name, name_folded, display_name, description, synonyms, aliases_folded,
    column_names, column_descriptions, boost, updated_at, facet_ids, document, rank_vector)
  SELECT d.doc_id, d.type, d.name, almanac_fold(d.name), d.display_name, d.description,
         ${nullIfEmpty('d.synonyms')},
         ${nullIfEmpty(`ARRAY(SELECT almanac_fold(alias)
                               FROM unnest(array_append(d.synonyms, d.display_name)) AS alias
                              WHERE alias IS NOT NULL)`)},
         ${nullIfEmpty('d.column_names')}, ${nullIfEmpty('d.column_descriptions')}, d.boost,
         d.updated_at,
         ARRAY(SELECT v.id FROM search_facet_value v WHERE v.key = ANY(d.facet_keys) ORDER BY v.id),
         ${RANKED_TEXT} || ${COLUMN_TEXT},
         CASE WHEN cardinality(d.column_names) > 0 THEN ${RANKED_TEXT} END
    FROM jsonb_to_recordset($1::jsonb) AS d(
      doc_id text, type text, name text, display_name text, description text,
      synonyms text[], column_names text[], column_descriptions text[], tags text[],
      glossary_terms text[], boost real, updated_at timestamptz, facet_keys text[])
  ON CONFLICT (doc_id) DO UPDATE SET
    name = EXCLUDED.name, name_folded = EXCLUDED.name_folded,
    display_name = EXCLUDED.display_name, description = EXCLUDED.description,
    synonyms = EXCLUDED.synonyms, aliases_folded = EXCLUDED.aliases_folded,
    column_names = EXCLUDED.column_names, column_descriptions = EXCLUDED.column_descriptions,
    boost = EXCLUDED.boost, updated_at = EXCLUDED.updated_at, facet_ids = EXCLUDED.facet_ids,
    document = EXCLUDED.document, rank_vector = EXCLUDED.rank_vector`;

/** The rebuilt table's (type, name) index, which `CLUSTER` puts its rows in the order of. */
export const NAME_ORDER_INDEX = `
  SELECT quote_ident(i.relname) AS name
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
   WHERE x.indrelid = 'search_document_next'::regclass
     AND pg_get_indexdef(x.indexrelid) LIKE '%USING btree (type, name)'`;

/** Remembers indexed words, so that a misspelt query word can be corrected to one of them. */
export const ADD_TERMS = `
  INSERT INTO search_term (term) SELECT term FROM unnest($1::text[]) AS term ORDER BY term
  ON CONFLICT DO NOTHING`;

/**
 * For each query word: whether the index holds it as a word, and if not (and it has four letters
 * or more), the closest word it does hold, if any is close.
 */
export const CORRECT_TERMS = `
  SELECT q.term, k.known,
         CASE WHEN NOT k.known AND length(q.term) >= 4 THEN
           (SELECT t.term FROM search_term t
             WHERE t.term % q.term ORDER BY similarity(t.term, q.term) DESC, t.term LIMIT 1)
         END AS correction
    FROM unnest($1::text[]) AS q(term)
   CROSS JOIN LATERAL (
     SELECT EXISTS (SELECT 1 FROM search_term t WHERE t.term = q.term) AS known) AS k`;

/** Collects bound parameters and hands out their placeholders. */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export interface QueryTerm {
  term: string;
  /** Whether the index holds the word as a whole word. */
  known: boolean;
  correction: string | null;
}

/** Words shorter than this are only ever matched whole, unless they are the last word. */
const MIN_PREFIX_LENGTH = 3;

/**
 * The last word may be the beginning of a word (the user is still typing it), and so may an
 * earlier word the index does not know (`sal product`). Known words are matched whole: expanding
 * a prefix costs a scan of the index per word.
 */
const matchesAsPrefix = (term: QueryTerm, isLast: boolean) =>
  isLast || (!term.known && term.term.length >= MIN_PREFIX_LENGTH);

/** One query word: its English stem, the plain word (or its beginning), or the corrected word. */
function termQuery(term: QueryTerm, isLast: boolean, params: Params): string {
  const word = params.add(term.term);
  const plain = matchesAsPrefix(term, isLast) ? `${word} || ':*'` : word;
  const alternatives = [`to_tsquery('english', ${word})`, `to_tsquery('simple', ${plain})`];
  if (term.correction) alternatives.push(`to_tsquery('simple', ${params.add(term.correction)})`);
  return `(${alternatives.join(' || ')})`;
}

/** Every word must match (`and`), or any (`or`, the fallback when all of them find nothing). */
export function tsQuery(terms: readonly QueryTerm[], mode: 'and' | 'or', params: Params): string {
  return terms
    .map((term, index) => termQuery(term, index === terms.length - 1, params))
    .join(mode === 'and' ? ' && ' : ' || ');
}

/** The dictionary key of one facet value, as `facetKeys` writes it. */
export const facetKey = (field: FacetField, value: string) => `${field}:${value}`;

const matchesAnyOf = (keys: string[], params: Params) =>
  `facet_ids && ARRAY(SELECT id FROM search_facet_value WHERE key = ANY(${params.add(keys)}::text[]))`;

/** The filter conditions: values of one field combine with OR, fields with AND. */
export function filterConditions(request: SearchRequest, params: Params): string[] {
  const conditions: string[] = [];
  if (request.types.length > 0) {
    conditions.push(
      matchesAnyOf(
        request.types.map((type) => facetKey('type', type)),
        params,
      ),
    );
  }
  for (const field of FACET_FIELDS) {
    const values = filterValues(request, field);
    if (values.length > 0) {
      conditions.push(
        matchesAnyOf(
          values.map((value) => facetKey(field, value)),
          params,
        ),
      );
    }
  }
  return conditions;
}

// Equal names are ordered by document id (`type:fqn`): the FQN is not kept apart, to keep rows small.
const ORDER_BY: Record<SearchRequest['sort'], string> = {
  relevance: 'score DESC, name COLLATE "C", doc_id COLLATE "C"',
  name: 'name COLLATE "C", doc_id COLLATE "C"',
  updated: 'updated_at DESC, name COLLATE "C", doc_id COLLATE "C"',
};

// Every facet in one grouped pass over the dictionary ids of the matches.
const FACET_COUNTS = `
    SELECT split_part(v.key, ':', 1) AS field, substr(v.key, strpos(v.key, ':') + 1) AS value,
           c.count
      FROM (SELECT id, count(*)::int AS count
              FROM (SELECT unnest(facet_ids) AS id FROM matched) AS ids GROUP BY id) AS c
      JOIN search_facet_value v USING (id)`;

export interface SearchStatement {
  /** The tsquery expression, or null for an empty query (everything matches). */
  tsquery: string | null;
  exactName: string;
  conditions: string[];
  sort: SearchRequest['sort'];
  limit: number;
  offset: number;
  facetBuckets: number;
}

/** One round trip: the total, one page of hits and every facet's top buckets. */
export function searchStatement(statement: SearchStatement, params: Params): string {
  const where = [...statement.conditions];
  let score = 'boost';
  if (statement.tsquery !== null) {
    where.push('document @@ q.tsq');
    const exact = params.add(statement.exactName);
    score =
      `(ts_rank('${RANK_WEIGHTS}', coalesce(rank_vector, document), q.tsq) + ${MATCH_FLOOR} + ` +
      `CASE WHEN name_folded IN (${exact}, replace(${exact}, ' ', '_')) THEN ${EXACT_NAME_BONUS} ` +
      `WHEN ${exact} = ANY(aliases_folded) THEN ${EXACT_ALIAS_BONUS} ELSE 0 END) * boost`;
  }
  const tsq = statement.tsquery ?? `''::tsquery`;
  return `
    WITH q AS (SELECT ${tsq} AS tsq),
    matched AS MATERIALIZED (
      SELECT doc_id, name, updated_at, facet_ids, ${score} AS score
        FROM search_document, q
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ),
    ranked AS (
      SELECT doc_id, score, name, updated_at
        FROM matched ORDER BY ${ORDER_BY[statement.sort]}
       LIMIT ${params.add(statement.limit)} OFFSET ${params.add(statement.offset)}
    ),
    page AS (
      SELECT r.doc_id, d.type, substr(r.doc_id, strpos(r.doc_id, ':') + 1) AS fqn, r.name,
             d.display_name, d.description,
             coalesce(d.column_names, '{}') AS column_names, coalesce(d.synonyms, '{}') AS synonyms,
             r.score, r.updated_at
        FROM ranked r JOIN search_document d USING (doc_id)
    ),
    facet_counts AS (
      SELECT field, value, count,
             row_number() OVER (PARTITION BY field ORDER BY count DESC, value COLLATE "C") AS rank
        FROM (${FACET_COUNTS}) AS counted
    )
    SELECT (SELECT count(*)::int FROM matched) AS total,
           (SELECT coalesce(json_agg(page ORDER BY ${ORDER_BY[statement.sort]}), '[]') FROM page) AS hits,
           (SELECT coalesce(json_agg(f ORDER BY f.field, f.rank), '[]')
              FROM facet_counts f WHERE f.rank <= ${params.add(statement.facetBuckets)}) AS facets`;
}
