import { filterValues, type FacetField, type SearchRequest } from '@almanac/search';

/**
 * SQL for the PostgreSQL search driver. User input only ever reaches PostgreSQL as bound
 * parameters; the text built here is structure chosen from validated enums.
 */

/** Rank weights for D (columns and tags), C (description), B (display name, synonyms), A (name). */
const RANK_WEIGHTS = '{0.1,0.3,0.6,1.0}';
/** An exact name match outranks any amount of matching text; an exact other name comes next. */
const EXACT_NAME_BONUS = 5;
const EXACT_ALIAS_BONUS = 3;

const vector = (text: string, weight: 'A' | 'B' | 'C' | 'D') =>
  `setweight(to_tsvector('english', almanac_fold(${text})), '${weight}') || ` +
  `setweight(to_tsvector('simple', almanac_fold(${text})), '${weight}')`;

const joined = (array: string) => `array_to_string(${array}, ' ')`;

/** Inserts or replaces documents given as one JSON array (see `toRow`) into `table`. */
export const upsertDocuments = (table: 'search_document' | 'search_document_next') => `
  INSERT INTO ${table} (
    doc_id, type, fqn, name, name_folded, display_name, description, synonyms, aliases_folded,
    column_names,
    column_descriptions, tags, glossary_terms, service, database_name, schema_name, owners, domain,
    tier, contains_pii, usage, boost, updated_at, document)
  SELECT d.doc_id, d.type, d.fqn, d.name, almanac_fold(d.name), d.display_name, d.description,
         d.synonyms,
         ARRAY(SELECT almanac_fold(alias) FROM unnest(array_append(d.synonyms, d.display_name)) AS alias
                WHERE alias IS NOT NULL),
         d.column_names, d.column_descriptions, d.tags, d.glossary_terms, d.service,
         d.database_name, d.schema_name, d.owners, d.domain, d.tier, d.contains_pii, d.usage, d.boost,
         d.updated_at,
         ${vector('d.name', 'A')} ||
         ${vector(`coalesce(d.display_name, '') || ' ' || ${joined('d.synonyms')}`, 'B')} ||
         ${vector('d.description', 'C')} ||
         ${vector(
           `${joined('d.column_names')} || ' ' || ${joined('d.column_descriptions')} || ' ' || ` +
             `${joined('d.tags')} || ' ' || ${joined('d.glossary_terms')}`,
           'D',
         )}
    FROM jsonb_to_recordset($1::jsonb) AS d(
      doc_id text, type text, fqn text, name text, display_name text, description text,
      synonyms text[], column_names text[], column_descriptions text[], tags text[],
      glossary_terms text[], service text, database_name text, schema_name text, owners text[],
      domain text, tier text, contains_pii boolean, usage double precision, boost real,
      updated_at timestamptz)
  ON CONFLICT (doc_id) DO UPDATE SET
    name = EXCLUDED.name, name_folded = EXCLUDED.name_folded,
    display_name = EXCLUDED.display_name, description = EXCLUDED.description,
    synonyms = EXCLUDED.synonyms, aliases_folded = EXCLUDED.aliases_folded,
    column_names = EXCLUDED.column_names,
    column_descriptions = EXCLUDED.column_descriptions, tags = EXCLUDED.tags,
    glossary_terms = EXCLUDED.glossary_terms, service = EXCLUDED.service,
    database_name = EXCLUDED.database_name, schema_name = EXCLUDED.schema_name,
    owners = EXCLUDED.owners, domain = EXCLUDED.domain, tier = EXCLUDED.tier,
    contains_pii = EXCLUDED.contains_pii, usage = EXCLUDED.usage, boost = EXCLUDED.boost,
    updated_at = EXCLUDED.updated_at, document = EXCLUDED.document`;

/** Remembers indexed words, so that a misspelt query word can be corrected to one of them. */
export const ADD_TERMS = `
  INSERT INTO search_term (term) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`;

/** For each query word the index does not know, the closest word it does know, if any is close. */
export const CORRECT_TERMS = `
  SELECT q.term,
         (SELECT t.term FROM search_term t
           WHERE t.term % q.term ORDER BY similarity(t.term, q.term) DESC, t.term LIMIT 1) AS correction
    FROM unnest($1::text[]) AS q(term)
   WHERE length(q.term) >= 4
     AND NOT EXISTS (SELECT 1 FROM search_term t WHERE t.term = q.term)`;

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
  correction: string | null;
}

/** One query word: its English stem, a prefix of a plain word, or the corrected word. */
function termQuery(term: QueryTerm, params: Params): string {
  const word = params.add(term.term);
  const alternatives = [`to_tsquery('english', ${word})`, `to_tsquery('simple', ${word} || ':*')`];
  if (term.correction) alternatives.push(`to_tsquery('simple', ${params.add(term.correction)})`);
  return `(${alternatives.join(' || ')})`;
}

/** Every word must match (`and`), or any (`or`, the fallback when all of them find nothing). */
export function tsQuery(terms: readonly QueryTerm[], mode: 'and' | 'or', params: Params): string {
  return terms.map((term) => termQuery(term, params)).join(mode === 'and' ? ' && ' : ' || ');
}

