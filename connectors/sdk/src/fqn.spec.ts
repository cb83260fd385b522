import { FqnError } from './errors.js';
import { buildFqn, fqnDepth, normalizeFqn, parentFqn, parseFqn, quoteFqnPart } from './fqn.js';

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fqnErrorOf(fn: () => unknown): FqnError {
  try {
    fn();
  } catch (error) {
    if (error instanceof FqnError) return error;
    throw error;
  }
  throw new Error('expected an FqnError');
}

describe('quoteFqnPart', () => {
  it('leaves plain parts alone', () => {
    expect(quoteFqnPart('orders')).toBe('orders');
    expect(quoteFqnPart('my table')).toBe('my table');
  });

  it('quotes parts with dots or quotes, doubling inner quotes', () => {
    expect(quoteFqnPart('a.b')).toBe('"a.b"');
    expect(quoteFqnPart('say "hi"')).toBe('"say ""hi"""');
  });

  it('rejects an empty part', () => {
    expect(() => quoteFqnPart('')).toThrow(FqnError);
  });
});

describe('buildFqn', () => {
  it('joins parts with dots', () => {
    expect(buildFqn(['pg', 'shop', 'public', 'orders'])).toBe('pg.shop.public.orders');
  });

  it('quotes parts that need it', () => {
    expect(buildFqn(['pg', 'db.v2', 'a"b'])).toBe('pg."db.v2"."a""b"');
  });

  it('rejects no parts and empty parts', () => {
    expect(() => buildFqn([])).toThrow('at least one part');
    const error = fqnErrorOf(() => buildFqn(['a', '', 'c']));
    expect(error.message).toContain('part 1 is empty');
    expect(error.position).toBe(1);
    expect(error.code).toBe('FQN_INVALID');
  });
});

describe('parseFqn', () => {
  it('splits plain FQNs', () => {
    expect(parseFqn('pg.shop.public.orders')).toEqual(['pg', 'shop', 'public', 'orders']);
    expect(parseFqn('single')).toEqual(['single']);
  });

  it('unquotes quoted parts', () => {
    expect(parseFqn('pg."db.v2"."a""b"')).toEqual(['pg', 'db.v2', 'a"b']);
    expect(parseFqn('"a".b')).toEqual(['a', 'b']);
    expect(parseFqn('"..."')).toEqual(['...']);
    expect(parseFqn('""""')).toEqual(['"']);
  });

  it.each([
    ['', 'the FQN is empty', 0],
    ['a..b', 'empty part at position 2 (consecutive dots)', 2],
    ['.a', 'empty part at position 0 (leading dot)', 0],
    ['a.b.', 'empty part at position 4 (trailing dot)', 4],
    ['a."b', 'unterminated quote starting at position 2', 2],
    ['"a""', 'unterminated quote starting at position 0', 0],
    ['"a"b.c', 'unexpected "b" after closing quote at position 3', 3],
    ['a.b"c', 'unexpected quote at position 3 inside an unquoted part', 3],
    ['a."".c', 'empty quoted part at position 2', 2],
  ])('rejects %j with a clear message', (fqn, problem, position) => {
    const error = fqnErrorOf(() => parseFqn(fqn));
    expect(error.message).toBe(`Invalid FQN ${JSON.stringify(fqn)}: ${problem}`);
    expect(error.position).toBe(position);
    expect(error.fqn).toBe(fqn);
  });

  it('truncates very long FQNs in messages', () => {
    const error = fqnErrorOf(() => parseFqn(`${'x'.repeat(500)}.`));
    expect(error.message.length).toBeLessThan(200);
    expect(error.message).toContain('trailing dot');
  });
});

describe('round trip', () => {
  it.each([
    [['svc', 'db.with.dots', 'schema', 'table']],
    [['svc', '"quoted"', 'we said "hi"', '"']],
    [['Ünïcödé', 'données', 'スキーマ', '表格']],
    [['emoji 🎉', '👩‍💻.dev', 'x']],
    [['with space', ' leading', 'trailing ', '  ']],
    [['tab\there', 'new\nline', 'back\\slash', "it's"]],
    [['.', '..', '"."', '""']],
  ])('parseFqn(buildFqn(%j)) returns the parts', (parts) => {
    const fqn = buildFqn(parts);
    expect(parseFqn(fqn)).toEqual(parts);
    expect(fqnDepth(fqn)).toBe(parts.length);
  });

  it('holds for many random parts (seeded)', () => {
    const random = mulberry32(20240611);
    const alphabet = ['a', 'Z', '0', '_', ' ', '.', '"', '-', 'ü', 'ß', '中', '😀', '\\', "'"];
    for (let run = 0; run < 2000; run += 1) {
      const depth = 1 + Math.floor(random() * 6);
      const parts = Array.from({ length: depth }, () => {
        const length = 1 + Math.floor(random() * 8);
        return Array.from(
          { length },
          () => alphabet[Math.floor(random() * alphabet.length)] ?? 'a',
        ).join('');
      });
      const fqn = buildFqn(parts);
      expect(parseFqn(fqn)).toEqual(parts);
      expect(normalizeFqn(fqn)).toBe(fqn);
    }
  });
});

describe('parentFqn', () => {
  it('drops the last part', () => {
    expect(parentFqn('pg.shop.public.orders')).toBe('pg.shop.public');
    expect(parentFqn('pg."a.b".c')).toBe('pg."a.b"');
  });

  it('returns null for a root FQN', () => {
    expect(parentFqn('pg')).toBeNull();
    expect(parentFqn('"a.b"')).toBeNull();
  });

  it('rejects invalid FQNs', () => {
    expect(() => parentFqn('a..b')).toThrow(FqnError);
  });
});

describe('fqnDepth', () => {
  it('counts parts, not dots', () => {
    expect(fqnDepth('a')).toBe(1);
    expect(fqnDepth('a."b.c".d')).toBe(3);
  });
});

describe('normalizeFqn', () => {
  it('removes needless quotes', () => {
    expect(normalizeFqn('"pg"."shop"')).toBe('pg.shop');
    expect(normalizeFqn('pg."a.b"')).toBe('pg."a.b"');
  });
});
