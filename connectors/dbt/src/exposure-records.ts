import type { MetadataRecordInput } from '@almanac/sdk';
import type { DbtExposure } from './artifacts/manifest.schema.js';
import type { ResolvedDbtConfig } from './dbt-config.js';
import type { DbtFqns } from './dbt-fqns.js';
import type { DbtGraph } from './dbt-graph.js';
import { ownersField } from './owners.js';
import { tagRefs } from './table-columns.js';

type DashboardInput = Extract<MetadataRecordInput, { kind: 'dashboard' }>;
type EdgeInput = Extract<MetadataRecordInput, { kind: 'lineage_edge' }>;

function ownerNameOf(exposure: DbtExposure): string[] {
  const name = exposure.owner?.name || exposure.owner?.email;
  return name ? [name] : [];
}

function dashboardOf(
  exposure: DbtExposure,
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
    },
  };
}

/** One edge from every model, source, seed or snapshot the exposure depends on. */
function edgesInto(exposure: DbtExposure, graph: DbtGraph, fqns: DbtFqns): EdgeInput[] {
  return graph.tableDependencies(exposure).map((table) => ({
    kind: 'lineage_edge',
    from: fqns.table(table),
    to: fqns.dashboard(exposure),
    source: 'dbt',
  }));
}

/**
 * The dashboard service, one dashboard per exposure (of any exposure type) and the lineage from
 * the tables each exposure reads.
 */
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
    ...graph.exposures.map((exposure) => dashboardOf(exposure, fqns, config)),
    ...graph.exposures.flatMap((exposure) => edgesInto(exposure, graph, fqns)),
  ];
}
