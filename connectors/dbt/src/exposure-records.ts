import type { MetadataRecordInput } from '@almanac/sdk';
import type { DbtExposure } from './artifacts/manifest.schema.js';
import type { ResolvedDbtConfig } from './dbt-config.js';
import type { DbtFqns } from './dbt-fqns.js';
import type { DbtGraph } from './dbt-graph.js';
import { ownersField } from './owners.js';
import { tagRefs } from './table-columns.js';

type DashboardInput = Extract<MetadataRecordInput, { kind: 'dashboard' }>;

function ownerNameOf(exposure: DbtExposure): string[] {
  const name = exposure.owner?.name || exposure.owner?.email;
  return name ? [name] : [];
}

/**
 * Lineage edges join tables only, so what an exposure reads is kept in its attributes
 * (`upstreamTables`, table FQNs) instead of edges.
 */
function dashboardOf(
  exposure: DbtExposure,
  graph: DbtGraph,
  fqns: DbtFqns,
  config: ResolvedDbtConfig,
): DashboardInput {
  const tags = tagRefs(exposure.tags, fqns);
  return {
    kind: 'dashboard',
    fqn: fqns.dashboard(exposure),
    charts: [],
    ...(exposure.label ? { displayName: exposure.label } : {}),
    ...(exposure.description ? { description: exposure.description } : {}),
    ...(exposure.url ? { url: exposure.url } : {}),
    ...(tags ? { tags } : {}),
    ...ownersField(ownerNameOf(exposure), config),
    attributes: {
      dbtUniqueId: exposure.unique_id,
      exposureType: exposure.type ?? null,
      maturity: exposure.maturity ?? null,
      upstreamTables: graph.tableDependencies(exposure).map((node) => fqns.table(node)),
    },
  };
}

/** The dashboard service and one dashboard per exposure (of any exposure type). */
export function exposureRecords(
  graph: DbtGraph,
  fqns: DbtFqns,
  config: ResolvedDbtConfig,
): MetadataRecordInput[] {
  if (graph.exposures.length === 0) return [];
  return [
    {
      kind: 'service',
      fqn: fqns.dashboardService,
      serviceType: 'Dbt',
      description: 'Exposures declared in dbt projects.',
    },
    ...graph.exposures.map((exposure) => dashboardOf(exposure, graph, fqns, config)),
  ];
}
