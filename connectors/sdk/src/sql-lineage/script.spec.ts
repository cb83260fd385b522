import { analyzeSqlLineage, relationsOf } from './analyze.js';
import { compareOrigins } from './origins.js';
import type { SqlLineageResult } from './types.js';

const CATALOG = { 'shop.orders': ['order_id', 'customer_id', 'amount', 'status'] };

describe('analyzeSqlLineage on whole scripts', () => {
  it.each(['', '   \n\t', '-- nothing to see\n/* at all */', ';;;'])(
    'returns no statements and no errors for %j',
    async (sql) => {
      await expect(analyzeSqlLineage(sql)).resolves.toEqual({ statements: [], errors: [] });
    },
  );

  it('returns the exact lineage shape, origins sorted DIRECT first', async () => {
    const result = await analyzeSqlLineage(
      `CREATE VIEW shop.paid_totals AS
       SELECT customer_id, sum(amount) AS total
       FROM shop.orders WHERE status = 'paid' GROUP BY customer_id`,
      { catalog: CATALOG },
    );
    expect(result).toEqual<SqlLineageResult>({
      statements: [
        {
          kind: 'create_view',
          output: 'shop.paid_totals',
          inputs: ['shop.orders'],
          columns: [
            {
              column: 'customer_id',
              origins: [
                {
                  table: 'shop.orders',
                  column: 'customer_id',
                  type: 'DIRECT',
                  subtype: 'IDENTITY',
                },
                {
                  table: 'shop.orders',
                  column: 'customer_id',
                  type: 'INDIRECT',
                  subtype: 'GROUP_BY',
                },
                { table: 'shop.orders', column: 'status', type: 'INDIRECT', subtype: 'FILTER' },
              ],
            },
            {
              column: 'total',
              origins: [
                { table: 'shop.orders', column: 'amount', type: 'DIRECT', subtype: 'AGGREGATION' },
                {
                  table: 'shop.orders',
                  column: 'customer_id',
                  type: 'INDIRECT',
                  subtype: 'GROUP_BY',
                },
                { table: 'shop.orders', column: 'status', type: 'INDIRECT', subtype: 'FILTER' },
              ],
            },
          ],
        },
      ],
      errors: [],
    });
  });

  it('keeps every statement of a script and its own inputs', async () => {
    const result = await analyzeSqlLineage(
      `CREATE TABLE shop.big_orders AS SELECT order_id, amount FROM shop.orders WHERE amount > 100;
       INSERT INTO shop.audit (order_id) SELECT order_id FROM shop.big_orders;
       SELECT ';' AS semicolon, $body$ ; $body$ AS dollar FROM shop.audit`,
      { catalog: CATALOG },
    );
    expect(result.errors).toEqual([]);
    expect(result.statements.map(({ kind, output, inputs }) => ({ kind, output, inputs }))).toEqual(
      [
        { kind: 'create_table_as', output: 'shop.big_orders', inputs: ['shop.orders'] },
        { kind: 'insert', output: 'shop.audit', inputs: ['shop.big_orders'] },
        { kind: 'select', output: null, inputs: ['shop.audit'] },
      ],
    );
    expect(result.statements[1]?.columns).toEqual([
      {
        column: 'order_id',
        origins: [
          { table: 'shop.big_orders', column: 'order_id', type: 'DIRECT', subtype: 'IDENTITY' },
        ],
      },
    ]);
  });

  it('reports an unparseable statement by index and still analyzes the others', async () => {
    const result = await analyzeSqlLineage(
      `SELECT 'é' AS accent FROM shop.orders;
       SELECT * FORM shop.orders;
       UPDATE shop.orders SET status = 'void' WHERE amount < 0`,
      { catalog: CATALOG },
    );
    expect(result.statements.map(({ kind }) => kind)).toEqual(['select', 'other', 'update']);
    expect(result.statements[1]).toEqual({ kind: 'other', output: null, inputs: [], columns: [] });
    expect(result.errors).toEqual([{ statement: 1, message: 'syntax error at or near "FORM"' }]);
    expect(result.statements[2]?.columns).toEqual([
      {
        column: 'status',
        origins: [{ table: 'shop.orders', column: 'amount', type: 'INDIRECT', subtype: 'FILTER' }],
      },
    ]);
  });

  it('reports a single unparseable statement', async () => {
    const result = await analyzeSqlLineage('SELEC order_id FROM shop.orders');
    expect(result.statements).toEqual([{ kind: 'other', output: null, inputs: [], columns: [] }]);
    expect(result.errors).toEqual([{ statement: 0, message: 'syntax error at or near "SELEC"' }]);
  });

  it('reports input that cannot even be split into statements', async () => {
    const result = await analyzeSqlLineage("SELECT 1; SELECT 'never closed");
    expect(result.statements).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.statement).toBeUndefined();
    expect(result.errors[0]?.message).toContain('unterminated quoted string');
  });

  it('classifies statements without column lineage as other', async () => {
    const result = await analyzeSqlLineage(
      'CREATE TABLE shop.t (id int); DROP TABLE shop.u; BEGIN; COMMIT; EXPLAIN SELECT 1',
    );
    expect(result.errors).toEqual([]);
    expect(result.statements).toEqual(
      Array.from({ length: 5 }, () => ({ kind: 'other', output: null, inputs: [], columns: [] })),
    );
  });

  it('reports catalog keys that are not relation names', async () => {
    const result = await analyzeSqlLineage('SELECT 1', {
      catalog: { '"unterminated': ['a'], 'a..b': ['c'] },
    });
    expect(result.statements).toHaveLength(1);
    expect(result.errors.map(({ statement }) => statement)).toEqual([undefined, undefined]);
    expect(result.errors.map(({ message }) => message)).toEqual([
      expect.stringContaining('catalog key "\\"unterminated"') as string,
      expect.stringContaining('catalog key "a..b"') as string,
    ]);
  });

  it('sorts origins canonically', async () => {
    const { statements } = await analyzeSqlLineage(
      `SELECT CASE WHEN o.status = 'x' THEN o.amount END AS pick
       FROM shop.orders o JOIN shop.customers c ON c.id = o.customer_id
       WHERE c.region = 'eu' ORDER BY o.order_id`,
    );
    const origins = statements[0]?.columns[0]?.origins ?? [];
    expect(origins.length).toBeGreaterThan(3);
    expect([...origins].sort(compareOrigins)).toEqual(origins);
    expect(origins[0]?.type).toBe('DIRECT');
  });
});

