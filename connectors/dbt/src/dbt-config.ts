import type { DbtManifest } from './artifacts/manifest.schema.js';

/** How the connector names what it writes. */
export interface DbtConnectorConfig {
  /** Database service holding the dbt tables. */
  serviceName: string;
  /** Dashboard service holding the exposures; `<serviceName>_exposures` when omitted. */
  dashboardServiceName?: string;
  /** Pipeline service holding the dbt project; `<serviceName>_pipelines` when omitted. */
  pipelineServiceName?: string;
  /** Name of the project's pipeline; the manifest's project name when omitted. */
  projectName?: string;
  /** Classification that free-form dbt tags are filed under (OpenMetadata uses `dbtTags`). */
  tagClassification: string;
  /**
   * Whether an owner named in `meta` is a user or a team. Names not listed are users when they
   * look like an e-mail address, teams otherwise.
   */
  ownerTypes: Readonly<Record<string, 'user' | 'team'>>;
}

export const DEFAULT_DBT_CONFIG: DbtConnectorConfig = {
  serviceName: 'dbt',
  tagClassification: 'dbtTags',
  ownerTypes: {},
};

/** The configuration with every name decided. */
export type ResolvedDbtConfig = Required<DbtConnectorConfig>;

const FALLBACK_PROJECT = 'dbt_project';

// Manifests before v10 carry no project name; the root project's nodes come first in them.
function projectNameOf(manifest: DbtManifest): string {
  if (manifest.metadata.project_name) return manifest.metadata.project_name;
  const first = Object.values(manifest.nodes).find((node) => node.package_name);
  return first?.package_name ?? FALLBACK_PROJECT;
}

export function resolveConfig(
  config: Partial<DbtConnectorConfig>,
  manifest: DbtManifest,
): ResolvedDbtConfig {
  const merged = { ...DEFAULT_DBT_CONFIG, ...withoutUndefined(config) };
  return {
    ...merged,
    dashboardServiceName: merged.dashboardServiceName ?? `${merged.serviceName}_exposures`,
    pipelineServiceName: merged.pipelineServiceName ?? `${merged.serviceName}_pipelines`,
    projectName: merged.projectName ?? projectNameOf(manifest),
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}
