import type { DbtExposure, DbtManifest, DbtNode } from './artifacts/manifest.schema.js';

/** dbt resource types that are relations in the warehouse, and so tables in the catalog. */
export const TABLE_RESOURCE_TYPES = ['model', 'source', 'seed', 'snapshot'] as const;
/** dbt resource types that dbt builds, and so tasks of the project's pipeline. */
export const TASK_RESOURCE_TYPES = ['model', 'seed', 'snapshot'] as const;

export function isTableNode(node: DbtNode): boolean {
  return (TABLE_RESOURCE_TYPES as readonly string[]).includes(node.resource_type);
}

export function isTaskNode(node: DbtNode): boolean {
  return (TASK_RESOURCE_TYPES as readonly string[]).includes(node.resource_type);
}

function idsOf(resources: Readonly<Record<string, unknown>> | null | undefined): string[] {
  return Object.keys(resources ?? {});
}

/**
 * The manifest's nodes indexed by unique id. Dependencies on ids the manifest does not contain
 * are reported once, when the graph is built, and left out of every traversal.
 */
export class DbtGraph {
  /** Models, sources, seeds and snapshots, in manifest order. */
  readonly tables: readonly DbtNode[];
  readonly tests: readonly DbtNode[];
  readonly exposures: readonly DbtExposure[];
  private readonly byId: ReadonlyMap<string, DbtNode>;
  private readonly known: ReadonlySet<string>;
  private readonly children = new Map<string, DbtNode[]>();

  constructor(manifest: DbtManifest, warn: (message: string) => void) {
    const nodes = [...Object.values(manifest.nodes), ...Object.values(manifest.sources)];
    this.byId = new Map(nodes.map((node) => [node.unique_id, node]));
    this.known = new Set([
      ...this.byId.keys(),
      ...idsOf(manifest.exposures),
      ...idsOf(manifest.metrics),
      ...idsOf(manifest.semantic_models),
      ...idsOf(manifest.saved_queries),
      ...idsOf(manifest.unit_tests),
    ]);
    this.tables = nodes.filter(isTableNode);
    this.tests = nodes.filter((node) => node.resource_type === 'test');
    this.exposures = Object.values(manifest.exposures);
    for (const dependent of [...nodes, ...this.exposures]) this.reportDangling(dependent, warn);
    for (const node of nodes) {
      for (const id of new Set(node.depends_on)) {
        this.children.set(id, [...(this.children.get(id) ?? []), node]);
      }
    }
  }

  node(id: string): DbtNode | undefined {
    return this.byId.get(id);
  }

  /** The node with this id if it is a table. */
  table(id: string | null | undefined): DbtNode | undefined {
    const node = id ? this.byId.get(id) : undefined;
    return node && isTableNode(node) ? node : undefined;
  }

  /** The tables `dependent` reads, each once, in `depends_on` order. */
  tableDependencies(dependent: { depends_on: readonly string[] }): DbtNode[] {
    const tables = new Map<string, DbtNode>();
    for (const id of dependent.depends_on) {
      const table = this.table(id);
      if (table) tables.set(id, table);
    }
    return [...tables.values()];
  }

  /** Nodes that depend on the table with this id. */
  dependents(id: string): DbtNode[] {
    return this.children.get(id) ?? [];
  }

  private reportDangling(
    dependent: { unique_id: string; depends_on: readonly string[] },
    warn: (message: string) => void,
  ): void {
    for (const id of new Set(dependent.depends_on)) {
      if (!this.known.has(id)) {
        warn(
          `${dependent.unique_id} depends on ${id}, which is not in the manifest: no lineage for this dependency`,
        );
      }
    }
  }
}
