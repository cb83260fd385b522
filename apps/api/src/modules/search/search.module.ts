import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { DATABASE } from '../../database/database.tokens.js';
import type { Database } from '../../database/sql-executor.js';
import { createSearchIndex } from './create-search-index.js';
import { SearchDocumentsRepository } from './search-documents.repository.js';
import { SearchService } from './search.service.js';
import { SEARCH_INDEX } from './search.tokens.js';

/**
 * Search: the configured `SearchIndex` driver, kept in step with the catalog through change events.
 * The GraphQL resolver is registered with the others (graphql/resolvers.ts).
 */
@Module({
  providers: [
    {
      provide: SEARCH_INDEX,
      inject: [APP_CONFIG, DATABASE],
      useFactory: (config: AppConfig, database: Database) => createSearchIndex(config, database),
    },
    SearchDocumentsRepository,
    SearchService,
  ],
  exports: [SearchService],
})
export class SearchModule {}