describe('analyzeSqlLineage never throws', () => {
  const odd: [string, unknown][] = [
    ['null', null],
    ['a number', 42],
    ['an object', { sql: 'SELECT 1' }],
    ['a NUL byte', 'SELECT 1\u0000; DROP TABLE x'],
    ['deeply nested parentheses', `SELECT ${'('.repeat(2000)}1${')'.repeat(2000)}`],
    [
      'a very long expression',
      `SELECT ${Array.from({ length: 20000 }, () => 'a').join(' + ')} FROM t`,
    ],
    ['binary garbage', '\u0001\u0002\uFFFF)(*&^%$#@!'],
    ['an unterminated comment', '/* never closed'],
    ['a parameter placeholder', 'SELECT * FROM t WHERE id = $1'],
    [
      'a recursive CTE referencing itself in odd places',
      'WITH RECURSIVE r AS (SELECT * FROM r) SELECT * FROM r',
    ],
    ['a PL/pgSQL body', 'DO $$ BEGIN PERFORM 1; END $$'],
  ];

  it.each(odd)('resolves for %s', async (_label, input) => {
    const result = await analyzeSqlLineage(input as string);
    expect(Array.isArray(result.statements)).toBe(true);
    expect(Array.isArray(result.errors)).toBe(true);
    for (const error of result.errors) expect(typeof error.message).toBe('string');
  });

  it('rejects non-strings and NUL bytes with an error', async () => {
    await expect(analyzeSqlLineage(null as unknown as string)).resolves.toEqual({
      statements: [],
      errors: [{ message: 'SQL must be a string' }],
    });
    await expect(analyzeSqlLineage('SELECT 1\u0000')).resolves.toEqual({
      statements: [],
      errors: [{ message: 'SQL contains a NUL character' }],
    });
  });
});

describe('relationsOf', () => {
  it('lists inputs and outputs per statement and overall, without column problems', async () => {
    const result = await relationsOf(
      `SELECT x FROM a JOIN b ON a.k = b.k;
       INSERT INTO reporting.c SELECT * FROM d;
       DELETE FROM e USING f WHERE e.id = f.id;
       MERGE INTO g USING h ON g.id = h.id WHEN MATCHED THEN UPDATE SET v = h.v;
       SELEC 1`,
      { defaultSchema: 'staging' },
    );
    expect(result).toEqual({
      statements: [
        { kind: 'select', output: null, inputs: ['staging.a', 'staging.b'] },
        { kind: 'insert', output: 'reporting.c', inputs: ['staging.d'] },
        { kind: 'other', output: null, inputs: ['staging.f'] },
        { kind: 'merge', output: 'staging.g', inputs: ['staging.g', 'staging.h'] },
        { kind: 'other', output: null, inputs: [] },
      ],
      inputs: ['staging.a', 'staging.b', 'staging.d', 'staging.f', 'staging.g', 'staging.h'],
      outputs: ['reporting.c', 'staging.g'],
      errors: [{ statement: 4, message: 'syntax error at or near "SELEC"' }],
    });
  });

  it('resolves for input that is not SQL', async () => {
    await expect(relationsOf(undefined as unknown as string)).resolves.toEqual({
      statements: [],
      inputs: [],
      outputs: [],
      errors: [{ message: 'SQL must be a string' }],
    });
  });
});
