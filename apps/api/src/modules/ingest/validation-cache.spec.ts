import { validateRecord, type MetadataRecordInput } from '@almanac/sdk';
import { ValidationCache } from './validation-cache.js';

const table = (name: string): MetadataRecordInput => ({
  kind: 'table',
  fqn: `wh.db.public.${name}`,
  columns: [{ name: 'id', dataType: 'bigint' }],
});

describe('ValidationCache', () => {
  it('answers what validateRecord answers, for valid and invalid records', () => {
    const cache = new ValidationCache(10_000);
    const invalid = { kind: 'table', fqn: 'wh.db.public.t' } as MetadataRecordInput;
    expect(cache.validate(table('a'))).toEqual(validateRecord(table('a')));
    expect(cache.validate(invalid)).toEqual(validateRecord(invalid));
    expect(cache.validate(invalid)).toEqual(validateRecord(invalid));
  });

  it('validates a record it has seen once, and forgets the least recently used', () => {
    const size = JSON.stringify(table('a')).length;
    const cache = new ValidationCache(16 * size);
    const a = cache.validate(table('a'));
    const b = cache.validate(table('b'));
    for (const name of 'cdefghijklmnop') cache.validate(table(name));
    expect(cache.validate(table('a'))).toBe(a);

    cache.validate(table('q'));
    expect(cache.validate(table('a'))).toBe(a);
    const again = cache.validate(table('b'));
    expect(again).not.toBe(b);
    expect(again).toEqual(b);
  });

  it('does not remember a record longer than a sixteenth of its budget', () => {
    const cache = new ValidationCache(JSON.stringify(table('a')).length);
    expect(cache.validate(table('a'))).not.toBe(cache.validate(table('a')));
  });

  it('validates the JSON text, as the NDJSON path does', () => {
    const cache = new ValidationCache(10_000);
    const withUndefined = { ...table('a'), description: undefined } as MetadataRecordInput;
    expect(cache.validate(withUndefined)).toEqual(validateRecord(table('a')));
  });
});
