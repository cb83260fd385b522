import { checkEntrySchema, misplacedCheck } from './check-config.js';
import { compileCheck, wrapFailures, type CheckResolver } from './check-sql.js';

const resolver: CheckResolver = {
  relation: (to) => (to.includes('.') ? to : `marts.${to}`),
  template: (sql) => sql.replace('{{ this }}', 'marts.orders'),
};

describe('check config', () => {
  it('normalises bare names and one-key maps', () => {
    expect(checkEntrySchema.parse('not_null')).toEqual({ kind: 'not_null' });
    expect(checkEntrySchema.parse({ range: { min: 1 } })).toEqual({ kind: 'range', min: 1 });
    expect(checkEntrySchema.safeParse({ range: {} }).success).toBe(false);
    expect(checkEntrySchema.safeParse({ not_null: {}, unique: {} }).success).toBe(false);
    expect(checkEntrySchema.safeParse({ freshness: { error_after: 'soon' } }).success).toBe(false);
  });

  it('knows which checks belong to a column and which to a model', () => {
    expect(misplacedCheck({ kind: 'row_count', min: 1 }, 'column')).toBe(
      'row_count belongs on the model, not a column',
    );
    expect(misplacedCheck({ kind: 'unique' }, 'model')).toBe('unique on a model needs columns');
    expect(misplacedCheck({ kind: 'unique', columns: ['a'] }, 'model')).toBeNull();
  });
});

describe('compileCheck', () => {
  const target = { relation: 'marts.orders', column: 'status' };

  it('quotes columns and literals', () => {
    expect(
      compileCheck({ kind: 'accepted_values', values: ["it's", 1, true] }, target, resolver)
        .failuresSql,
    ).toBe(
      `SELECT * FROM marts.orders WHERE "status" IS NOT NULL AND "status"::text NOT IN ('it''s', '1', 'true')`,
    );
  });

  it('compiles non_negative as a range with min 0', () => {
    expect(compileCheck({ kind: 'non_negative' }, target, resolver)).toEqual({
      check: 'range',
      parameters: { min: 0 },
      failuresSql: 'SELECT * FROM marts.orders WHERE "status" < 0',
      rowFilter: '"status" < 0',
    });
  });

  it('resolves relationship targets and custom SQL templates', () => {
    const relationship = compileCheck(
      { kind: 'relationships', to: 'customers', field: 'id' },
      target,
      resolver,
    );
    expect(relationship.parameters).toEqual({ to: 'marts.customers', field: 'id' });
    expect(relationship.failuresSql).toContain(
      'FROM marts.customers AS parent WHERE parent."id" = child."status"',
    );
    const custom = compileCheck(
      { kind: 'custom_sql', sql: 'SELECT * FROM {{ this }} WHERE total < 0;\n' },
      target,
      resolver,
    );
    expect(custom.failuresSql).toBe('SELECT * FROM marts.orders WHERE total < 0');
  });

  it('wraps failing rows into one count-and-samples query', () => {
    const sql = wrapFailures('SELECT 1 AS x');
    expect(sql.startsWith('WITH failures AS (\nSELECT 1 AS x\n)')).toBe(true);
    expect(sql).toContain('LIMIT 5');
  });
});
