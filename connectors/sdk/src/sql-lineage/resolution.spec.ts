import {
  checkLineage,
  id,
  tf,
  agg,
  join,
  grp,
  fil,
  srt,
  win,
  cnd,
  type LineageCase as Case,
} from '../../test/lineage-cases.js';
import type { SchemaCatalog } from './types.js';

/** Small relations for resolution rules; `u` has no schema, so it lands in the default one. */
const CATALOG: SchemaCatalog = {
  'public.t': ['id', 'a', 'b'],
  u: ['id', 't_id', 'c'],
  '"my.schema"."odd.table"': ['Col.Name', 'UPPER'],
  'sales.orders': ['amount'],
  'Sales.Orders': ['Amount'],
};

async function check(entry: Case): Promise<void> {
  await checkLineage(entry, CATALOG);
}

const RESOLUTION: Case[] = [
  {
    name: 'unqualified names resolve through the catalog across a join',
    sql: 'SELECT a, c FROM t JOIN u ON u.t_id = t.id',
    inputs: ['public.t', 'public.u'],
    every: join('public.u.t_id', 'public.t.id'),
    columns: [
      ['a', id('public.t.a')],
      ['c', id('public.u.c')],
    ],
  },
  {
    name: 'a name both catalogued relations have is ambiguous, not attributed to both',
    sql: 'SELECT id, a FROM t JOIN u ON u.t_id = t.id',
    inputs: ['public.t', 'public.u'],
    every: join('public.u.t_id', 'public.t.id'),
    columns: [
      ['id', []],
      ['a', id('public.t.a')],
    ],
    errors: ['column reference "id" is ambiguous'],
  },
  {
    name: 'a name over two uncatalogued relations is ambiguous',
    sql: 'SELECT x FROM p JOIN q ON p.k = q.k',
    inputs: ['public.p', 'public.q'],
    every: join('public.p.k', 'public.q.k'),
    columns: [['x', []]],
    errors: ['column reference "x" is ambiguous'],
  },
  {
    name: 'a single uncatalogued relation answers for any name',
    sql: 'SELECT x, y + 1 AS z FROM events_raw',
    inputs: ['public.events_raw'],
    columns: [
      ['x', id('public.events_raw.x')],
      ['z', tf('public.events_raw.y')],
    ],
  },
  {
    name: 'a name missing from the catalogued side belongs to the uncatalogued one',
    sql: 'SELECT a, zzz FROM t JOIN mystery m ON m.id = t.id',
    inputs: ['public.mystery', 'public.t'],
    every: join('public.mystery.id', 'public.t.id'),
    columns: [
      ['a', id('public.t.a')],
      ['zzz', id('public.mystery.zzz')],
    ],
  },
  {
    name: '* over an uncatalogued relation is reported and the rest still expanded',
    sql: 'SELECT * FROM t JOIN mystery m ON m.id = t.id',
    inputs: ['public.mystery', 'public.t'],
    every: join('public.mystery.id', 'public.t.id'),
    columns: [
      ['id', id('public.t.id')],
      ['a', id('public.t.a')],
      ['b', id('public.t.b')],
    ],
    errors: ['cannot expand public.mystery.*'],
  },
  {
    name: 'alias.* over an uncatalogued relation is reported',
    sql: 'SELECT m.*, t.a FROM t JOIN mystery m USING (id)',
    inputs: ['public.mystery', 'public.t'],
    every: join('public.mystery.id', 'public.t.id'),
    columns: [['a', id('public.t.a')]],
    errors: ['cannot expand public.mystery.*'],
  },
  {
    name: 'alias.* over a subquery and a CTE uses their own columns',
    sql: `
      WITH x AS (SELECT id, a * 2 AS doubled FROM t)
      SELECT s.*, x.* FROM (SELECT c AS cc FROM u) s CROSS JOIN x`,
    inputs: ['public.t', 'public.u'],
    columns: [
      ['cc', id('public.u.c')],
      ['id', id('public.t.id')],
      ['doubled', tf('public.t.a')],
    ],
  },
  {
    name: 'quoted identifiers keep dots and case',
    sql: 'SELECT o."Col.Name" AS "Weird Alias", "UPPER" FROM "my.schema"."odd.table" o',
    inputs: ['"my.schema"."odd.table"'],
    columns: [
      ['Weird Alias', id('"my.schema"."odd.table".Col.Name')],
      ['UPPER', id('"my.schema"."odd.table".UPPER')],
    ],
  },
  {
    name: 'unquoted identifiers fold to lower case',
    sql: 'SELECT Amount AS A1 FROM Sales.Orders',
    inputs: ['sales.orders'],
    columns: [['a1', id('sales.orders.amount')]],
  },
  {
    name: 'quoted names are case-sensitive against the catalog',
    sql: 'SELECT "Sales"."Orders"."Amount", amount FROM "Sales"."Orders"',
    inputs: ['Sales.Orders'],
    columns: [
      ['Amount', id('Sales.Orders.Amount')],
      ['amount', []],
    ],
    errors: ['column "amount" does not exist'],
  },
  {
    name: 'schema-qualified column references',
    sql: 'SELECT public.t.a FROM public.t',
    inputs: ['public.t'],
    columns: [['a', id('public.t.a')]],
  },
  {
    name: 'unqualified relations take the configured default schema',
    sql: 'SELECT a, c FROM t, u',
    options: { defaultSchema: 'analytics' },
    inputs: ['analytics.t', 'analytics.u'],
    columns: [
      ['a', id('analytics.t.a')],
      ['c', id('analytics.u.c')],
    ],
  },
  {
    name: 'quoted unqualified relation in the default schema',
    sql: 'SELECT "T".x FROM "T"',
    inputs: ['public.T'],
    columns: [['x', id('public.T.x')]],
  },
  {
    name: 'output names follow PostgreSQL',
    sql: `
      SELECT a, t.b, count(*), sum(a), a + b, CAST(a AS text), 'x'::text,
             CASE WHEN a > 0 THEN 1 END, coalesce(a, b), now(), current_date,
             (SELECT max(c) FROM u), EXISTS (SELECT 1 FROM u), ARRAY[a], 1
      FROM t
      GROUP BY a, t.b`,
    inputs: ['public.t', 'public.u'],
    every: grp('public.t.a', 'public.t.b'),
    columns: [
      ['a', id('public.t.a')],
      ['b', id('public.t.b')],
      ['count', []],
      ['sum', agg('public.t.a')],
      ['?column?', tf('public.t.a', 'public.t.b')],
      ['a', tf('public.t.a')],
      ['text', []],
      ['case', cnd('public.t.a')],
      ['coalesce', tf('public.t.a', 'public.t.b')],
      ['now', []],
      ['current_date', []],
      ['max', agg('public.u.c')],
      ['exists', []],
      ['array', tf('public.t.a')],
      ['?column?', []],
    ],
  },
  {
    name: 'table and subquery column aliases rename by position',
    sql: 'SELECT x.p, s.k FROM t AS x(p, q) CROSS JOIN (SELECT b, a FROM t) AS s(k)',
    inputs: ['public.t'],
    columns: [
      ['p', id('public.t.id')],
      ['k', id('public.t.b')],
    ],
  },
  {
    name: 'a FULL JOIN USING column merges both sides',
    sql: 'SELECT id, a, c FROM t FULL JOIN u USING (id)',
    inputs: ['public.t', 'public.u'],
    every: join('public.t.id', 'public.u.id'),
    columns: [
      ['id', tf('public.t.id', 'public.u.id')],
      ['a', id('public.t.a')],
      ['c', id('public.u.c')],
    ],
  },
  {
    name: 'NATURAL JOIN joins on the shared catalogued columns',
    sql: 'SELECT * FROM t NATURAL JOIN u',
    inputs: ['public.t', 'public.u'],
    every: join('public.t.id', 'public.u.id'),
    columns: [
      ['id', id('public.t.id')],
      ['a', id('public.t.a')],
      ['b', id('public.t.b')],
      ['t_id', id('public.u.t_id')],
      ['c', id('public.u.c')],
    ],
  },
  {
    name: 'a join alias exposes the joined columns',
    sql: 'SELECT j.a, j.c FROM (t JOIN u ON u.t_id = t.id) AS j',
    inputs: ['public.t', 'public.u'],
    every: join('public.u.t_id', 'public.t.id'),
    columns: [
      ['a', id('public.t.a')],
      ['c', id('public.u.c')],
    ],
  },
  {
    name: 'a USING alias names the merged column',
    sql: 'SELECT x.id FROM t JOIN u USING (id) AS x',
    inputs: ['public.t', 'public.u'],
    every: join('public.t.id', 'public.u.id'),
    columns: [['id', id('public.t.id')]],
  },
  {
    name: 'set-returning function in FROM reads columns to its left',
    sql: "SELECT t.id, tag FROM t, unnest(string_to_array(t.b, ',')) AS tag",
    inputs: ['public.t'],
    columns: [
      ['id', id('public.t.id')],
      ['tag', tf('public.t.b')],
    ],
  },
  {
    name: 'LATERAL generate_series WITH ORDINALITY and column aliases',
    sql: 'SELECT g.d, g.n FROM t CROSS JOIN LATERAL generate_series(t.a, t.b) WITH ORDINALITY AS g(d, n)',
    inputs: ['public.t'],
    columns: [
      ['d', tf('public.t.a', 'public.t.b')],
      ['n', []],
    ],
  },
  {
    name: 'jsonb_each yields key and value columns',
    sql: 'SELECT e.key, e.value FROM t CROSS JOIN LATERAL jsonb_each(t.b::jsonb) e',
    inputs: ['public.t'],
    columns: [
      ['key', tf('public.t.b')],
      ['value', tf('public.t.b')],
    ],
  },
  {
    name: 'inside WHERE a CASE condition is a filter like the rest',
    sql: 'SELECT a FROM t WHERE CASE WHEN b > 0 THEN id ELSE 0 END > 10',
    inputs: ['public.t'],
    every: fil('public.t.b', 'public.t.id'),
    columns: [['a', id('public.t.a')]],
  },
  {
    name: 'GROUP BY an output alias when the relation is not catalogued',
    sql: `
      SELECT date_trunc('month', created_at) AS month, count(*) AS n
      FROM signups
      GROUP BY month
      ORDER BY n DESC`,
    inputs: ['public.signups'],
    every: grp('public.signups.created_at'),
    columns: [
      ['month', tf('public.signups.created_at')],
      ['n', []],
    ],
  },
  {
    name: 'GROUP BY a name prefers the input column over an output alias',
    sql: 'SELECT max(a) * 10 AS b, count(*) AS n FROM t GROUP BY b',
    inputs: ['public.t'],
    every: grp('public.t.b'),
    columns: [
      ['b', agg('public.t.a')],
      ['n', []],
    ],
  },
  {
    name: 'correlated scalar subquery reads the outer row',
    sql: 'SELECT t.id, (SELECT count(*) FROM u WHERE u.t_id = t.id) AS n_u FROM t',
    inputs: ['public.t', 'public.u'],
    columns: [
      ['id', id('public.t.id')],
      ['n_u', fil('public.u.t_id', 'public.t.id')],
    ],
  },
  {
    name: 'three nested subqueries',
    sql: 'SELECT s.total FROM (SELECT sum(x.a) AS total FROM (SELECT a FROM t WHERE b > 0) x) s',
    inputs: ['public.t'],
    columns: [['total', [...agg('public.t.a'), ...fil('public.t.b')]]],
  },
  {
    name: 'subquery in FROM without an alias',
    sql: 'SELECT a FROM (SELECT a FROM t)',
    inputs: ['public.t'],
    columns: [['a', id('public.t.a')]],
  },
  {
    name: 'VALUES list in FROM joined to a table',
    sql: `
      SELECT v.code, v.label, t.a
      FROM (VALUES (1, 'one'), (2, 'two')) AS v(code, label)
      JOIN t ON t.id = v.code`,
    inputs: ['public.t'],
    every: join('public.t.id'),
    columns: [
      ['code', []],
      ['label', []],
      ['a', id('public.t.a')],
    ],
  },
  {
    name: 'a CTE shadows a table of the same name',
    sql: 'WITH t AS (SELECT c AS a FROM u) SELECT a FROM t',
    inputs: ['public.u'],
    columns: [['a', id('public.u.c')]],
  },
  {
    name: 'a WITH inside a subquery sees the outer CTEs',
    sql: `
      WITH base AS (SELECT id, a FROM t)
      SELECT * FROM (
        WITH inner_cte AS (SELECT id FROM base WHERE a > 1)
        SELECT id FROM inner_cte
      ) z`,
    inputs: ['public.t'],
    columns: [['id', [...id('public.t.id'), ...fil('public.t.a')]]],
  },
  {
    name: 'TABLESAMPLE reads the sampled table',
    sql: 'SELECT a FROM t TABLESAMPLE SYSTEM (10)',
    inputs: ['public.t'],
    columns: [['a', id('public.t.a')]],
  },
  {
    name: 'a window refining a named window inherits its partition',
    sql: 'SELECT sum(a) OVER (w ORDER BY b) AS running FROM t WINDOW w AS (PARTITION BY id)',
    inputs: ['public.t'],
    columns: [['running', [...agg('public.t.a'), ...win('public.t.b', 'public.t.id')]]],
  },
  {
    name: 'aggregate ORDER BY sorts and FILTER filters',
    sql: "SELECT string_agg(c, ',' ORDER BY t_id) FILTER (WHERE c <> '') AS cs FROM u",
    inputs: ['public.u'],
    columns: [['cs', [...agg('public.u.c'), ...srt('public.u.t_id'), ...fil('public.u.c')]]],
  },
  {
    name: 'WITHIN GROUP orders the aggregated values themselves',
    sql: 'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY a) AS median_a FROM t',
    inputs: ['public.t'],
    columns: [['median_a', agg('public.t.a')]],
  },
  {
    name: 'a whole-row reference reads every column',
    sql: 'SELECT row_to_json(t) AS j FROM t',
    inputs: ['public.t'],
    columns: [['j', tf('public.t.id', 'public.t.a', 'public.t.b')]],
  },
  {
    name: 'ORDER BY on a UNION sees its output columns',
    sql: 'SELECT a AS k FROM t UNION SELECT c FROM u ORDER BY k',
    inputs: ['public.t', 'public.u'],
    columns: [['k', [...id('public.t.a', 'public.u.c'), ...srt('public.t.a', 'public.u.c')]]],
  },
];

