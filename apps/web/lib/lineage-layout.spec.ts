import { describe, expect, it } from '@jest/globals';
import { layoutLineage, type LayoutInput, type LayoutLink } from './lineage-layout';

const node = (id: string, depth: number, height = 40): LayoutInput => ({
  id,
  depth,
  width: 200,
  height,
});

function overlaps(nodes: LayoutInput[], positions: Map<string, { x: number; y: number }>): boolean {
  const byX = new Map<number, { top: number; bottom: number }[]>();
  for (const n of nodes) {
    const p = positions.get(n.id)!;
    const column = byX.get(p.x) ?? [];
    column.push({ top: p.y, bottom: p.y + n.height });
    byX.set(p.x, column);
  }
  return [...byX.values()].some((column) =>
    column
      .sort((a, b) => a.top - b.top)
      .some((box, index) => index > 0 && box.top < column[index - 1].bottom),
  );
}

describe('layoutLineage', () => {
  it('puts layers left to right by depth, upstream first', () => {
    const nodes = [node('root', 0), node('up', -1), node('down', 1), node('far', 2)];
    const links = [
      { from: 'up', to: 'root' },
      { from: 'root', to: 'down' },
      { from: 'down', to: 'far' },
    ];
    const positions = layoutLineage(nodes, links);
    const x = (id: string) => positions.get(id)!.x;
    expect(x('up')).toBeLessThan(x('root'));
    expect(x('root')).toBeLessThan(x('down'));
    expect(x('down')).toBeLessThan(x('far'));
  });

  it('orders a layer to undo a crossing that alphabetical order would draw', () => {
    const nodes = [node('root', 0), node('a', 1), node('b', 1), node('x', 2), node('y', 2)];
    const links = [
      { from: 'root', to: 'a' },
      { from: 'root', to: 'b' },
      { from: 'a', to: 'y' },
      { from: 'b', to: 'x' },
    ];
    const positions = layoutLineage(nodes, links);
    const y = (id: string) => positions.get(id)!.y;
    expect(Math.sign(y('a') - y('b'))).toBe(Math.sign(y('y') - y('x')));
  });

  it('never overlaps nodes of one layer, whatever their heights', () => {
    const nodes = [node('root', 0, 300)];
    const links: LayoutLink[] = [];
    for (let i = 0; i < 30; i += 1) {
      nodes.push(node(`d${i}`, 1, 40 + (i % 5) * 30));
      links.push({ from: 'root', to: `d${i}` });
      nodes.push(node(`e${i}`, 2));
      links.push({ from: `d${i}`, to: `e${i}` }, { from: `d${(i * 7) % 30}`, to: `e${i}` });
    }
    expect(overlaps(nodes, layoutLineage(nodes, links))).toBe(false);
  });

  it('lays out 5,000 nodes and 15,000 links in well under a second', () => {
    const nodes = [node('root', 0)];
    const links: LayoutLink[] = [];
    for (let i = 1; i < 5000; i += 1) {
      nodes.push(node(`n${i}`, 1 + (i % 10)));
      for (let k = 0; k < 3; k += 1) {
        const j = (i * 31 + k * 97) % i;
        links.push({ from: j === 0 ? 'root' : `n${j}`, to: `n${i}` });
      }
    }
    const started = performance.now();
    const positions = layoutLineage(nodes, links);
    const elapsed = performance.now() - started;
    expect(positions.size).toBe(5000);
    expect(overlaps(nodes, positions)).toBe(false);
    expect(elapsed).toBeLessThan(1000);
  });
});
