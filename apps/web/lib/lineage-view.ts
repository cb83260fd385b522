/**
 * What the lineage graph shows, computed from the API's answer without React: which nodes stay
 * visible when branches are collapsed, which columns each node draws, and the path of one column.
 */

export interface ViewNode {
  fqn: string;
  /** Hops from the root: negative upstream, positive downstream. */
  depth: number;
}

export interface ViewMapping {
  from: string[];
  to: string;
  /** DIRECT or INDIRECT, as OpenLineage defines them; unknown counts as direct. */
  type?: string | null;
}

export interface ViewEdge {
  from: string;
  to: string;
  columns: ViewMapping[];
}

export interface LineageView<TNode extends ViewNode, TEdge extends ViewEdge> {
  nodes: TNode[];
  edges: TEdge[];
  /** Nodes with a branch leading away from the root, which can therefore be collapsed. */
  branching: Set<string>;
}

/** The direction that leads away from the root: downstream nodes grow to the right, upstream to the left. */
function awayFromRoot(depth: number): 'down' | 'up' | 'both' {
  if (depth === 0) return 'both';
  return depth > 0 ? 'down' : 'up';
}

/**
 * The part of the graph reachable from the root without passing through a collapsed node: a
 * collapsed node stays visible, the branch behind it (away from the root) does not.
 */
export function visibleLineage<TNode extends ViewNode, TEdge extends ViewEdge>(
  root: string,
  nodes: readonly TNode[],
  edges: readonly TEdge[],
  collapsed: ReadonlySet<string>,
): LineageView<TNode, TEdge> {
  const byFqn = new Map(nodes.map((node) => [node.fqn, node]));
  const downstream = groupBy(edges, (edge) => edge.from);
  const upstream = groupBy(edges, (edge) => edge.to);
  const branching = new Set<string>();
  const neighboursAway = (node: TNode): string[] => {
    const direction = awayFromRoot(node.depth);
    const down = direction === 'up' ? [] : (downstream.get(node.fqn) ?? []).map((e) => e.to);
    const up = direction === 'down' ? [] : (upstream.get(node.fqn) ?? []).map((e) => e.from);
    return [...down, ...up].filter((fqn) => {
      const next = byFqn.get(fqn);
      return next !== undefined && Math.abs(next.depth) > Math.abs(node.depth);
    });
  };

  const visible = new Set<string>();
  const rootNode = byFqn.get(root);
  const queue: TNode[] = rootNode ? [rootNode] : [];
  if (rootNode) visible.add(root);
  for (let index = 0; index < queue.length; index += 1) {
    const node = queue[index];
    const next = neighboursAway(node);
    if (next.length > 0) branching.add(node.fqn);
    if (collapsed.has(node.fqn)) continue;
    for (const fqn of next) {
      if (visible.has(fqn)) continue;
      visible.add(fqn);
      queue.push(byFqn.get(fqn)!);
    }
  }
  return {
    nodes: nodes.filter((node) => visible.has(node.fqn)),
    edges: edges.filter((edge) => visible.has(edge.from) && visible.has(edge.to)),
    branching,
  };
}

/** The name of a column FQN inside its table's FQN (`shop.public.orders.total` → `total`). */
export function columnName(tableFqn: string, columnFqn: string): string {
  return columnFqn.startsWith(`${tableFqn}.`) ? columnFqn.slice(tableFqn.length + 1) : columnFqn;
}

/** One column-to-column link of the drawn graph. */
export interface ColumnLink {
  fromTable: string;
  fromColumn: string;
  toTable: string;
  toColumn: string;
}

/**
 * Every column-to-column link of the edges, one per source column of each mapping. Indirect ones
 * (filters, join and grouping keys) only when asked for: they tie most columns of a model together.
 */
export function columnLinks(edges: readonly ViewEdge[], withIndirect = false): ColumnLink[] {
  const wanted = (mapping: ViewMapping) => withIndirect || mapping.type !== 'INDIRECT';
  return edges.flatMap((edge) =>
    edge.columns.filter(wanted).flatMap((mapping) =>
      mapping.from.map((from) => ({
        fromTable: edge.from,
        fromColumn: from,
        toTable: edge.to,
        toColumn: mapping.to,
      })),
    ),
  );
}

/** The columns each node takes part in, in first-seen order: what the column-level view draws. */
export function lineageColumns(links: readonly ColumnLink[]): Map<string, string[]> {
  const columns = new Map<string, Set<string>>();
  const add = (table: string, column: string) => {
    const set = columns.get(table) ?? new Set<string>();
    set.add(columnName(table, column));
    columns.set(table, set);
  };
  for (const link of links) {
    add(link.toTable, link.toColumn);
    add(link.fromTable, link.fromColumn);
  }
  return new Map([...columns].map(([table, set]) => [table, [...set]]));
}

/** A column link's key, shared by the path below and the graph's edge ids. */
export function columnLinkKey(link: ColumnLink): string {
  return `${link.fromColumn}->${link.toColumn}`;
}

export interface ColumnPath {
  columns: Set<string>;
  links: Set<string>;
}

/** Everything one column derives from and everything derived from it, as column FQNs and link keys. */
export function columnPath(links: readonly ColumnLink[], column: string): ColumnPath {
  const path: ColumnPath = { columns: new Set([column]), links: new Set() };
  const follow = (bySide: Map<string, ColumnLink[]>, other: (link: ColumnLink) => string) => {
    const queue = [column];
    const seen = new Set(queue);
    for (let index = 0; index < queue.length; index += 1) {
      for (const link of bySide.get(queue[index]) ?? []) {
        const next = other(link);
        path.links.add(columnLinkKey(link));
        path.columns.add(next);
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
  };
  follow(
    groupBy(links, (link) => link.fromColumn),
    (link) => link.toColumn,
  );
  follow(
    groupBy(links, (link) => link.toColumn),
    (link) => link.fromColumn,
  );
  return path;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
