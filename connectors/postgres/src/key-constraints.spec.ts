import type { KeyConstraintRow } from './catalog-queries.js';
import { columnKeys } from './key-constraints.js';
import { PostgresFqns } from './postgres-fqns.js';

const fqns = new PostgresFqns('pg', 'shop');

function key(
  type: KeyConstraintRow['type'],
  name: string,
  columns: string[],
  references?: { table: string; columns: string[] },
): KeyConstraintRow {
  return {
    relation_oid: 1,
    name,
    type,
    columns,
    referenced_schema: references ? 'public' : null,
    referenced_table: references?.table ?? null,
    referenced_columns: references?.columns ?? null,
  };
}

describe('columnKeys', () => {
  it('marks single-column unique keys only, and lets the primary key win', () => {
    const keys = columnKeys(
      [
        key('p', 'pk', ['id']),
        key('u', 'id_unique', ['id']),
        key('u', 'email_unique', ['email']),
        key('u', 'pair_unique', ['a', 'b']),
      ],
      fqns,
    );
    expect(Object.fromEntries(keys)).toEqual({
      id: { constraint: 'PRIMARY_KEY' },
      email: { constraint: 'UNIQUE' },
    });
  });

  it('points each column of a composite foreign key at its counterpart, first key winning', () => {
    const keys = columnKeys(
      [
        key('f', 'a_fk', ['order_id', 'line_no'], { table: 'order_lines', columns: ['id', 'no'] }),
        key('f', 'b_fk', ['order_id'], { table: 'orders', columns: ['id'] }),
      ],
      fqns,
    );
    expect(Object.fromEntries(keys)).toEqual({
      order_id: { foreignKey: { table: 'pg.shop.public.order_lines', column: 'id' } },
      line_no: { foreignKey: { table: 'pg.shop.public.order_lines', column: 'no' } },
    });
  });
});
