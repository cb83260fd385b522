import { searchIndexContract } from '@almanac/search/contract';
import { PostgresSearchIndex } from '../src/modules/search/postgres-search.index.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const databases = new Map<PostgresSearchIndex, TestDatabase>();

searchIndexContract('postgres', {
  async create() {
    const database = await createTestDatabase();
    const index = new PostgresSearchIndex(database.db);
    databases.set(index, database);
    return index;
  },
  async destroy(index) {
    await databases.get(index as PostgresSearchIndex)?.drop();
  },
});
