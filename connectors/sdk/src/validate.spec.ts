import { validRecords } from '../test/fixtures.js';
import { contentHash } from './hash.js';
import { validateRecord } from './validate.js';

describe('validateRecord', () => {
  it('returns the parsed record, its key and its hash', () => {
    const result = validateRecord(validRecords.tag_label);
    expect(result).toEqual({
      ok: true,
      record: {
        kind: 'tag_label',
        target: 'pg.shop.public.orders.email',
        tag: { tagFqn: 'PII.Email', source: 'automated', state: 'suggested', confidence: 0.92 },
      },
      key: 'tag_label:pg.shop.public.orders.email#PII.Email',
      hash: contentHash(validRecords.tag_label),
    });
  });

  it.each([
    [null, 'expected a JSON object, got null'],
    [[1], 'expected a JSON object, got an array'],
    ['table', 'expected a JSON object, got a string'],
  ])('rejects %j', (value, reason) => {
    expect(validateRecord(value)).toEqual({ ok: false, reason });
  });

  it('names the expected kinds for a missing or unknown kind', () => {
    const unknown = validateRecord({ kind: 'foo', fqn: 'a' });
    expect(unknown).toEqual({
      ok: false,
      reason:
        'unknown record kind "foo" (expected one of service, database, schema, table, pipeline, ' +
        'dashboard, classification, tag, user, team, domain, test_case, lineage_edge, tag_label, ' +
        'glossary_link, ownership, test_result)',
    });
    const missing = validateRecord({ fqn: 'a' });
    expect(!missing.ok && missing.reason).toMatch(
      /^missing record kind \(expected one of service,/,
    );
    const numeric = validateRecord({ kind: 7 });
    expect(!numeric.ok && numeric.reason).toMatch(/^unknown record kind 7 \(/);
  });

  it('keeps the key of an invalid record when it is readable', () => {
    expect(
      validateRecord({ kind: 'table', fqn: 'pg.shop.public.orders', columns: 'none' }),
    ).toEqual({
      ok: false,
      key: 'pg.shop.public.orders',
      reason: 'columns: Invalid input: expected array, received string',
    });
    const edge = validateRecord({ kind: 'lineage_edge', from: 'a.b.c.d', to: 'a.b.c.e' });
    expect(edge).toEqual({
      ok: false,
      key: 'lineage_edge:a.b.c.d->a.b.c.e@',
      reason:
        'source: Invalid option: expected one of "sql"|"dbt"|"openlineage"|"pipeline"|"manual"',
    });
    const label = validateRecord({
      kind: 'tag_label',
      target: 'a',
      tag: { tagFqn: 'T.x', extra: 1 },
    });
    expect(!label.ok && label.key).toBe('tag_label:a#T.x');
  });

  it('omits the key when identifying fields are unreadable', () => {
    const result = validateRecord({ kind: 'lineage_edge', from: 1, to: 'a.b.c.d', source: 'sql' });
    expect(result.ok).toBe(false);
    expect('key' in result).toBe(false);
    const badPipeline = validateRecord({ ...validRecords.lineage_edge, pipeline: 3 });
    expect('key' in badPipeline).toBe(false);
  });
});
