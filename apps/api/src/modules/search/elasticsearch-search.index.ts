import { Client, errors, Transport, type TransportOptions } from '@elastic/elasticsearch';
import {
  bulkFailures,
  chunked,
  concreteIndexName,
  deleteOperations,
  ELASTICSEARCH_INDEX_DEFINITION,
  elasticsearchSearchBody,
  elasticsearchSearchResult,
  indexOperations,
  MAPPING_VERSION,
  mappingVersionOf,
  operationsOfItems,
  searchAliasName,
  shouldFallBackToOr,
  type BulkOperation,
  type ElasticsearchSource,
  type MatchMode,
  type ReindexProgress,
  type SearchDocument,
  type SearchIndex,
  type SearchRequest,
  type SearchResult,
} from '@almanac/search';

export interface ElasticsearchSearchIndexOptions {
  /** Prefix of the alias and its indices: `almanac-` (the default) gives the alias `almanac-search`. */
  indexPrefix?: string;
  /** Documents per bulk request. */
  bulkDocuments?: number;
}

const DEFAULT_INDEX_PREFIX = 'almanac-';
const DEFAULT_BULK_DOCUMENTS = 500;
/** Bulk items the cluster pushed back (429) are sent again this many times, backing off. */
const BULK_RETRIES = 4;
const BULK_BACKOFF_MS = 250;
const HEALTH_TIMEOUT_MS = 5_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The v9 client asks for the v9 REST API, which an 8.x cluster refuses (media_type_header_exception).
 * Asking for v8 compatibility is answered by 8.x and 9.x clusters alike, and the requests this driver
 * sends mean the same in both.
 */
class CompatibleWith8Transport extends Transport {
  constructor(options: TransportOptions) {
    super({
      ...options,
      vendoredHeaders: {
        jsonContentType: 'application/vnd.elasticsearch+json; compatible-with=8',
        ndjsonContentType: 'application/vnd.elasticsearch+x-ndjson; compatible-with=8',
        accept: 'application/vnd.elasticsearch+json; compatible-with=8,text/plain',
      },
    });
  }
}

/** Error text without credentials that a URL in it may carry. */
function describe(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.replace(/\/\/[^/\s@]+@/g, '//');
}

const isNotFound = (error: unknown) =>
  error instanceof errors.ResponseError && error.statusCode === 404;

/**
 * The Elasticsearch driver of the search port. Searches and writes go through an alias; a reindex
 * fills a new concrete index and swaps the alias to it in one atomic step, so searches never see a
 * half-built index.
 */
export class ElasticsearchSearchIndex implements SearchIndex {
  readonly driver = 'elasticsearch' as const;
  /** The alias searches and writes use. */
  readonly alias: string;
  private readonly bulkDocuments: number;
  /** The index a reindex in this process is filling: writes go there too, so none is lost. */
  private building: string | null = null;
  /** Why the served index is out of date, when it was built with older mappings. */
  private staleMapping: string | null = null;

  constructor(
    private readonly client: Client,
    options: ElasticsearchSearchIndexOptions = {},
  ) {
    this.alias = searchAliasName(options.indexPrefix ?? DEFAULT_INDEX_PREFIX);
    this.bulkDocuments = options.bulkDocuments ?? DEFAULT_BULK_DOCUMENTS;
  }

  async prepare(): Promise<void> {
    if (await this.client.indices.existsAlias({ name: this.alias })) {
      await this.checkMappingVersion();
      return;
    }
    const index = concreteIndexName(this.alias, new Date());
    try {
      await this.client.indices.create({
        index,
        ...ELASTICSEARCH_INDEX_DEFINITION,
        aliases: { [this.alias]: { is_write_index: true } },
      });
    } catch (error) {
      // Another instance prepared the index at the same moment: use its.
      if (await this.client.indices.existsAlias({ name: this.alias })) return;
      throw error;
    }
  }

  async upsert(documents: readonly SearchDocument[]): Promise<void> {
    for (const target of this.writeTargets()) {
      for (const batch of chunked(documents, this.bulkDocuments)) {
        await this.bulk(indexOperations(target, batch));
      }
    }
  }

  async remove(keys: readonly Pick<SearchDocument, 'type' | 'fqn'>[]): Promise<void> {
    for (const target of this.writeTargets()) {
      for (const batch of chunked(keys, this.bulkDocuments)) {
        await this.bulk(deleteOperations(target, batch));
      }
    }
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    let mode: MatchMode = 'and';
    let result = await this.searchOnce(request, mode);
    if (shouldFallBackToOr(request, mode, result.total)) {
      mode = 'or';
      result = await this.searchOnce(request, mode);
    }
    return result;
  }

