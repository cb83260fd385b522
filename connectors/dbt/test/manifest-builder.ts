/** Typed builders for small synthetic dbt artifacts. */
export interface NodeSpec {
  unique_id: string;
  resource_type: string;
  name: string;
  package_name?: string;
  database?: string | null;
  schema?: string;
  alias?: string;
  identifier?: string;
  source_name?: string;
  description?: string;
  tags?: string[];
  meta?: Record<string, unknown>;
  config?: Record<string, unknown>;
  columns?: Record<string, { name: string; description?: string; data_type?: string | null }>;
  depends_on?: { nodes: string[] };
  compiled_code?: string;
  compiled_sql?: string;
  column_name?: string | null;
  attached_node?: string | null;
  test_metadata?: { name: string; namespace?: string | null; kwargs: Record<string, unknown> };
}

export function node(id: string, overrides: Partial<NodeSpec> = {}): NodeSpec {
  const [resourceType = 'model', , name = id] = id.split('.');
  return {
    unique_id: id,
    resource_type: resourceType,
    name,
    database: 'analytics',
    schema: 'public',
    alias: name,
    package_name: 'shop',
    description: '',
    tags: [],
    meta: {},
    config: { materialized: resourceType === 'model' ? 'table' : resourceType },
    columns: {},
    depends_on: { nodes: [] },
    ...overrides,
  };
}

export function manifest(
  nodes: NodeSpec[],
  extra: { sources?: NodeSpec[]; exposures?: Record<string, unknown>[]; version?: number } = {},
): Record<string, unknown> {
  return {
    metadata: {
      dbt_schema_version: `https://schemas.getdbt.com/dbt/manifest/v${extra.version ?? 12}.json`,
      adapter_type: 'postgres',
      project_name: 'shop',
      generated_at: '2026-01-01T00:00:00Z',
    },
    nodes: Object.fromEntries(nodes.map((n) => [n.unique_id, n])),
    sources: Object.fromEntries((extra.sources ?? []).map((n) => [n.unique_id, n])),
    exposures: Object.fromEntries((extra.exposures ?? []).map((e) => [e.unique_id as string, e])),
  };
}

export function runResults(
  results: {
    unique_id: string;
    status: string;
    failures?: number | null;
    message?: string | null;
  }[],
): Record<string, unknown> {
  return {
    metadata: {
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/run-results/v6.json',
      generated_at: '2026-01-01T00:10:00Z',
    },
    results: results.map((result) => ({
      timing: [
        {
          name: 'execute',
          started_at: '2026-01-01T00:05:00Z',
          completed_at: '2026-01-01T00:05:01Z',
        },
      ],
      failures: null,
      message: null,
      ...result,
    })),
  };
}
