import { describe, expect, it } from '@jest/globals';
import {
  columnLinks,
  columnName,
  columnPath,
  lineageColumns,
  visibleLineage,
  type ViewEdge,
} from './lineage-view';

const edge = (from: string, to: string, columns: ViewEdge['columns'] = []): ViewEdge => ({
  from,
  to,
  columns,
});

//  up2 → up1 → root → a → b → c
//                   ↘ d
const nodes = [
  { fqn: 'up2', depth: -2 },
  { fqn: 'up1', depth: -1 },
  { fqn: 'root', depth: 0 },
  { fqn: 'a', depth: 1 },
  { fqn: 'b', depth: 2 },
  { fqn: 'c', depth: 3 },
  { fqn: 'd', depth: 1 },
];
const edges = [
  edge('up2', 'up1'),
  edge('up1', 'root'),
  edge('root', 'a'),
  edge('a', 'b'),
  edge('b', 'c'),
  edge('root', 'd'),
];
const fqns = (list: { fqn: string }[]) => list.map((node) => node.fqn).sort();

describe('visibleLineage', () => {
  it('shows everything when nothing is collapsed, and knows which nodes branch away from the root', () => {
    const view = visibleLineage('root', nodes, edges, new Set());
    expect(fqns(view.nodes)).toEqual(fqns(nodes));
    expect(view.edges).toHaveLength(edges.length);
    expect([...view.branching].sort()).toEqual(['a', 'b', 'root', 'up1']);
  });

  it('hides the branch behind a collapsed downstream node but keeps the node itself', () => {
    const view = visibleLineage('root', nodes, edges, new Set(['a']));
    expect(fqns(view.nodes)).toEqual(['a', 'd', 'root', 'up1', 'up2']);
    expect(view.edges.map((e) => `${e.from}>${e.to}`)).not.toContain('a>b');
  });

  it('collapses upstream branches towards the left', () => {
    const view = visibleLineage('root', nodes, edges, new Set(['up1']));
    expect(fqns(view.nodes)).toEqual(['a', 'b', 'c', 'd', 'root', 'up1']);
  });

  it('keeps a node reachable through another open branch', () => {
    const diamond = [...edges, edge('d', 'b')];
    const view = visibleLineage('root', nodes, diamond, new Set(['a']));
    expect(fqns(view.nodes)).toContain('b');
    expect(fqns(view.nodes)).toContain('c');
  });

  it('stops at cycles and shows only the root when the root is collapsed', () => {
    const cyclic = [...edges, edge('c', 'root'), edge('root', 'up1')];
    expect(fqns(visibleLineage('root', nodes, cyclic, new Set()).nodes)).toEqual(fqns(nodes));
    expect(fqns(visibleLineage('root', nodes, cyclic, new Set(['root'])).nodes)).toEqual(['root']);
  });
});

describe('column lineage', () => {
  const mapped = [
    edge('s.orders', 's.valid', [
      { from: ['s.orders.total'], to: 's.valid.total' },
      { from: ['s.orders.id', 's.orders.status'], to: 's.valid.order_id' },
      { from: ['s.orders.status'], to: 's.valid.total', type: 'INDIRECT' },
    ]),
    edge('s.valid', 's.clv', [
      { from: ['s.valid.total'], to: 's.clv.lifetime_value' },
      { from: ['s.valid.order_id'], to: 's.clv.orders' },
    ]),
  ];

  it('names a column inside its table, quotes and dots in the name included', () => {
    expect(columnName('s.orders', 's.orders.total')).toBe('total');
    expect(columnName('s.orders', 's.orders."a.b"')).toBe('"a.b"');
    expect(columnName('s.orders', 'elsewhere.x')).toBe('elsewhere.x');
  });

  it('lists the columns each table takes part in', () => {
    const columns = lineageColumns(columnLinks(mapped));
    expect(columns.get('s.orders')).toEqual(['total', 'id', 'status']);
    expect(columns.get('s.valid')).toEqual(['total', 'order_id']);
    expect(columns.get('s.clv')).toEqual(['lifetime_value', 'orders']);
  });

  it("follows one column's path both ways without straying into its siblings", () => {
    const links = columnLinks(mapped);
    expect(links).toHaveLength(5);
    expect(columnPath(links, 's.valid.total').columns.has('s.orders.status')).toBe(false);
    const path = columnPath(links, 's.valid.order_id');
    expect([...path.columns].sort()).toEqual([
      's.clv.orders',
      's.orders.id',
      's.orders.status',
      's.valid.order_id',
    ]);
    expect([...path.links].sort()).toEqual([
      's.orders.id->s.valid.order_id',
      's.orders.status->s.valid.order_id',
      's.valid.order_id->s.clv.orders',
    ]);
    const fromSource = columnPath(links, 's.orders.id');
    expect(fromSource.columns.has('s.orders.status')).toBe(false);
    expect(fromSource.columns.has('s.clv.orders')).toBe(true);
  });

  it('leaves indirect links (filters, join and grouping keys) out unless asked for', () => {
    const withIndirect = columnLinks(mapped, true);
    expect(withIndirect).toHaveLength(6);
    expect(columnPath(withIndirect, 's.valid.total').columns.has('s.orders.status')).toBe(true);
  });
});
