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

interface Traversal<E> {
  /** The edges touching any node of the frontier in the walk's direction: one query. */
  fetch: (frontier: string[]) => Promise<E[]>;
  /** The node an edge leads to in the walk's direction. */
  next: (edge: E) => string;
  onEdge: (edge: E) => void;
  onReach: (node: string, hop: number) => void;
}

/**
 * Breadth-first in one direction, one query per hop. A node is expanded once, at its nearest
 * distance, so cycles end the walk instead of looping.
 */
async function breadthFirst<E>(start: string, maxDepth: number, walk: Traversal<E>) {
  const seen = new Set([start]);
  let frontier = [start];
  for (let hop = 1; hop <= maxDepth && frontier.length > 0; hop += 1) {
    const next: string[] = [];
    for (const edge of await walk.fetch(frontier)) {
      walk.onEdge(edge);
      const reached = walk.next(edge);
      if (seen.has(reached)) continue;
      seen.add(reached);
      next.push(reached);
      walk.onReach(reached, hop);
    }
    frontier = next;
  }
}

/** Records a node's distance unless it already has one (negative upstream). */
function recordDepth(depths: Map<string, number>, direction: Direction) {
  return (node: string, hop: number): void => {
    if (!depths.has(node)) depths.set(node, direction === 'down' ? hop : -hop);
  };
}

async function walkDirection(
  store: LineageStore,
  root: string,
  direction: Direction,
  maxDepth: number,
  depths: Map<string, number>,
  edges: Map<string, LineageEdge>,
): Promise<void> {
  await breadthFirst<LineageEdge>(root, maxDepth, {
    fetch: (frontier) =>
      direction === 'down' ? store.edgesFrom(frontier) : store.edgesTo(frontier),
    next: (edge) => (direction === 'down' ? edge.to : edge.from),
    onEdge: (edge) => edges.set(edge.id, edge),
    onReach: recordDepth(depths, direction),
  });
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
  await breadthFirst<ColumnEdge>(column, maxDepth, {
    fetch: (frontier) =>
      direction === 'down' ? store.columnEdgesFrom(frontier) : store.columnEdgesTo(frontier),
    next: (edge) => (direction === 'down' ? edge.to : edge.from),
    onEdge: (edge) => found.set(`${edge.edgeId}|${edge.from}|${edge.to}`, edge),
    onReach: recordDepth(depths, direction),
  });
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