  async reindex(
    batches: AsyncIterable<readonly SearchDocument[]>,
    progress?: ReindexProgress,
  ): Promise<number> {
    const index = concreteIndexName(this.alias, new Date());
    await this.client.indices.create({
      index,
      mappings: ELASTICSEARCH_INDEX_DEFINITION.mappings,
      // No refreshes while loading: the index is searched only once it is complete.
      settings: { ...ELASTICSEARCH_INDEX_DEFINITION.settings, refresh_interval: '-1' },
    });
    let swapped = false;
    this.building = index;
    try {
      let indexed = 0;
      for await (const documents of batches) {
        for (const batch of chunked(documents, this.bulkDocuments)) {
          await this.bulk(indexOperations(index, batch));
        }
        indexed += documents.length;
        progress?.(indexed);
      }
      await this.client.indices.putSettings({ index, settings: { refresh_interval: '1s' } });
      await this.client.indices.refresh({ index });
      const previous = await this.aliasTargets();
      await this.client.indices.updateAliases({
        actions: [
          ...previous.map((old) => ({ remove: { index: old, alias: this.alias } })),
          { add: { index, alias: this.alias, is_write_index: true } },
        ],
      });
      swapped = true;
      this.building = null;
      this.staleMapping = null;
      await this.deleteIndices(previous);
      const { count } = await this.client.count({ index });
      return count;
    } finally {
      this.building = null;
      if (!swapped) await this.deleteIndices([index]).catch(() => undefined);
    }
  }

  async refresh(): Promise<void> {
    await this.client.indices.refresh({ index: this.alias });
  }

  async health(): Promise<{ up: boolean; detail: string }> {
    try {
      const health = await this.client.cluster.health(
        {},
        { requestTimeout: HEALTH_TIMEOUT_MS, maxRetries: 0 },
      );
      const detail = [
        `cluster ${health.cluster_name} is ${health.status}`,
        ...(this.staleMapping ? [this.staleMapping] : []),
      ].join('; ');
      return { up: health.status !== 'red', detail };
    } catch (error) {
      return { up: false, detail: `Elasticsearch is unreachable: ${describe(error)}` };
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /** Deletes the alias and every index this driver made behind it (for tests and teardown). */
  async drop(): Promise<void> {
    const pattern = `${this.alias}-v*`;
    const found = await this.client.indices.get({
      index: pattern,
      allow_no_indices: true,
      ignore_unavailable: true,
    });
    const ours = Object.keys(found).filter((name) => mappingVersionOf(this.alias, name) !== null);
    await this.deleteIndices(ours);
  }

  private writeTargets(): string[] {
    return this.building ? [this.alias, this.building] : [this.alias];
  }

  private async searchOnce(request: SearchRequest, mode: MatchMode): Promise<SearchResult> {
    const response = await this.client.search<Partial<ElasticsearchSource>>({
      index: this.alias,
      ...elasticsearchSearchBody(request, mode),
    });
    return elasticsearchSearchResult(request, response);
  }

  /** Sends operations, sending again what the cluster pushed back, and fails on anything else. */
  private async bulk(operations: BulkOperation[]): Promise<void> {
    let pending = operations;
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      const response = await this.client.bulk({ operations: pending });
      const { retryable, failed } = bulkFailures(response);
      if (failed.length > 0 || (retryable.length > 0 && attempt >= BULK_RETRIES)) {
        const all = [...failed, ...retryable];
        const examples = all
          .slice(0, 3)
          .map((f) => `${f.id ?? '?'} (${f.status}) ${f.reason}`)
          .join('; ');
        throw new Error(`Elasticsearch refused ${all.length} search documents: ${examples}`);
      }
      if (retryable.length === 0) return;
      await sleep(BULK_BACKOFF_MS * 2 ** attempt);
      pending = operationsOfItems(
        pending,
        retryable.map((f) => f.item),
      );
    }
  }

  private async aliasTargets(): Promise<string[]> {
    try {
      return Object.keys(await this.client.indices.getAlias({ name: this.alias }));
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
  }

  private async checkMappingVersion(): Promise<void> {
    const outdated = (await this.aliasTargets()).filter(
      (index) => mappingVersionOf(this.alias, index) !== MAPPING_VERSION,
    );
    this.staleMapping =
      outdated.length > 0
        ? `${outdated.join(', ')} was not built with mapping v${MAPPING_VERSION}: reindex to apply it`
        : null;
  }

  private async deleteIndices(indices: readonly string[]): Promise<void> {
    if (indices.length === 0) return;
    await this.client.indices.delete({ index: [...indices], ignore_unavailable: true });
  }
}

/** The Elasticsearch search index at `url` (credentials may be part of it). */
export function createElasticsearchSearchIndex(
  url: string,
  options: ElasticsearchSearchIndexOptions = {},
): ElasticsearchSearchIndex {
  const client = new Client({
    node: url,
    Transport: CompatibleWith8Transport,
    requestTimeout: 30_000,
    maxRetries: 3,
  });
  return new ElasticsearchSearchIndex(client, options);
}
