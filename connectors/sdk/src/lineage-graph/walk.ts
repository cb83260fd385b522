import type { ColumnEdge, LineageEdge, LineageStore } from './types.js';

/**
 * A node reached by a walk; depth is negative upstream, positive downstream, 0 for the root. A node
 * on a cycle through the root is listed once, at its upstream distance.
 */
export interface LineageNode {
  fqn: string;
  depth: number;
}

export interface LineageWalk {
  root: string;
  nodes: LineageNode[];
  edges: LineageEdge[];
  /** Column mappings of the edges, when asked for. */
  columns: ColumnEdge[];
}

export interface WalkOptions {
  upstreamDepth: number;
  downstreamDepth: number;
  columnLevel?: boolean;
}

type Direction = 'up' | 'down';

/**
 * Breadth-first in one direction, one query per hop. A node is expanded once, at its nearest
 * distance, so cycles end the walk instead of looping.
 */
async function walkDirection(
  store: LineageStore,
  root: string,
  direction: Direction,
  maxDepth: number,
  depths: Map<string, number>,
  edges: Map<string, LineageEdge>,
): Promise<void> {
  const seen = new Set([root]);
  let frontier = [root];
  for (let hop = 1; hop <= maxDepth && frontier.length > 0; hop += 1) {
    const found =
      direction === 'down' ? await store.edgesFrom(frontier) : await store.edgesTo(frontier);
    const next: string[] = [];
    for (const edge of found) {
      edges.set(edge.id, edge);
      const reached = direction === 'down' ? edge.to : edge.from;
      if (seen.has(reached)) continue;
      seen.add(reached);
      next.push(reached);
      if (!depths.has(reached)) depths.set(reached, direction === 'down' ? hop : -hop);
    }
    frontier = next;
  }
}

/** The lineage graph around one table, up to the given depths in each direction. */
export async function walkLineage(
  store: LineageStore,
  root: string,
  options: WalkOptions,
): Promise<LineageWalk> {
  const depths = new Map<string, number>([[root, 0]]);
  const edges = new Map<string, LineageEdge>();
  await walkDirection(store, root, 'up', options.upstreamDepth, depths, edges);
  await walkDirection(store, root, 'down', options.downstreamDepth, depths, edges);
  const edgeList = [...edges.values()].sort(
    (a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.id.localeCompare(b.id),
  );
  const columns =
    options.columnLevel && edgeList.length > 0
      ? await store.columnEdges(edgeList.map((edge) => edge.id))
      : [];
  const nodes = [...depths].map(([fqn, depth]) => ({ fqn, depth }));
  nodes.sort((a, b) => a.depth - b.depth || a.fqn.localeCompare(b.fqn));
  return { root, nodes, edges: edgeList, columns };
}

export interface ColumnWalk {
  column: string;
  /** Every column mapping on the paths through the column, both directions. */
  edges: ColumnEdge[];
  /** Columns reached, with their distance (negative upstream). */
  columns: LineageNode[];
}

async function walkColumns(
  store: LineageStore,
  column: string,
  direction: Direction,
  maxDepth: number,
  depths: Map<string, number>,
  found: Map<string, ColumnEdge>,
): Promise<void> {
  const seen = new Set([column]);
  let frontier = [column];
  for (let hop = 1; hop <= maxDepth && frontier.length > 0; hop += 1) {
    const edges =
      direction === 'down'
        ? await store.columnEdgesFrom(frontier)
        : await store.columnEdgesTo(frontier);
    const next: string[] = [];
    for (const edge of edges) {
      found.set(`${edge.edgeId}|${edge.from}|${edge.to}`, edge);
      const reached = direction === 'down' ? edge.to : edge.from;
      if (seen.has(reached)) continue;
      seen.add(reached);
      next.push(reached);
      if (!depths.has(reached)) depths.set(reached, direction === 'down' ? hop : -hop);
    }
    frontier = next;
  }
}

/** The path of one column: where its values come from and where they go. */
export async function walkColumnLineage(
  store: LineageStore,
  column: string,
  depth: number,
): Promise<ColumnWalk> {
  const depths = new Map<string, number>([[column, 0]]);
  const found = new Map<string, ColumnEdge>();
  await walkColumns(store, column, 'up', depth, depths, found);
  await walkColumns(store, column, 'down', depth, depths, found);
  const columns = [...depths].map(([fqn, d]) => ({ fqn, depth: d }));
  columns.sort((a, b) => a.depth - b.depth || a.fqn.localeCompare(b.fqn));
  return { column, edges: [...found.values()], columns };
}
