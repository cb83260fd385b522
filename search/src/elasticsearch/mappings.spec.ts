import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { estypes } from '@elastic/elasticsearch';
import { queryTerms } from '../highlight.js';
import { RELEVANCE_DOCUMENTS } from '../relevance-fixture.js';
import { FACET_FIELDS, parseSearchRequest } from '../request.js';
import { toElasticsearchSource } from './bulk.js';
import {
  concreteIndexName,
  ELASTICSEARCH_INDEX_DEFINITION,
  FACET_INDEX_FIELDS,
  MAPPING_VERSION,
  mappingVersionOf,
  searchAliasName,
} from './mappings.js';
import { elasticsearchSearchBody } from './query.js';

const { settings, mappings } = ELASTICSEARCH_INDEX_DEFINITION;
const properties = mappings.properties ?? {};

/** The mapping of `name.stemmed`-style paths, sub-fields included. */
function mappingOf(path: string): estypes.MappingProperty | undefined {
  const [field, sub] = path.split('.');
  const property = properties[field] as estypes.MappingProperty | undefined;
  if (!sub) return property;
  const fields = property && 'fields' in property ? property.fields : undefined;
  return fields?.[sub];
}

/** Field names a search body refers to. */
function fieldsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) fieldsIn(item, out);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'terms' && typeof (inner as { field?: unknown }).field === 'string') {
        out.add((inner as { field: string }).field); // an aggregation
      } else if (['match', 'match_bool_prefix', 'term', 'terms'].includes(key)) {
        for (const field of Object.keys(inner as object)) out.add(field);
      } else if (key === 'field' && typeof inner === 'string') {
        out.add(inner);
      } else if (key === 'sort' && Array.isArray(inner)) {
        for (const entry of inner as object[]) {
          for (const field of Object.keys(entry)) if (field !== '_score') out.add(field);
        }
      } else if (key === 'fields' && !Array.isArray(inner)) {
        for (const field of Object.keys(inner as object)) out.add(field);
        fieldsIn(inner, out);
      } else {
        fieldsIn(inner, out);
      }
    }
  }
  return out;
}

describe('index definition', () => {
  it('changes only with MAPPING_VERSION', () => {
    // A different fingerprint means the settings, analyzers or mappings changed: bump
    // MAPPING_VERSION (existing indices keep the old mappings until a reindex), then update both.
    const fingerprint = createHash('sha256')
      .update(JSON.stringify(ELASTICSEARCH_INDEX_DEFINITION))
      .digest('hex')
      .slice(0, 16);
    expect({ version: MAPPING_VERSION, fingerprint }).toEqual({
      version: 1,
      fingerprint: 'e844c0f0f50e4247',
    });
  });

  it('maps every field a search refers to', () => {
    const body = elasticsearchSearchBody(
      parseSearchRequest({
        query: 'customer lifetime',
        types: ['table'],
        filters: FACET_FIELDS.map((field) => ({ field, values: ['true'] })),
        sort: 'updated',
      }),
    );
    const fields = [...fieldsIn(body)];
    expect(fields.length).toBeGreaterThan(20);
    for (const field of fields)
      expect([field, mappingOf(field)?.type]).toEqual([field, expect.any(String)]);
  });

  it('maps every field of the indexed source, which strict mappings require', () => {
    for (const document of RELEVANCE_DOCUMENTS) {
      for (const field of Object.keys(toElasticsearchSource(document))) {
        expect([field, properties[field]?.type]).toEqual([field, expect.any(String)]);
      }
    }
    expect(mappings.dynamic).toBe('strict');
  });

  it('facets and filters keyword and boolean fields', () => {
    for (const field of FACET_FIELDS) {
      expect(['keyword', 'boolean']).toContain(properties[FACET_INDEX_FIELDS[field]]?.type);
    }
  });

  it('defines every analyzer, tokenizer, filter and normalizer it uses', () => {
    const analysis = settings.analysis ?? {};
    const analyzers = analysis.analyzer ?? {};
    const used = [...JSON.stringify(mappings).matchAll(/"(?:search_)?analyzer":"(\w+)"/g)].map(
      (m) => m[1],
    );
    for (const name of used) expect(Object.keys(analyzers)).toContain(name);
    for (const analyzer of Object.values(analyzers) as { tokenizer: string; filter: string[] }[]) {
      expect(Object.keys(analysis.tokenizer ?? {})).toContain(analyzer.tokenizer);
      for (const filter of analyzer.filter) {
        if (!['lowercase', 'asciifolding'].includes(filter)) {
          expect(Object.keys(analysis.filter ?? {})).toContain(filter);
        }
      }
    }
    expect(Object.keys(analysis.normalizer ?? {})).toContain('almanac_sort');
  });

  it('splits words like queryTerms does, underscores and dots included', () => {
    const tokenizer = settings.analysis?.tokenizer?.['almanac_words'] as { pattern: string };
    const split = (text: string) =>
      text
        .toLowerCase()
        .split(new RegExp(tokenizer.pattern, 'u'))
        .filter((word) => word.length > 0);
    for (const text of ['customer_lifetime_value', 'PII.Sensitive', 'stg_events', 'Tier1 x-y']) {
      expect(split(text)).toEqual(queryTerms(text));
    }
  });
});

describe('index names', () => {
  it('derives the alias from the prefix, refusing names Elasticsearch would', () => {
    expect(searchAliasName('almanac-')).toBe('almanac-search');
    expect(searchAliasName('test.42_')).toBe('test.42_search');
    for (const bad of ['', 'Almanac-', '-x', '_x', 'a b', 'a*', 'a:b', 'a/b', 'x'.repeat(200)]) {
      expect(() => searchAliasName(bad)).toThrow(/invalid Elasticsearch index prefix/);
    }
  });

  it('names concrete indices by mapping version and time, and reads the version back', () => {
    const name = concreteIndexName('almanac-search', new Date('2026-11-22T01:02:03.045Z'));
    expect(name).toBe(`almanac-search-v${MAPPING_VERSION}-20261122t010203045z`);
    expect(name).toBe(name.toLowerCase());
    expect(mappingVersionOf('almanac-search', name)).toBe(MAPPING_VERSION);
    expect(mappingVersionOf('almanac-search', 'almanac-search-v0-20250101t000000000z')).toBe(0);
    expect(mappingVersionOf('almanac-search', 'almanac-search')).toBeNull();
    expect(mappingVersionOf('almanac-search', 'other-search-v1-20261122t010203045z')).toBeNull();
    expect(mappingVersionOf('almanac-search', 'almanac-search-v1-manual')).toBeNull();
  });
});
