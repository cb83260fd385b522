import type { ColumnRow, RelationRow } from './catalog-queries.js';
import { PostgresFqns } from './postgres-fqns.js';
import { viewLineage } from './view-lineage.js';

const fqns = new PostgresFqns('pg', 'shop');

function relation(oid: number, name: string, overrides: Partial<RelationRow> = {}): RelationRow {
  return {
    oid,
    schema: 'public',
    name,
    kind: 'r',
    unlogged: false,
    description: null,
    estimated_rows: null,
    view_definition: null,
    partition_root_schema: null,
    partition_root_name: null,
    partition_key: null,
    partitions: null,
    foreign_server: null,
    ...overrides,
  };
}

function columns(oid: number, ...names: string[]): ColumnRow[] {
  return names.map((name, index) => ({
    relation_oid: oid,
    name,
    ordinal: index + 1,
    data_type: 'text',
    not_null: false,
    default_value: null,
    identity: '',
    generated: '',
    description: null,
  }));
}

const events = relation(1, 'events', { kind: 'p' });
const events2025 = relation(2, 'events_2025', {
  partition_root_schema: 'public',
  partition_root_name: 'events',
});
const allColumns = [
  ...columns(1, 'id', 'kind'),
  ...columns(2, 'id', 'kind'),
  ...columns(3, 'id', 'kind'),
];
const columnsOf = (r: RelationRow) => allColumns.filter((c) => c.relation_oid === r.oid);

describe('viewLineage', () => {
  it('expands * from the catalog and leads a partition back to its partitioned table', async () => {
    const view = relation(3, 'recent', {
      kind: 'v',
      view_definition: ' SELECT * FROM events_2025',
    });
    const { edges, warnings } = await viewLineage([events, events2025, view], columnsOf, fqns);
    expect(warnings).toEqual([]);
    expect(edges).toEqual([
      {
        kind: 'lineage_edge',
        from: 'pg.shop.public.events',
        to: 'pg.shop.public.recent',
        source: 'sql',
        sql: 'SELECT * FROM events_2025',
        columns: [
          {
            from: ['pg.shop.public.events.id'],
            to: 'pg.shop.public.recent.id',
            transformation: { type: 'DIRECT', subtype: 'IDENTITY' },
          },
          {
            from: ['pg.shop.public.events.kind'],
            to: 'pg.shop.public.recent.kind',
            transformation: { type: 'DIRECT', subtype: 'IDENTITY' },
          },
        ],
      },
    ]);
  });

  it('reports a definition it cannot parse as a warning, without edges', async () => {
    const broken = relation(4, 'broken', { kind: 'v', view_definition: 'SELECT FROM WHERE ((' });
    const { edges, warnings } = await viewLineage([events, broken], columnsOf, fqns);
    expect(edges).toEqual([]);
    expect(warnings).toEqual([
      'view public.broken: cannot analyze its definition, no lineage: syntax error at or near "WHERE"',
    ]);
  });

  it('keeps what it can when a column is unknown, and says so', async () => {
    const view = relation(5, 'odd', {
      kind: 'v',
      view_definition: 'SELECT e.id, e.missing FROM public.events e',
    });
    const { edges, warnings } = await viewLineage([events, view], columnsOf, fqns);
    expect(edges.map((e) => [e.from, e.columns?.map((c) => c.to)])).toEqual([
      ['pg.shop.public.events', ['pg.shop.public.odd.id']],
    ]);
    expect(warnings).toEqual([
      expect.stringMatching(/^view public\.odd: lineage may be incomplete: /),
    ]);
  });
});
