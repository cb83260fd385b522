import { describe, it } from '@jest/globals';
import { searchIndexContract } from '@almanac/search/contract';
import {
  createElasticsearchSearchIndex,
  type ElasticsearchSearchIndex,
} from '../src/modules/search/elasticsearch-search.index.js';

// The one suite CI may skip: no Elasticsearch runs on the development machines or in CI.
const url = process.env['ELASTICSEARCH_URL'];

if (url) {
  const created: ElasticsearchSearchIndex[] = [];
  searchIndexContract('elasticsearch', {
    create: () => {
      // A prefix of its own, so parallel runs and a shared cluster never meet.
      const prefix = `almanac-test-${process.pid}-${Date.now().toString(36)}-`;
      const index = createElasticsearchSearchIndex(url, { indexPrefix: prefix });
      created.push(index);
      return Promise.resolve(index);
    },
    destroy: async (index) => {
      const own = created.find((candidate) => candidate === index);
      if (!own) throw new Error('destroy() got an index this suite did not create');
      try {
        await own.drop();
      } finally {
        await own.close();
      }
    },
  });
} else {
  // Written straight to stderr: Jest drops console output of a file whose tests are all skipped.
  process.stderr.write('Elasticsearch contract tests skipped: ELASTICSEARCH_URL is not set\n');
  describe('SearchIndex contract: elasticsearch', () => {
    it.skip('runs against the cluster at ELASTICSEARCH_URL', () => undefined);
  });
}
