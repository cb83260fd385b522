import { describe, expect, it } from '@jest/globals';
import type { estypes } from '@elastic/elasticsearch';
import type { SearchDocument } from '../document.js';
import {
  bulkFailures,
  chunked,
  deleteOperations,
  elasticsearchId,
  indexOperations,
  operationsOfItems,
  toElasticsearchSource,
} from './bulk.js';

const table: SearchDocument = {
  type: 'table',
  fqn: 'shop.postgres.marts.customer_lifetime_value',
  name: 'customer_lifetime_value',
  displayName: 'Customer Lifetime Value',
  synonyms: ['CLV', 'Customer lifetime value'],
  description: 'Value per customer.',
  columnNames: ['customer_id'],
  columnDescriptions: ['The customer.'],
  tags: ['Tier.Tier1'],
  glossaryTerms: ['Business.Customer'],
  service: 'shop',
  database: 'postgres',
  schema: 'marts',
  owners: ['analytics'],
  domain: 'Commerce',
  tier: 'Tier.Tier1',
  containsPii: false,
  usage: 900,
  updatedAt: '2026-11-01T00:00:00.000Z',
};

describe('toElasticsearchSource', () => {
  it('stores the document with the keys of its names', () => {
    expect(toElasticsearchSource(table)).toEqual({
      ...table,
      fqnKey: 'shop postgres marts customer lifetime value',
      nameKeys: ['customer lifetime value', 'clv'],
    });
  });

  it('fills what a minimal document leaves out', () => {
    expect(
      toElasticsearchSource({
        type: 'user',
        fqn: 'dana',
        name: 'dana',
        updatedAt: '2026-11-01T00:00:00.000Z',
      }),
    ).toEqual({
      type: 'user',
      fqn: 'dana',
      fqnKey: 'dana',
      name: 'dana',
      displayName: null,
      synonyms: [],
      nameKeys: ['dana'],
      description: null,
      columnNames: [],
      columnDescriptions: [],
      tags: [],
      glossaryTerms: [],
      service: null,
      database: null,
      schema: null,
      owners: [],
      domain: null,
      tier: null,
      containsPii: false,
      usage: null,
      updatedAt: '2026-11-01T00:00:00.000Z',
    });
  });

  it('keeps usage a number the usage boost can take the logarithm of', () => {
    const usage = (value: number | null) => toElasticsearchSource({ ...table, usage: value }).usage;
    expect(usage(-5)).toBe(0);
    expect(usage(Number.NaN)).toBeNull();
    expect(usage(Number.POSITIVE_INFINITY)).toBeNull();
    expect(usage(null)).toBeNull();
    expect(usage(12)).toBe(12);
  });
});

describe('bulk operations', () => {
  it('indexes by type and FQN', () => {
    expect(indexOperations('idx', [table])).toEqual([
      { index: { _index: 'idx', _id: `table:${table.fqn}` } },
      toElasticsearchSource(table),
    ]);
    expect(deleteOperations('idx', [{ type: 'column', fqn: 'a.b.c' }])).toEqual([
      { delete: { _index: 'idx', _id: 'column:a.b.c' } },
    ]);
  });

  it('hashes ids too long for Elasticsearch, the same way every time', () => {
    const long = { type: 'column' as const, fqn: `svc.db.schema."${'x'.repeat(600)}".col` };
    const id = elasticsearchId(long);
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(elasticsearchId({ ...long })).toBe(id);
    expect(elasticsearchId({ ...long, type: 'table' })).not.toBe(id);
  });

  it('splits into chunks', () => {
    expect(chunked([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunked([], 3)).toEqual([]);
    expect(() => chunked([1], 0)).toThrow(RangeError);
  });
});

describe('bulkFailures', () => {
  const item = (
    operation: 'index' | 'delete',
    status: number,
    error?: estypes.ErrorCause,
  ): Partial<Record<estypes.BulkOperationType, estypes.BulkResponseItem>> => ({
    [operation]: { _index: 'idx', _id: `id${status}`, status, ...(error ? { error } : {}) },
  });

  it('finds nothing in a response without errors', () => {
    expect(bulkFailures({ errors: false, took: 1, items: [item('index', 201)] })).toEqual({
      retryable: [],
      failed: [],
    });
  });

  it('retries what the cluster pushed back and fails on the rest; a missing delete is fine', () => {
    const result = bulkFailures({
      errors: true,
      took: 1,
      items: [
        item('index', 201),
        item('index', 429, { type: 'es_rejected_execution_exception', reason: 'queue full' }),
        item('index', 400, { type: 'document_parsing_exception', reason: 'bad field' }),
        item('delete', 404, { type: 'not_found', reason: 'missing' }),
      ],
    });
    expect(result.retryable).toEqual([
      { item: 1, id: 'id429', status: 429, reason: 'es_rejected_execution_exception: queue full' },
    ]);
    expect(result.failed).toEqual([
      { item: 2, id: 'id400', status: 400, reason: 'document_parsing_exception: bad field' },
    ]);
  });

  it('picks the operations of failed items, one line for a delete and two for an index', () => {
    const operations = [
      ...indexOperations('idx', [table]),
      ...deleteOperations('idx', [{ type: 'table', fqn: 'gone' }]),
      ...indexOperations('idx', [{ ...table, fqn: 'other' }]),
    ];
    expect(operationsOfItems(operations, [1, 2])).toEqual(operations.slice(2));
    expect(operationsOfItems(operations, [0])).toEqual(operations.slice(0, 2));
    expect(operationsOfItems(operations, [])).toEqual([]);
  });
});
