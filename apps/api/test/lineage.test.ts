import type { MetadataRecordInput } from '@almanac/sdk';
import { ROLES, type Role } from '@almanac/policies';
import { warehouse, table } from './support/builders.js';
import { ndjson, startTestApp, type TestApp } from './support/test-app.js';

const T = (name: string) => `lin.db.public.${name}`;

function edge(from: string, to: string, columns: [string, string, 'INDIRECT'?][] = []) {
  return {
    kind: 'lineage_edge',
    from: T(from),
    to: T(to),
    source: 'sql',
    pipeline: 'etl.nightly',
    columns: columns.map(([f, c, type]) => ({
      from: [`${T(from)}.${f}`],
      to: `${T(to)}.${c}`,
      transformation: type
        ? { type, subtype: 'FILTER' }
        : { type: 'DIRECT' as const, subtype: 'IDENTITY' },
    })),
  } satisfies MetadataRecordInput;
}

// raw → stg → orders → clv → report, stg → sessions, and a cycle clv → stg.
const RECORDS: MetadataRecordInput[] = [
  ...warehouse('lin'),
  { kind: 'service', fqn: 'etl', serviceType: 'Airflow' },
  { kind: 'pipeline', fqn: 'etl.nightly', tasks: [] },
  ...['raw', 'stg', 'orders', 'clv', 'report', 'sessions'].map((name) =>
    table(T(name), {
      columns: [
        { name: 'id', dataType: 'bigint' },
        { name: 'email', dataType: 'text' },
      ],
      ...(name === 'report' ? { owners: [{ type: 'team', name: 'finance' }] } : {}),
    }),
  ),
  edge('raw', 'stg', [
    ['email', 'email'],
    ['id', 'id'],
  ]),
  edge('stg', 'orders', [
    ['email', 'email'],
    ['id', 'id', 'INDIRECT'],
  ]),
  edge('orders', 'clv', [['email', 'email']]),
  edge('clv', 'report', [['email', 'email']]),
  edge('stg', 'sessions', [['id', 'id']]),
  edge('clv', 'stg'),
];

interface Graph {
  nodes: { fqn: string; depth: number; type: string | null; owners: { name: string }[] }[];
  edges: {
    from: string;
    to: string;
    pipeline: string | null;
    source: string;
    columns: { from: string[]; to: string; type: string; subtype: string }[];
  }[];
}

