import { computeImpact, impactCsv } from './impact.js';
import { lineageDepth, type ColumnEdge, type LineageEdge, type LineageStore } from './types.js';
import { walkColumnLineage, walkLineage } from './walk.js';

/** An in-memory store that also counts round trips, to prove one query per hop. */
class MemoryStore implements LineageStore {
  calls = 0;
  constructor(
    private readonly edges: LineageEdge[],
    private readonly columns: ColumnEdge[] = [],
  ) {}
  private count<T>(value: T): Promise<T> {
    this.calls += 1;
    return Promise.resolve(value);
  }
  edgesFrom(fqns: readonly string[]) {
    return this.count(this.edges.filter((edge) => fqns.includes(edge.from)));
  }
  edgesTo(fqns: readonly string[]) {
    return this.count(this.edges.filter((edge) => fqns.includes(edge.to)));
  }
  columnEdges(ids: readonly string[]) {
    return this.count(this.columns.filter((edge) => ids.includes(edge.edgeId)));
  }
  columnEdgesFrom(columns: readonly string[]) {
    return this.count(this.columns.filter((edge) => columns.includes(edge.from)));
  }
  columnEdgesTo(columns: readonly string[]) {
    return this.count(this.columns.filter((edge) => columns.includes(edge.to)));
  }
}

const edge = (from: string, to: string): LineageEdge => ({
  id: `${from}>${to}`,
  from,
  to,
  pipeline: null,
  source: 'sql',
});
const mapping = (from: string, to: string, type = 'DIRECT'): ColumnEdge => ({
  edgeId: `${from.split('.').slice(0, -1).join('.')}>${to.split('.').slice(0, -1).join('.')}`,
  from,
  to,
  transformation: { type },
});

// raw → stg → orders → clv → dashboard, with a cycle clv → stg and a side branch stg → sessions.
const chain = [
  edge('s.raw', 's.stg'),
  edge('s.stg', 's.orders'),
  edge('s.orders', 's.clv'),
  edge('s.clv', 'd.board'),
  edge('s.clv', 's.stg'),
  edge('s.stg', 's.sessions'),
];
const columns = [
  mapping('s.raw.price', 's.stg.price'),
  mapping('s.stg.price', 's.orders.total'),
  mapping('s.orders.total', 's.clv.value'),
  mapping('s.orders.total', 's.clv.segment', 'INDIRECT'),
  mapping('s.stg.user', 's.sessions.user'),
];

describe('walkLineage', () => {
  it('walks both directions to the asked depth, nearest distance first, one query per hop', async () => {
    const store = new MemoryStore(chain, columns);
    const walk = await walkLineage(store, 's.orders', { upstreamDepth: 1, downstreamDepth: 2 });
    expect(walk.nodes).toEqual([
      { fqn: 's.stg', depth: -1 },
      { fqn: 's.orders', depth: 0 },
      { fqn: 's.clv', depth: 1 },
      { fqn: 'd.board', depth: 2 },
    ]);
    expect(walk.edges.map((e) => e.id)).toEqual([
      's.clv>d.board',
      's.clv>s.stg',
      's.orders>s.clv',
      's.stg>s.orders',
    ]);
    expect(store.calls).toBe(3);
    expect(walk.columns).toEqual([]);
  });

  it('stops at cycles and returns column mappings on request', async () => {
    const walk = await walkLineage(new MemoryStore(chain, columns), 's.stg', {
      upstreamDepth: 10,
      downstreamDepth: 10,
      columnLevel: true,
    });
    // s.orders and s.clv sit on a cycle through the root: listed once, at their upstream distance.
    expect(walk.nodes.map((n) => `${n.fqn}@${n.depth}`)).toEqual([
      's.orders@-2',
      's.clv@-1',
      's.raw@-1',
      's.stg@0',
      's.sessions@1',
      'd.board@3',
    ]);
    expect(walk.edges).toHaveLength(chain.length);
    expect(walk.columns).toHaveLength(columns.length);
  });
});

describe('walkColumnLineage', () => {
  it('follows one column upstream and downstream', async () => {
    const walk = await walkColumnLineage(new MemoryStore(chain, columns), 's.orders.total', 5);
    expect(walk.columns).toEqual([
      { fqn: 's.raw.price', depth: -2 },
      { fqn: 's.stg.price', depth: -1 },
      { fqn: 's.orders.total', depth: 0 },
      { fqn: 's.clv.segment', depth: 1 },
      { fqn: 's.clv.value', depth: 1 },
    ]);
    expect(walk.edges).toHaveLength(4);
  });
});

describe('computeImpact', () => {
  it('lists downstream assets with owners and the columns derived from the root', async () => {
    const owners = (fqns: readonly string[]) =>
      Promise.resolve(
        new Map(fqns.map((fqn) => [fqn, fqn === 'd.board' ? [{ name: 'bi', type: 'team' }] : []])),
      );
    const impact = await computeImpact(new MemoryStore(chain, columns), owners, 's.stg', 10);
    expect(impact.assets.map((a) => `${a.fqn}@${a.depth}`)).toEqual([
      's.orders@1',
      's.sessions@1',
      's.clv@2',
      'd.board@3',
    ]);
    expect(impact.assets.at(-1)?.owners).toEqual([{ name: 'bi', type: 'team' }]);
    expect(impact.columns).toEqual([
      { fqn: 's.orders.total', depth: 1 },
      { fqn: 's.sessions.user', depth: 1 },
      { fqn: 's.clv.segment', depth: 2 },
      { fqn: 's.clv.value', depth: 2 },
    ]);
    const csv = impactCsv(impact, (fqn) => (fqn.startsWith('d.') ? 'dashboard' : 'table'));
    expect(csv.split('\n')[0]).toBe('kind,depth,type,fqn,owners');
    expect(csv).toContain('asset,3,dashboard,d.board,team:bi\n');
    expect(csv).toContain('column,2,column,s.clv.value,\n');
  });
});

describe('lineageDepth', () => {
  it('defaults to 3 and refuses depths outside 0..10', () => {
    expect(lineageDepth(undefined, 'depth')).toBe(3);
    expect(lineageDepth(10, 'depth')).toBe(10);
    expect(() => lineageDepth(11, 'downstreamDepth')).toThrow(
      'downstreamDepth must be a whole number from 0 to 10, got 11',
    );
    expect(() => lineageDepth(1.5, 'depth')).toThrow('got 1.5');
  });
});
