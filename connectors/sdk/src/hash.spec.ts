import { validRecords } from '../test/fixtures.js';
import { canonicalJson, contentHash } from './hash.js';

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reverseKeys(item)]),
  );
}

describe('canonicalJson', () => {
  it('sorts keys recursively, drops undefined and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, { z: true, y: null }], c: undefined } })).toBe(
      '{"a":{"d":[3,1,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('encodes strings as JSON', () => {
    expect(canonicalJson({ 'k"ey': 'line\nbreak ü' })).toBe('{"k\\"ey":"line\\nbreak ü"}');
  });
});

describe('contentHash', () => {
  it('is a sha256 hex digest', () => {
    expect(contentHash(validRecords.table)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order', () => {
    const reordered = reverseKeys(validRecords.table) as typeof validRecords.table;
    expect(Object.keys(reordered)[0]).not.toBe(Object.keys(validRecords.table)[0]);
    expect(contentHash(reordered)).toBe(contentHash(validRecords.table));
  });

  it('hashes after parsing: explicit defaults and needless quotes change nothing', () => {
    const explicit = {
      ...validRecords.table,
      fqn: '"pg".shop.public.orders',
      tableType: 'Regular' as const,
      tags: [{ tagFqn: 'PII.Sensitive', source: 'manual' as const, state: 'confirmed' as const }],
      description: 'Customer orders',
      viewDefinition: undefined,
    };
    expect(contentHash(explicit)).toBe(contentHash(validRecords.table));
  });

  it('changes when any value changes', () => {
    const base = contentHash(validRecords.table);
    const variants = [
      { ...validRecords.table, description: 'Customer orders!' },
      { ...validRecords.table, rowCount: 1201 },
      { ...validRecords.table, tableType: 'View' as const },
      { ...validRecords.table, columns: [...validRecords.table.columns].reverse() },
      {
        ...validRecords.table,
        columns: validRecords.table.columns.map((column, index) =>
          index === 1 ? { ...column, dataType: 'integer' } : column,
        ),
      },
      { ...validRecords.table, attributes: { ...validRecords.table.attributes, raw: 0 } },
    ];
    const hashes = variants.map((variant) => contentHash(variant));
    expect(hashes).not.toContain(base);
    expect(new Set(hashes).size).toBe(variants.length);
  });

  it('throws on an invalid record', () => {
    expect(() => contentHash({ kind: 'database', fqn: 'pg' })).toThrow('database FQN');
  });
});