const SCALAR_FILTERS: Partial<Record<FacetField, string>> = {
  type: 'type',
  service: 'service',
  database: 'database_name',
  schema: 'schema_name',
  domain: 'domain',
  tier: 'tier',
};

const ARRAY_FILTERS: Partial<Record<FacetField, string>> = {
  tag: 'tags',
  glossaryTerm: 'glossary_terms',
  owner: 'owners',
};

/** The filter conditions: values of one field combine with OR, fields with AND. */
export function filterConditions(request: SearchRequest, params: Params): string[] {
  const conditions: string[] = [];
  if (request.types.length > 0) conditions.push(`type = ANY(${params.add(request.types)}::text[])`);
  for (const [field, column] of Object.entries(SCALAR_FILTERS)) {
    const values = filterValues(request, field as FacetField);
    if (values.length > 0) conditions.push(`${column} = ANY(${params.add(values)}::text[])`);
  }
  for (const [field, column] of Object.entries(ARRAY_FILTERS)) {
    const values = filterValues(request, field as FacetField);
    if (values.length > 0) conditions.push(`${column} && ${params.add(values)}::text[]`);
  }
  const pii = filterValues(request, 'containsPii');
  if (pii.length > 0) {
    conditions.push(`contains_pii = ANY(${params.add(pii.map((v) => v === 'true'))}::boolean[])`);
  }
  return conditions;
}

const ORDER_BY: Record<SearchRequest['sort'], string> = {
  relevance: 'score DESC, name COLLATE "C", fqn COLLATE "C"',
  name: 'name COLLATE "C", fqn COLLATE "C"',
  updated: 'updated_at DESC, name COLLATE "C", fqn COLLATE "C"',
};

// Scalar facets in one pass over the matches (grouping sets), array facets by unnesting.
const FACET_COUNTS = `
    SELECT CASE
             WHEN GROUPING(type) = 0 THEN 'type' WHEN GROUPING(service) = 0 THEN 'service'
             WHEN GROUPING(database_name) = 0 THEN 'database'
             WHEN GROUPING(schema_name) = 0 THEN 'schema' WHEN GROUPING(domain) = 0 THEN 'domain'
             WHEN GROUPING(tier) = 0 THEN 'tier' ELSE 'containsPii' END AS field,
           coalesce(type, service, database_name, schema_name, domain, tier, contains_pii::text) AS value,
           count(*)::int AS count
      FROM matched
     GROUP BY GROUPING SETS ((type), (service), (database_name), (schema_name), (domain), (tier),
                             (contains_pii))
    UNION ALL
    SELECT field, value, count(*)::int FROM (
      SELECT 'tag' AS field, unnest(tags) AS value FROM matched WHERE tags <> '{}'
      UNION ALL SELECT 'glossaryTerm', unnest(glossary_terms) FROM matched WHERE glossary_terms <> '{}'
      UNION ALL SELECT 'owner', unnest(owners) FROM matched WHERE owners <> '{}'
    ) AS labels GROUP BY field, value`;

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
      `(ts_rank('${RANK_WEIGHTS}', document, q.tsq) + ` +
      `CASE WHEN name_folded IN (${exact}, replace(${exact}, ' ', '_')) THEN ${EXACT_NAME_BONUS} ` +
      `WHEN ${exact} = ANY(aliases_folded) THEN ${EXACT_ALIAS_BONUS} ELSE 0 END) * boost`;
  }
  const tsq = statement.tsquery ?? `''::tsquery`;
  return `
    WITH q AS (SELECT ${tsq} AS tsq),
    matched AS MATERIALIZED (
      SELECT doc_id, type, fqn, name, service, database_name, schema_name, tags, glossary_terms,
             owners, domain, tier, contains_pii, updated_at, ${score} AS score
        FROM search_document, q
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ),
    ranked AS (
      SELECT doc_id, score, name, fqn, updated_at
        FROM matched ORDER BY ${ORDER_BY[statement.sort]}
       LIMIT ${params.add(statement.limit)} OFFSET ${params.add(statement.offset)}
    ),
    page AS (
      SELECT d.type, r.fqn, r.name, d.display_name, d.description, d.column_names, d.synonyms,
             r.score, r.updated_at
        FROM ranked r JOIN search_document d USING (doc_id)
    ),
    facet_counts AS (
      SELECT field, value, count,
             row_number() OVER (PARTITION BY field ORDER BY count DESC, value COLLATE "C") AS rank
        FROM (${FACET_COUNTS}) AS counted
       WHERE value IS NOT NULL
    )
    SELECT (SELECT count(*)::int FROM matched) AS total,
           (SELECT coalesce(json_agg(page ORDER BY ${ORDER_BY[statement.sort]}), '[]') FROM page) AS hits,
           (SELECT coalesce(json_agg(f ORDER BY f.field, f.rank), '[]')
              FROM facet_counts f WHERE f.rank <= ${params.add(statement.facetBuckets)}) AS facets`;
}
