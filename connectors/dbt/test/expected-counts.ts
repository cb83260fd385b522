import { buildFqn } from '@almanac/sdk';

/**
 * What a manifest contains, counted straight from the JSON without the connector's code, so the
 * tests compare the connector against the file rather than against itself.
 */
interface RawNode {
  unique_id: string;
  resource_type: string;
  name: string;
  database?: string | null;
  schema: string;
  alias?: string | null;
  identifier?: string | null;
  depends_on?: { nodes?: string[] };
}

interface RawManifest {
  nodes: Record<string, RawNode>;
  sources?: Record<string, RawNode>;
  exposures?: Record<string, RawNode>;
}

export interface ExpectedCounts {
  models: number;
  sources: number;
  seeds: number;
  snapshots: number;
  exposures: number;
  tests: number;
  /**
   * Distinct `depends_on` pairs from a model, source, seed or snapshot into another one or into an
   * exposure.
   */
  lineageEdges: number;
  /** Table FQNs in the default `dbt` service: database.schema.(alias | identifier | name). */
  tableFqns: string[];
}

const TABLE_TYPES = new Set(['model', 'source', 'seed', 'snapshot']);

function countType(nodes: RawNode[], type: string): number {
  return nodes.filter((node) => node.resource_type === type).length;
}

export function expectedCounts(json: unknown): ExpectedCounts {
  const manifest = json as RawManifest;
  const nodes = Object.values(manifest.nodes);
  const sources = Object.values(manifest.sources ?? {});
  const tables = [...nodes, ...sources].filter((node) => TABLE_TYPES.has(node.resource_type));
  const tableIds = new Set(tables.map((node) => node.unique_id));
  const pairs = new Set<string>();
  const exposures = Object.values(manifest.exposures ?? {});
  for (const dependent of [...tables, ...exposures]) {
    for (const dependency of dependent.depends_on?.nodes ?? []) {
      if (tableIds.has(dependency)) pairs.add(`${dependency} -> ${dependent.unique_id}`);
    }
  }
  return {
    models: countType(nodes, 'model'),
    sources: sources.length,
    seeds: countType(nodes, 'seed'),
    snapshots: countType(nodes, 'snapshot'),
    exposures: exposures.length,
    tests: countType(nodes, 'test'),
    lineageEdges: pairs.size,
    tableFqns: tables
      .map((node) =>
        buildFqn([
          'dbt',
          node.database ?? 'default',
          node.schema,
          (node.resource_type === 'source' ? node.identifier : node.alias) ?? node.name,
        ]),
      )
      .sort(),
  };
}

/** Test nodes of the manifest by unique id. */
export function testIdsOf(json: unknown): Set<string> {
  const manifest = json as RawManifest;
  return new Set(
    Object.values(manifest.nodes)
      .filter((node) => node.resource_type === 'test')
      .map((node) => node.unique_id),
  );
}
