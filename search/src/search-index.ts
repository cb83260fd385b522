import type { SearchDocument } from './document.js';
import type { SearchRequest } from './request.js';
import type { SearchResult } from './result.js';

export type SearchDriver = 'postgres' | 'elasticsearch';

export interface ReindexProgress {
  (indexed: number): void;
}

/**
 * The search port. Both drivers pass the same contract suite: the same documents, queries,
 * filters, facets and the relevance list give the same answers.
 */
export interface SearchIndex {
  readonly driver: SearchDriver;
  /** Creates what the index needs (tables, indices, aliases); safe to call on every start. */
  prepare(): Promise<void>;
  /** Adds or replaces documents, by type and FQN. */
  upsert(documents: readonly SearchDocument[]): Promise<void>;
  /** Removes documents by type and FQN; unknown ones are ignored. */
  remove(keys: readonly Pick<SearchDocument, 'type' | 'fqn'>[]): Promise<void>;
  search(request: SearchRequest): Promise<SearchResult>;
  /**
   * Rebuilds the whole index from `batches` while searches keep being answered from the old one,
   * then switches over. Returns how many documents the new index holds.
   */
  reindex(
    batches: AsyncIterable<readonly SearchDocument[]>,
    progress?: ReindexProgress,
  ): Promise<number>;
  /** Makes every write so far visible to searches (Elasticsearch refreshes; PostgreSQL has nothing to do). */
  refresh(): Promise<void>;
  /** Up with a detail, or down with the reason. */
  health(): Promise<{ up: boolean; detail: string }>;
  close(): Promise<void>;
}
