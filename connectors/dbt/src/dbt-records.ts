import { recordKey, type MetadataRecordInput } from '@almanac/sdk';
import type { DbtCatalog } from './artifacts/catalog.schema.js';
import type { DbtManifest } from './artifacts/manifest.schema.js';
import type { DbtRunResults } from './artifacts/run-results.schema.js';
import { resolveConfig, type DbtConnectorConfig } from './dbt-config.js';
import type { NodeColumns } from './column-lineage.js';
import { DbtFqns } from './dbt-fqns.js';
import { DbtGraph } from './dbt-graph.js';
import { exposureRecords } from './exposure-records.js';
import { lineageRecords } from './lineage-records.js';
import { ownerRecords } from './owners.js';
import { pipelineRecords } from './pipeline-records.js';
import { columnsOf, warehouseColumnNamesOf, type ColumnInput } from './table-columns.js';
import { tagRecords } from './tag-records.js';
import { testResultRecords } from './test-result-records.js';
import { testCaseRecords } from './test-records.js';
import { containerRecords, tableRecord } from './warehouse-records.js';

/** Validated dbt artifacts (see `parseManifest`, `parseCatalog`, `parseRunResults`). */
export interface DbtArtifacts {
  manifest: DbtManifest;
  catalog?: DbtCatalog;
  runResults?: DbtRunResults;
}

/** The records of a dbt project, and what could not be mapped. */
export interface DbtRecords {
  records: MetadataRecordInput[];
  /** Problems that cost part of the metadata but not the run, one sentence each. */
  warnings: string[];
}

// The same warehouse relation can be reached twice (a source declared over a seed's table).
function withoutRepeats(
  records: readonly MetadataRecordInput[],
  warn: (message: string) => void,
): MetadataRecordInput[] {
  const seen = new Set<string>();
  return records.filter((record) => {
    const key = `${record.kind}|${recordKey(record)}`;
    if (!seen.has(key)) {
      seen.add(key);
      return true;
    }
    warn(`${record.kind} ${recordKey(record)} is produced twice: the first one is kept`);
    return false;
  });
}

/**
 * Turns dbt artifacts into catalog records: the warehouse service, databases, schemas and a table
 * per model, source, seed and snapshot (columns typed from catalog.json when given); the project
 * as a pipeline with a task per model, seed and snapshot; lineage edges with column lineage from
 * compiled SQL; exposures as dashboards; tests as test cases and their run results as test
 * results; and the tags and owners these records name.
 */
export async function recordsFromDbtArtifacts(
  artifacts: DbtArtifacts,
  config: Partial<DbtConnectorConfig> = {},
): Promise<DbtRecords> {
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(message);
  };
  const { manifest, catalog, runResults } = artifacts;
  const settings = resolveConfig(config, manifest);
  const fqns = new DbtFqns(settings);
  const graph = new DbtGraph(manifest, warn);
  const columns = new Map<string, ColumnInput[]>(
    graph.tables.map((node) => [node.unique_id, columnsOf(node, catalog, fqns)]),
  );
  const nodeColumns: NodeColumns = {
    known: (node) => (columns.get(node.unique_id) ?? []).map((column) => column.name),
    warehouse: (node) => warehouseColumnNamesOf(node, catalog),
  };
  const tests = testCaseRecords(graph, fqns, warn);
  const described: MetadataRecordInput[] = [
    ...containerRecords(graph.tables, manifest.metadata.adapter_type, fqns),
    ...graph.tables.map((node) =>
      tableRecord(node, columns.get(node.unique_id) ?? [], fqns, settings),
    ),
    ...pipelineRecords(graph, fqns, settings),
    ...exposureRecords(graph, fqns, settings),
  ];
  const records = [
    ...ownerRecords(described),
    ...tagRecords(described, settings.tagClassification),
    ...described,
    ...(await lineageRecords(graph, fqns, nodeColumns, warn)),
    ...tests.records,
    ...(runResults ? testResultRecords(runResults, graph, tests.fqnByTestId, warn) : []),
  ];
  return { records: withoutRepeats(records, warn), warnings };
}
