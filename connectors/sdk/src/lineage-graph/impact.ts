import type { LineageStore } from './types.js';
import { walkLineage, type LineageNode } from './walk.js';

export interface ImpactOwner {
  name: string;
  type: string;
}

/** What a change to one table breaks downstream. */
export interface Impact {
  root: string;
  /** Downstream tables, views, dashboards…, nearest first. */
  assets: (LineageNode & { owners: ImpactOwner[] })[];
  /** Downstream columns derived from the root's columns, nearest first. */
  columns: LineageNode[];
}

/** Looks up the owners to notify for each asset. */
export type OwnersOf = (fqns: readonly string[]) => Promise<Map<string, ImpactOwner[]>>;

function isColumnOf(column: string, table: string): boolean {
  return column.startsWith(`${table}.`) && !column.slice(table.length + 1).includes('.');
}

/** Every downstream asset and column of a table, with the owners to notify. */
export async function computeImpact(
  store: LineageStore,
  ownersOf: OwnersOf,
  root: string,
  depth: number,
): Promise<Impact> {
  const walk = await walkLineage(store, root, {
    upstreamDepth: 0,
    downstreamDepth: depth,
    columnLevel: true,
  });
  const downstream = walk.nodes.filter((node) => node.depth > 0);
  const owners = await ownersOf(downstream.map((node) => node.fqn));
  const assets = downstream.map((node) => ({ ...node, owners: owners.get(node.fqn) ?? [] }));
  // Follow column mappings out of the root's columns, hop by hop, over the edges walked.
  const columnDepth = new Map<string, number>();
  let frontier = new Set(
    walk.columns.filter((edge) => isColumnOf(edge.from, root)).map((edge) => edge.from),
  );
  for (let hop = 1; frontier.size > 0 && hop <= depth; hop += 1) {
    const next = new Set<string>();
    for (const edge of walk.columns) {
      if (!frontier.has(edge.from) || columnDepth.has(edge.to) || isColumnOf(edge.to, root))
        continue;
      columnDepth.set(edge.to, hop);
      next.add(edge.to);
    }
    frontier = next;
  }
  const columns = [...columnDepth].map(([fqn, d]) => ({ fqn, depth: d }));
  columns.sort((a, b) => a.depth - b.depth || a.fqn.localeCompare(b.fqn));
  return { root, assets, columns };
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The impact as CSV: one line per asset and per column, with the owners to notify. */
export function impactCsv(impact: Impact, typeOf: (fqn: string) => string): string {
  const lines = [['kind', 'depth', 'type', 'fqn', 'owners']];
  for (const asset of impact.assets) {
    const owners = asset.owners.map((owner) => `${owner.type}:${owner.name}`).join(' ');
    lines.push(['asset', String(asset.depth), typeOf(asset.fqn), asset.fqn, owners]);
  }
  for (const column of impact.columns)
    lines.push(['column', String(column.depth), 'column', column.fqn, '']);
  return `${lines.map((line) => line.map(csvField).join(',')).join('\n')}\n`;
}