describe('lineage and impact (real PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const result = await t.ingest(ndjson(RECORDS));
    expect(result.body).toMatchObject({ rejected: 0 });
  });
  afterAll(async () => t.close());

  const LINEAGE = `query($fqn: String!, $up: Int, $down: Int, $cols: Boolean) {
    lineage(fqn: $fqn, upstreamDepth: $up, downstreamDepth: $down, columnLevel: $cols) {
      nodes { fqn depth type owners { name } }
      edges { from to pipeline source columns { from to type subtype } }
    } }`;

  it('returns the graph around an asset to the asked depth, with pipelines and column mappings', async () => {
    const result = await t.gql<{ lineage: Graph }>(LINEAGE, {
      fqn: T('orders'),
      up: 1,
      down: 2,
      cols: true,
    });
    const graph = result.data?.lineage;
    expect(graph?.nodes.map((n) => `${n.fqn.slice(14)}@${n.depth}`)).toEqual([
      'stg@-1',
      'orders@0',
      'clv@1',
      'report@2',
    ]);
    expect(graph?.nodes.every((n) => n.type === 'table')).toBe(true);
    const toOrders = graph?.edges.find((e) => e.to === T('orders'));
    expect(toOrders).toMatchObject({ pipeline: 'etl.nightly', source: 'sql' });
    expect(toOrders?.columns).toEqual(
      expect.arrayContaining([
        {
          from: [`${T('stg')}.email`],
          to: `${T('orders')}.email`,
          type: 'DIRECT',
          subtype: 'IDENTITY',
        },
        { from: [`${T('stg')}.id`], to: `${T('orders')}.id`, type: 'INDIRECT', subtype: 'FILTER' },
      ]),
    );
  });

  it('is cycle-safe at depth 10 and leaves columns out unless asked', async () => {
    const result = await t.gql<{ lineage: Graph }>(LINEAGE, { fqn: T('stg'), up: 10, down: 10 });
    const graph = result.data?.lineage;
    expect(new Set(graph?.nodes.map((n) => n.fqn)).size).toBe(6);
    expect(graph?.edges).toHaveLength(6);
    expect(graph?.edges.every((e) => e.columns.length === 0)).toBe(true);
    const tooDeep = await t.gql(LINEAGE, { fqn: T('stg'), down: 11 });
    expect(tooDeep.errors?.[0]?.message).toBe(
      'downstreamDepth must be a whole number from 0 to 10, got 11',
    );
  });

  it('traces one column both ways', async () => {
    const result = await t.gql<{
      columnLineage: { columns: { fqn: string; depth: number }[] };
    }>(`query($fqn: String!) { columnLineage(fqn: $fqn) { columns { fqn depth } } }`, {
      fqn: `${T('orders')}.email`,
    });
    expect(result.data?.columnLineage.columns).toEqual([
      { fqn: `${T('raw')}.email`, depth: -2 },
      { fqn: `${T('stg')}.email`, depth: -1 },
      { fqn: `${T('orders')}.email`, depth: 0 },
      { fqn: `${T('clv')}.email`, depth: 1 },
      { fqn: `${T('report')}.email`, depth: 2 },
    ]);
  });

  it('lists the impact with owners to notify, also as CSV', async () => {
    const result = await t.gql<{
      impact: { assets: { fqn: string; depth: number; owners: { name: string }[] }[]; csv: string };
    }>(
      `query($fqn: String!) { impact(fqn: $fqn, depth: 5) { assets { fqn depth owners { name } } csv } }`,
      {
        fqn: T('orders'),
      },
    );
    const impact = result.data?.impact;
    expect(impact?.assets.map((a) => `${a.fqn.slice(14)}@${a.depth}`)).toEqual([
      'clv@1',
      'report@2',
      'stg@2',
      'sessions@3',
    ]);
    expect(impact?.assets.find((a) => a.fqn === T('report'))?.owners).toEqual([
      { name: 'finance' },
    ]);
    const response = await fetch(
      `${t.url}/api/v1/impact.csv?fqn=${encodeURIComponent(T('orders'))}&depth=5`,
      { headers: { authorization: `Bearer ${t.adminToken}` } },
    );
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const csv = await response.text();
    expect(csv).toBe(impact?.csv);
    expect(csv).toContain(`asset,2,table,${T('report')},team:finance\n`);
    expect(csv).toContain(`column,2,column,${T('report')}.email,\n`);
    const bad = await fetch(`${t.url}/api/v1/impact.csv?depth=x`, {
      headers: { authorization: `Bearer ${t.adminToken}` },
    });
    expect(bad.status).toBe(400);
  });

  describe('manual edges', () => {
    const ADD = `mutation($from: String!, $to: String!, $columns: [ColumnPairInput!]) {
      addLineageEdge(from: $from, to: $to, columns: $columns) }`;
    const REMOVE = `mutation($from: String!, $to: String!) { removeLineageEdge(from: $from, to: $to) }`;

    it('are added and removed by engineers, audited, and refused to other roles', async () => {
      const vars = {
        from: T('report'),
        to: T('sessions'),
        columns: [{ from: `${T('report')}.id`, to: `${T('sessions')}.id` }],
      };
      const outcome = async (role: Role): Promise<string | null> => {
        const token = await t.tokenFor(role);
        const added = await t.gql(ADD, vars, token);
        if (added.errors) return added.errors[0]?.extensions?.code ?? 'error';
        const removed = await t.gql(REMOVE, vars, token);
        return removed.errors?.[0]?.extensions?.code ?? null;
      };
      for (const role of ROLES)
        expect({ role, code: await outcome(role) }).toEqual({
          role,
          code: role === 'Admin' || role === 'DataEngineer' ? null : 'FORBIDDEN',
        });
      const audit = await t.gql<{ auditLog: { action: string; target: string }[] }>(
        `query { auditLog(first: 10) { action target } }`,
      );
      const actions = audit.data?.auditLog.map((entry) => entry.action) ?? [];
      expect(actions.filter((a) => a === 'lineage.addEdge')).toHaveLength(2);
      expect(actions.filter((a) => a === 'lineage.removeEdge')).toHaveLength(2);
    });

    it('show in lineage as manual, and refuse bad input with the reason', async () => {
      await t.gql(ADD, { from: T('report'), to: T('sessions') });
      const graph = await t.gql<{ lineage: Graph }>(LINEAGE, { fqn: T('report'), up: 0, down: 1 });
      expect(graph.data?.lineage.edges).toEqual([
        expect.objectContaining({ from: T('report'), to: T('sessions'), source: 'manual' }),
      ]);
      const unknown = await t.gql(ADD, { from: T('report'), to: T('nowhere') });
      expect(unknown.errors?.[0]?.message).toBe(`no asset with FQN ${T('nowhere')}`);
      const known = await t.gql(ADD, { from: T('raw'), to: T('stg') });
      expect(known.errors?.[0]?.message).toMatch(/already known from sql/);
      const wrongColumn = await t.gql(ADD, {
        from: T('raw'),
        to: T('report'),
        columns: [{ from: `${T('stg')}.id`, to: `${T('report')}.id` }],
      });
      expect(wrongColumn.errors?.[0]?.message).toBe(
        `column ${T('stg')}.id is not a column of ${T('raw')}`,
      );
      const notManual = await t.gql(REMOVE, { from: T('raw'), to: T('stg') });
      expect(notManual.errors?.[0]?.message).toMatch(/comes from sql, not a manual edge/);
    });
  });
});
