import type { Command } from 'commander';
import { openDatabase } from '../bootstrap/runtime.js';
import { loadConfig } from '../config/config.js';
import { createSearchIndex } from '../modules/search/create-search-index.js';
import { SearchDocumentsRepository } from '../modules/search/search-documents.repository.js';
import { createLogger } from '../modules/ops/logger.js';
import { ProgressBar } from './progress-bar.js';

/** Rebuilds the configured search index from the catalog database, with a progress bar. */
async function reindex(): Promise<void> {
  const config = loadConfig();
  const { database, embedded } = await openDatabase(config, createLogger('warn'));
  const index = createSearchIndex(config, database);
  try {
    // The index layout is part of the schema: an upgrade's migrations come first.
    await database.migrate();
    const documents = new SearchDocumentsRepository(database);
    const total = await documents.count();
    const bar = new ProgressBar(total, `reindexing ${index.driver} search`);
    await index.prepare();
    const indexed = await index.reindex(documents.all(), (done) =>
      bar.update(done, `${done}/${total} documents`),
    );
    bar.finish(`${indexed} documents`);
  } finally {
    await index.close();
    await database.close();
    await embedded?.stop();
  }
}

export function registerSearchCommands(program: Command): void {
  program
    .command('search')
    .description('the search index')
    .command('reindex')
    .description(
      'rebuild the search index (PostgreSQL, or Elasticsearch when ELASTICSEARCH_URL is set) from the catalog; searches keep working meanwhile',
    )
    .action(reindex);
}
