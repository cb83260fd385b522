import type { estypes } from '@elastic/elasticsearch';
import type { FacetField } from '../request.js';

/**
 * Version of {@link ELASTICSEARCH_INDEX_DEFINITION}. It is part of every concrete index name, so an
 * index built with other mappings is recognised; bump it with every change to the settings,
 * analyzers, mappings or the indexed source, then reindex.
 */
export const MAPPING_VERSION = 1;

/** Longest prefix the edge n-grams index; longer query prefixes are cut to it when searched. */
export const PREFIX_MAX_CHARS = 20;

/** The longest keyword Lucene accepts is 32 766 bytes: 8 191 four-byte characters stay under it. */
const KEYWORD_IGNORE_ABOVE = 8191;

// Words are runs of letters and digits, as `queryTerms()` splits them, so `customer_lifetime_value`
// and `PII.Sensitive` are several words (the standard tokenizer keeps `pii.sensitive` whole).
const WORDS_PATTERN = '[^\\p{L}\\p{N}]+';

const settings: estypes.IndicesIndexSettings = {
  // One shard keeps term statistics and facet counts exact; a catalog's index stays small.
  number_of_shards: 1,
  auto_expand_replicas: '0-1',
  max_result_window: 10_000,
  analysis: {
    tokenizer: {
      almanac_words: { type: 'pattern', pattern: WORDS_PATTERN },
    },
    filter: {
      almanac_english_stemmer: { type: 'stemmer', language: 'english' },
      almanac_edge_ngram: { type: 'edge_ngram', min_gram: 1, max_gram: PREFIX_MAX_CHARS },
      almanac_prefix_truncate: { type: 'truncate', length: PREFIX_MAX_CHARS },
    },
    analyzer: {
      // Exact words: case and accents folded, nothing else.
      almanac_text: {
        type: 'custom',
        tokenizer: 'almanac_words',
        filter: ['lowercase', 'asciifolding'],
      },
      // English stems: `orders` finds `order`.
      almanac_stemmed: {
        type: 'custom',
        tokenizer: 'almanac_words',
        filter: ['lowercase', 'asciifolding', 'almanac_english_stemmer'],
      },
      // Every prefix of every word, so a prefix search is one term lookup.
      almanac_prefix_index: {
        type: 'custom',
        tokenizer: 'almanac_words',
        filter: ['lowercase', 'asciifolding', 'almanac_edge_ngram'],
      },
      almanac_prefix_search: {
        type: 'custom',
        tokenizer: 'almanac_words',
        filter: ['lowercase', 'asciifolding', 'almanac_prefix_truncate'],
      },
    },
    normalizer: {
      almanac_sort: { type: 'custom', filter: ['lowercase', 'asciifolding'] },
    },
  },
};

const keyword: estypes.MappingProperty = { type: 'keyword', ignore_above: KEYWORD_IGNORE_ABOVE };

/** Edge n-grams of the words: a prefix search is one term lookup. */
const prefixWords: estypes.MappingProperty = {
  type: 'text',
  analyzer: 'almanac_prefix_index',
  search_analyzer: 'almanac_prefix_search',
  index_options: 'docs',
  norms: false,
};

/** Searchable text: exact words, stems and prefixes. */
const text = (extra: Record<string, estypes.MappingProperty> = {}): estypes.MappingProperty => ({
  type: 'text',
  analyzer: 'almanac_text',
  fields: {
    stemmed: { type: 'text', analyzer: 'almanac_stemmed' },
    prefix: prefixWords,
    ...extra,
  },
});

/** A facet value that is also searched as words (tags, glossary terms, owners). */
const keywordAndWords: estypes.MappingProperty = {
  ...keyword,
  fields: {
    text: { type: 'text', analyzer: 'almanac_text' },
    prefix: prefixWords,
  },
};

const mappings: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  _meta: { almanac_mapping_version: MAPPING_VERSION },
  properties: {
    type: keyword,
    fqn: { ...keyword, fields: { text: { type: 'text', analyzer: 'almanac_text' } } },
    /** `nameKey()` of the FQN: typing a whole FQN is an exact match. */
    fqnKey: keyword,
    name: text({
      sort: { type: 'keyword', normalizer: 'almanac_sort', ignore_above: KEYWORD_IGNORE_ABOVE },
    }),
    displayName: text(),
    synonyms: text(),
    /** `nameKey()` of the name, display name and synonyms: the exact-name boost. */
    nameKeys: keyword,
    description: text(),
    columnNames: text(),
    columnDescriptions: text(),
    tags: keywordAndWords,
    glossaryTerms: keywordAndWords,
    owners: keywordAndWords,
    service: keyword,
    database: keyword,
    schema: keyword,
    domain: keyword,
    tier: keyword,
    containsPii: { type: 'boolean' },
    usage: { type: 'double' },
    updatedAt: { type: 'date' },
  },
};

/** Settings, analyzers and mappings of a search index, at {@link MAPPING_VERSION}. */
export const ELASTICSEARCH_INDEX_DEFINITION: {
  readonly settings: estypes.IndicesIndexSettings;
  readonly mappings: estypes.MappingTypeMapping;
} = { settings, mappings };

/** The indexed field that filters and facets each {@link FacetField}. */
export const FACET_INDEX_FIELDS: Readonly<Record<FacetField, string>> = {
  type: 'type',
  service: 'service',
  database: 'database',
  schema: 'schema',
  tag: 'tags',
  glossaryTerm: 'glossaryTerms',
  owner: 'owners',
  domain: 'domain',
  tier: 'tier',
  containsPii: 'containsPii',
};

// Index names: lowercase, no \ / * ? " < > | space , # :, not starting with - _ +, at most 255 bytes.
const INDEX_PREFIX = /^[a-z0-9][a-z0-9._-]{0,100}$/;

/**
 * The alias searches and writes go through, for an index prefix such as `almanac-`. Throws on a
 * prefix Elasticsearch would refuse.
 */
export function searchAliasName(indexPrefix: string): string {
  if (!INDEX_PREFIX.test(indexPrefix)) {
    throw new Error(
      `invalid Elasticsearch index prefix ${JSON.stringify(indexPrefix)}: use lowercase letters, digits, ".", "_" and "-", starting with a letter or digit`,
    );
  }
  return `${indexPrefix}search`;
}

/**
 * A new concrete index behind `alias`: `<alias>-v<MAPPING_VERSION>-<UTC time>`, so indices sort
 * by age and tell which mappings they were built with.
 */
export function concreteIndexName(alias: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:.]/g, '').toLowerCase();
  return `${alias}-v${MAPPING_VERSION}-${stamp}`;
}

/** The mapping version a concrete index was built with, or null for an index we did not name. */
export function mappingVersionOf(alias: string, index: string): number | null {
  if (!index.startsWith(`${alias}-v`)) return null;
  const match = /^(\d+)-\d{8}t\d{9}z$/.exec(index.slice(alias.length + 2));
  return match ? Number(match[1]) : null;
}
