import { buildFqn, parseFqn } from '@almanac/sdk';
import type { DbtExposure, DbtNode } from './artifacts/manifest.schema.js';
import type { ResolvedDbtConfig } from './dbt-config.js';

// Some adapters (Spark, Hive) have no database level; the catalog still needs one.
const DEFAULT_DATABASE = 'default';

/** The warehouse relation a table node is built as (sources name theirs `identifier`). */
export function relationNameOf(node: DbtNode): string {
  const name = node.resource_type === 'source' ? node.identifier : node.alias;
  return name || node.name;
}

export function databaseNameOf(node: DbtNode): string {
  return node.database || DEFAULT_DATABASE;
}

/** Builds the FQNs of everything the connector writes. */
export class DbtFqns {
  constructor(private readonly config: ResolvedDbtConfig) {}

  get service(): string {
    return buildFqn([this.config.serviceName]);
  }
  database(node: DbtNode): string {
    return buildFqn([this.config.serviceName, databaseNameOf(node)]);
  }
  schema(node: DbtNode): string {
    return buildFqn([this.config.serviceName, databaseNameOf(node), node.schema]);
  }
  table(node: DbtNode): string {
    return buildFqn([
      this.config.serviceName,
      databaseNameOf(node),
      node.schema,
      relationNameOf(node),
    ]);
  }
  column(node: DbtNode, column: string): string {
    return buildFqn([...parseFqn(this.table(node)), column]);
  }
  get pipelineService(): string {
    return buildFqn([this.config.pipelineServiceName]);
  }
  get pipeline(): string {
    return buildFqn([this.config.pipelineServiceName, this.config.projectName]);
  }
  get dashboardService(): string {
    return buildFqn([this.config.dashboardServiceName]);
  }
  dashboard(exposure: DbtExposure): string {
    return buildFqn([this.config.dashboardServiceName, exposure.name]);
  }
  get tagClassification(): string {
    return buildFqn([this.config.tagClassification]);
  }
  tag(tag: string): string {
    return buildFqn([this.config.tagClassification, tag]);
  }
}
