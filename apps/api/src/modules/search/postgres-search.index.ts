import {
  documentId,
  encodeCursor,
  decodeCursor,
  FACET_BUCKETS,
  FACET_FIELDS,
  foldText,
  highlight,
  queryTerms,
  type Facet,
  type FacetField,
  type Highlight,
  type ReindexProgress,
  type SearchDocument,
  type SearchHit,
  type SearchIndex,
  type SearchRequest,
  type SearchResult,
  type SearchType,
} from '@almanac/search';
import type { Database, SqlExecutor } from '../../database/sql-executor.js';
import {
  ADD_FACET_VALUES,
  ADD_TERMS,
  CORRECT_TERMS,
  filterConditions,
  NAME_ORDER_INDEX,
  Params,
  searchStatement,
  tsQuery,
  upsertDocuments,
  type QueryTerm,
} from './postgres-search.sql.js';
import { toRows, vocabulary } from './postgres-search.rows.js';

/** Query words past this many are ignored: they no longer change what ranks first. */
const MAX_QUERY_TERMS = 12;

interface HitRow {
  type: SearchType;
  fqn: string;
  name: string;
  display_name: string | null;
  description: string | null;
  column_names: string[];
  synonyms: string[];
  score: number;
}

interface ResultRow {
  total: number;
  hits: HitRow[];
  facets: { field: FacetField; value: string; count: number }[];
}

function highlightsOf(row: HitRow, terms: readonly string[]): Highlight[] {
  const fields: [string, string | null][] = [
    ['name', row.display_name ?? row.name],
    ['description', row.description],
    ['synonyms', row.synonyms.join(', ')],
    ['columns', row.column_names.join(', ')],
  ];
  return fields.flatMap(([field, text]) => {
    const fragment = text ? highlight(text, terms) : null;
    return fragment ? [{ field, fragments: [fragment] }] : [];
  });
}

function toHit(row: HitRow, terms: readonly string[]): SearchHit {
  return {
    fqn: row.fqn,
    type: row.type,
    name: row.name,
    displayName: row.display_name,
    description: row.description,
    score: Number(row.score),
    highlights: highlightsOf(row, terms),
  };
}

function toFacets(rows: ResultRow['facets']): Facet[] {
  return FACET_FIELDS.map((field) => ({
    field,
    buckets: rows
      .filter((row) => row.field === field)
      .map((row) => ({ value: row.value, count: row.count })),
  }));
}

/** Search on PostgreSQL full-text search, pg_trgm and unaccent: the default, embedded or not. */
export class PostgresSearchIndex implements SearchIndex {
  readonly driver = 'postgres';

  constructor(private readonly db: Database) {}

  async prepare(): Promise<void> {
    // The migrations create the tables; nothing else to set up.
  }

  async upsert(documents: readonly SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    await this.db.transaction((tx) => this.write(tx, documents));
  }

  async remove(keys: readonly Pick<SearchDocument, 'type' | 'fqn'>[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.query(`DELETE FROM search_document WHERE doc_id = ANY($1::text[])`, [
      keys.map(documentId),
    ]);
  }

  /**
   * Builds the new index in a table of its own, batch by batch, then swaps the two tables in one
   * short transaction: searches are answered from the old index until then, and nothing holds a
   * transaction open while the documents are read (embedded PostgreSQL runs one at a time).
   * Before the swap the rows are put in name order: the words that match the most documents are
   * mostly column names repeated across thousands of tables (`id`, `amount`, `created_at`), and in
   * name order their documents share pages, so a broad search reads far fewer of them.
   */
  async reindex(
    batches: AsyncIterable<readonly SearchDocument[]>,
    progress?: ReindexProgress,
  ): Promise<number> {
    await this.db.query(`DROP TABLE IF EXISTS search_document_next`);
    await this.db.query(`CREATE TABLE search_document_next (LIKE search_document INCLUDING ALL)`);
    let indexed = 0;
    for await (const batch of batches) {
      await this.db.transaction((tx) => this.write(tx, batch, 'search_document_next'));
      indexed += batch.length;
      progress?.(indexed);
    }
    await this.putInNameOrder();
    await this.db.transaction(async (tx) => {
      await tx.query(`ALTER TABLE search_document RENAME TO search_document_old`);
      await tx.query(`ALTER TABLE search_document_next RENAME TO search_document`);
      await tx.query(`DROP TABLE search_document_old`);
    });
    return indexed;
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const offset = decodeCursor(request.after);
    const terms = queryTerms(request.query).slice(0, MAX_QUERY_TERMS);
    const queryWords = await this.corrected(terms);
    let result = await this.run(request, queryWords, 'and', offset);
    if (result.total === 0 && terms.length > 1) {
      result = await this.run(request, queryWords, 'or', offset);
    }
    const highlightTerms = queryWords.flatMap((t) =>
      t.correction ? [t.term, t.correction] : [t.term],
    );
    const end = offset + result.hits.length;
    return {
      total: result.total,
      hits: result.hits.map((row) => toHit(row, highlightTerms)),
      facets: toFacets(result.facets),
      endCursor: end < result.total ? encodeCursor(end) : null,
    };
  }

  async refresh(): Promise<void> {
    // Committed writes are visible at once.
  }

  async health(): Promise<{ up: boolean; detail: string }> {
    try {
      const [row] = await this.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM search_document`,
      );
      return { up: true, detail: `postgres full-text, ${row?.n ?? 0} documents` };
    } catch (error) {
      return { up: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async close(): Promise<void> {
    // The database belongs to the application.
  }

  private async putInNameOrder(): Promise<void> {
    const [index] = await this.db.query<{ name: string }>(NAME_ORDER_INDEX);
    if (!index) throw new Error('search_document_next has no (type, name) index to order it by');
    await this.db.query(`CLUSTER search_document_next USING ${index.name}`);
    await this.db.query(`ANALYZE search_document_next`);
  }

  private async write(
    tx: SqlExecutor,
    documents: readonly SearchDocument[],
    table: 'search_document' | 'search_document_next' = 'search_document',
  ): Promise<void> {
    if (documents.length === 0) return;
    const rows = toRows(documents);
    await tx.query(ADD_FACET_VALUES, [rows.flatMap((row) => row.facet_keys)]);
    await tx.query(upsertDocuments(table), [JSON.stringify(rows)]);
    await tx.query(ADD_TERMS, [vocabulary(documents)]);
  }

  private async corrected(terms: readonly string[]): Promise<QueryTerm[]> {
    if (terms.length === 0) return [];
    const rows = await this.db.query<QueryTerm>(CORRECT_TERMS, [terms]);
    const byTerm = new Map(rows.map((row) => [row.term, row]));
    return terms.map((term) => byTerm.get(term) ?? { term, known: false, correction: null });
  }

  private async run(
    request: SearchRequest,
    terms: readonly QueryTerm[],
    mode: 'and' | 'or',
    offset: number,
  ): Promise<ResultRow> {
    const params = new Params();
    const sql = searchStatement(
      {
        tsquery: terms.length > 0 ? tsQuery(terms, mode, params) : null,
        exactName: foldText(request.query.trim()),
        conditions: filterConditions(request, params),
        sort: request.sort,
        limit: request.first,
        offset,
        facetBuckets: FACET_BUCKETS,
      },
      params,
    );
    const [row] = await this.db.query<ResultRow>(sql, params.values);
    return row ?? { total: 0, hits: [], facets: [] };
  }
}
