import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  parseSearchRequest,
  SearchInputError,
  type ReindexProgress,
  type SearchIndex,
  type SearchResult,
} from '@almanac/search';
import { Coalescer } from '../../common/coalescer.js';
import { DomainError } from '../../common/domain-error.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { JOB_QUEUE } from '../../jobs/job-queue.token.js';
import { ChangeEventPublisher } from '../events/change-event.publisher.js';
import { LOGGER, type AppLogger } from '../ops/logger.js';
import { SearchDocumentsRepository, type EntityKey } from './search-documents.repository.js';
import { SEARCH_INDEX } from './search.tokens.js';

/**
 * Changes that arrive together are indexed together: one read of the catalog, one write. The wait
 * is short because the job queue bounds how many changes can arrive at once; changes that come
 * while a batch is being written go together in the next one.
 */
const CHANGE_BATCH = { maxBatch: 200, maxWaitMs: 2 };

/** Keeps the search index in step with the catalog and answers searches. */
@Injectable()
export class SearchService implements OnApplicationBootstrap {
  private readonly changes = new Coalescer<EntityKey, void>(async (keys) => {
    await this.indexEntities(keys);
    return keys.map(() => ({ status: 'fulfilled', value: undefined }));
  }, CHANGE_BATCH);

  constructor(
    @Inject(SEARCH_INDEX) private readonly index: SearchIndex,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    private readonly documents: SearchDocumentsRepository,
    private readonly publisher: ChangeEventPublisher,
    @Inject(LOGGER) private readonly logger: AppLogger,
  ) {}

  async search(input: unknown): Promise<SearchResult> {
    let request;
    try {
      request = parseSearchRequest(input);
    } catch (error) {
      if (error instanceof SearchInputError) throw new DomainError('BAD_INPUT', error.message);
      throw error;
    }
    return this.index.search(request);
  }

  /** Indexes every change to the catalog through the change-event jobs, and rebuilds on demand. */
  register(): void {
    this.publisher.onEntityChanged((change) =>
      this.changes.submit({ type: change.entityType, fqn: change.fqn }),
    );
    this.jobs.registerHandler('search.reindex', async () => {
      await this.reindex();
    });
  }

  /**
   * An empty index next to a catalog (a new deployment, a new Elasticsearch) is rebuilt. A search
   * backend that is down does not stop the API: /healthz reports it, and searches fail with the
   * reason until it is back (then run `almanac search reindex`).
   */
  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.index.prepare();
      const indexed = await this.index.search(parseSearchRequest({ first: 1 }));
      if (indexed.total === 0) await this.jobs.enqueue('search.reindex', { reason: 'index empty' });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn({ driver: this.index.driver, reason }, 'search index not prepared');
    }
  }

  /** Re-reads the given entities (a table with its columns) and updates or removes their documents. */
  async indexEntities(keys: readonly EntityKey[]): Promise<void> {
    const unique = [...new Map(keys.map((key) => [`${key.type}:${key.fqn}`, key])).values()];
    const { live, gone } = await this.documents.load(unique);
    await this.index.remove(gone);
    await this.index.upsert(live);
  }

  /** Rebuilds the whole index from the catalog; searches are answered from the old one meanwhile. */
  reindex(progress?: ReindexProgress): Promise<number> {
    return this.index.reindex(this.documents.all(), progress);
  }
}
