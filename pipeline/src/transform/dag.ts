import { TransformError } from './errors.js';

export interface DagNode {
  name: string;
  refs: readonly string[];
}

export interface Dag {
  /** Every model, parents before children; ties broken by name so runs are reproducible. */
  order: string[];
  parents: ReadonlyMap<string, readonly string[]>;
  children: ReadonlyMap<string, readonly string[]>;
}

function findCycle(nodes: readonly DagNode[], remaining: ReadonlySet<string>): string[] {
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const path: string[] = [];
  const onPath = new Set<string>();
  const done = new Set<string>();
  const visit = (name: string): string[] | null => {
    if (onPath.has(name)) return [...path.slice(path.indexOf(name)), name];
    if (done.has(name) || !remaining.has(name)) return null;
    path.push(name);
    onPath.add(name);
    for (const parent of byName.get(name)?.refs ?? []) {
      const cycle = visit(parent);
      if (cycle) return cycle;
    }
    path.pop();
    onPath.delete(name);
    done.add(name);
    return null;
  };
  for (const name of [...remaining].sort()) {
    const cycle = visit(name);
    if (cycle) return cycle.reverse();
  }
  return [...remaining].sort();
}

function checkRefs(nodes: readonly DagNode[]): void {
  const names = new Set(nodes.map((node) => node.name));
  for (const node of nodes) {
    const unknown = node.refs.find((ref) => !names.has(ref));
    if (unknown !== undefined) {
      throw new TransformError(
        'UNKNOWN_REF',
        `model "${node.name}" refers to unknown model "${unknown}"`,
      );
    }
  }
}

/** Orders models so every model runs after the models it refs (Kahn's algorithm). */
export function buildDag(nodes: readonly DagNode[]): Dag {
  checkRefs(nodes);
  const parents = new Map(nodes.map((node) => [node.name, [...new Set(node.refs)].sort()]));
  const children = new Map<string, string[]>(nodes.map((node) => [node.name, []]));
  for (const [name, ups] of parents) for (const up of ups) children.get(up)?.push(name);
  for (const list of children.values()) list.sort();
  const waiting = new Map([...parents].map(([name, ups]) => [name, ups.length]));
  const ready = [...waiting].filter(([, count]) => count === 0).map(([name]) => name);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort();
    const name = ready.shift() as string;
    order.push(name);
    for (const child of children.get(name) ?? []) {
      const left = (waiting.get(child) ?? 0) - 1;
      waiting.set(child, left);
      if (left === 0) ready.push(child);
    }
  }
  if (order.length < nodes.length) {
    const stuck = new Set(nodes.map((node) => node.name).filter((name) => !order.includes(name)));
    throw new TransformError(
      'DAG_CYCLE',
      `models form a cycle: ${findCycle(nodes, stuck).join(' -> ')}`,
    );
  }
  return { order, parents, children };
}

/** The named models and everything downstream of them, in run order. */
export function selectWithDescendants(dag: Dag, select: readonly string[]): string[] {
  const chosen = new Set<string>();
  const stack = [...select];
  for (const name of select) {
    if (!dag.parents.has(name))
      throw new TransformError('UNKNOWN_MODEL', `no model named "${name}"`);
  }
  while (stack.length > 0) {
    const name = stack.pop() as string;
    if (chosen.has(name)) continue;
    chosen.add(name);
    stack.push(...(dag.children.get(name) ?? []));
  }
  return dag.order.filter((name) => chosen.has(name));
}
