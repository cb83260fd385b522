/**
 * Layered layout for lineage graphs. The API already gives every node its layer (its distance from
 * the root), so only the order inside each layer is left to find: a few barycenter sweeps, as in
 * Sugiyama's method, then each node is pulled level with its neighbours without overlapping. It runs
 * in linear time per sweep, which keeps graphs of thousands of nodes interactive (see
 * docs/adr/0004-lineage-graph-layout.md for why this is not elkjs or dagre).
 */

export interface LayoutInput {
  id: string;
  depth: number;
  width: number;
  height: number;
}

export interface LayoutLink {
  from: string;
  to: string;
}

export interface Position {
  x: number;
  y: number;
}

export interface LayoutOptions {
  columnGap: number;
  rowGap: number;
  sweeps: number;
}

const DEFAULTS: LayoutOptions = { columnGap: 120, rowGap: 24, sweeps: 4 };

interface Slot {
  node: LayoutInput;
  center: number;
}

/** Top-left positions of every node: layers left to right by depth, ordered to limit crossings. */
export function layoutLineage(
  nodes: readonly LayoutInput[],
  links: readonly LayoutLink[],
  options: Partial<LayoutOptions> = {},
): Map<string, Position> {
  const settings = { ...DEFAULTS, ...options };
  const layers = layersByDepth(nodes);
  const neighbours = neighbourLists(links);
  const centers = new Map<string, number>();
  for (const layer of layers) stack(layer, centers, settings.rowGap);

  const sweep = (order: Slot[][]) => {
    for (const layer of order) {
      for (const slot of layer) slot.center = barycenter(slot, neighbours, centers);
      layer.sort((a, b) => a.center - b.center);
      align(layer, centers, settings.rowGap);
    }
  };
  for (let round = 0; round < settings.sweeps; round += 1) {
    sweep(layers.slice(1));
    sweep(layers.slice(0, -1).reverse());
  }
  return positions(layers, centers, settings.columnGap);
}

function layersByDepth(nodes: readonly LayoutInput[]): Slot[][] {
  const byDepth = new Map<number, Slot[]>();
  for (const node of nodes) {
    const layer = byDepth.get(node.depth) ?? [];
    layer.push({ node, center: 0 });
    byDepth.set(node.depth, layer);
  }
  return [...byDepth.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, layer]) => layer.sort((a, b) => a.node.id.localeCompare(b.node.id)));
}

function neighbourLists(links: readonly LayoutLink[]): Map<string, string[]> {
  const neighbours = new Map<string, string[]>();
  const add = (from: string, to: string) => {
    const list = neighbours.get(from);
    if (list) list.push(to);
    else neighbours.set(from, [to]);
  };
  for (const link of links) {
    if (link.from === link.to) continue;
    add(link.from, link.to);
    add(link.to, link.from);
  }
  return neighbours;
}

/** The mean center of a node's placed neighbours, or its own center when it has none. */
function barycenter(
  slot: Slot,
  neighbours: Map<string, string[]>,
  centers: Map<string, number>,
): number {
  let sum = 0;
  let count = 0;
  for (const id of neighbours.get(slot.node.id) ?? []) {
    const center = centers.get(id);
    if (center === undefined) continue;
    sum += center;
    count += 1;
  }
  return count === 0 ? (centers.get(slot.node.id) ?? 0) : sum / count;
}

/** Stacks a layer top to bottom around y = 0, in its current order. */
function stack(layer: Slot[], centers: Map<string, number>, gap: number): void {
  const total = layer.reduce((sum, slot) => sum + slot.node.height + gap, -gap);
  let top = -total / 2;
  for (const slot of layer) {
    slot.center = top + slot.node.height / 2;
    centers.set(slot.node.id, slot.center);
    top += slot.node.height + gap;
  }
}

/**
 * Moves each node of a sorted layer as close to its wanted center as the nodes above it allow,
 * then shifts the whole layer so that, on average, nodes sit where they wanted to be.
 */
function align(layer: Slot[], centers: Map<string, number>, gap: number): void {
  let floor = -Infinity;
  let drift = 0;
  const placed = layer.map((slot) => {
    const half = slot.node.height / 2;
    const center = Math.max(slot.center, floor + half);
    floor = center + half + gap;
    drift += center - slot.center;
    return center;
  });
  const shift = layer.length > 0 ? drift / layer.length : 0;
  layer.forEach((slot, index) => {
    slot.center = placed[index] - shift;
    centers.set(slot.node.id, slot.center);
  });
}

function positions(
  layers: Slot[][],
  centers: Map<string, number>,
  columnGap: number,
): Map<string, Position> {
  const result = new Map<string, Position>();
  let x = 0;
  for (const layer of layers) {
    const width = Math.max(...layer.map((slot) => slot.node.width));
    for (const slot of layer) {
      const center = centers.get(slot.node.id) ?? 0;
      result.set(slot.node.id, { x, y: center - slot.node.height / 2 });
    }
    x += width + columnGap;
  }
  return result;
}