const PROBLEMS: Case[] = [
  {
    name: 'unknown column of a catalogued table',
    sql: 'SELECT t.zzz FROM t',
    inputs: ['public.t'],
    columns: [['zzz', []]],
    errors: ['column public.t.zzz does not exist'],
  },
  {
    name: 'qualifier with no FROM entry',
    sql: 'SELECT nope.a FROM t',
    inputs: ['public.t'],
    columns: [['a', []]],
    errors: ['missing FROM-clause entry for "nope"'],
  },
  {
    name: 'UNION branches with different widths',
    sql: 'SELECT a, b FROM t UNION SELECT c FROM u',
    inputs: ['public.t', 'public.u'],
    columns: [
      ['a', id('public.t.a', 'public.u.c')],
      ['b', id('public.t.b')],
    ],
    errors: ['must have the same number of columns'],
  },
  {
    name: 'reference to an undefined window',
    sql: 'SELECT sum(a) OVER nope FROM t',
    inputs: ['public.t'],
    columns: [['sum', agg('public.t.a')]],
    errors: ['window "nope" does not exist'],
  },
  {
    name: 'INSERT without a column list into an uncatalogued table',
    sql: 'INSERT INTO archive SELECT a FROM t',
    kind: 'insert',
    output: 'public.archive',
    inputs: ['public.t'],
    columns: [],
    errors: ['needs public.archive in the catalog'],
  },
  {
    name: 'data-modifying CTE is reported as unsupported',
    sql: 'WITH moved AS (DELETE FROM t RETURNING a) INSERT INTO u (c) SELECT a FROM moved',
    kind: 'insert',
    output: 'public.u',
    inputs: [],
    columns: [['c', []]],
    errors: ['unsupported subquery DeleteStmt', 'column "a" does not exist'],
  },
];

describe('analyzeSqlLineage resolution rules', () => {
  it.each(RESOLUTION)('$name', check);
  it.each(PROBLEMS)('reports $name', check);
});
