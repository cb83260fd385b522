import type { SearchIndex } from '@almanac/search';
import type { AppConfig } from '../../config/config.js';
import type { Database } from '../../database/sql-executor.js';
import { createElasticsearchSearchIndex } from './elasticsearch-search.index.js';
import { PostgresSearchIndex } from './postgres-search.index.js';

/** The search driver the configuration asks for: PostgreSQL unless ELASTICSEARCH_URL is set. */
export function createSearchIndex(config: AppConfig, database: Database): SearchIndex {
  return config.elasticsearchUrl
    ? createElasticsearchSearchIndex(config.elasticsearchUrl)
    : new PostgresSearchIndex(database);
}
