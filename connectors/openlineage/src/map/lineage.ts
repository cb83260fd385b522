import type { ColumnLineage, MetadataRecordInput } from '@almanac/sdk';
import type { OutputDataset } from '../event-schema.js';
import { datasetFqns } from '../naming.js';
import { columnFqn, live } from './datasets.js';

type Transformation = { type: string; subtype?: string; description?: string };
type ColumnLineageFacet = NonNullable<NonNullable<OutputDataset['facets']>['columnLineage']>;
type ColumnMapping = Omit<ColumnLineage, 'transformation'> & {
  transformation?: { type: 'DIRECT' | 'INDIRECT'; subtype?: string; description?: string };
};

function transformationOf(transformation: Transformation | undefined) {
  const type = transformation?.type.toUpperCase();
  if (type !== 'DIRECT' && type !== 'INDIRECT') return undefined;
  return {
    type,
    ...(transformation?.subtype ? { subtype: transformation.subtype } : {}),
    ...(transformation?.description ? { description: transformation.description } : {}),
  } as const;
}

/** The table FQN of a dataset named inside a column lineage facet. */
export function sourceTable(namespace: string, name: string): string | null {
  return datasetFqns(namespace, name)?.table ?? null;
}

/**
 * Column mappings of `facet` whose source columns belong to `fromTable`, one per target column
 * and transformation, so `revenue ← price (DIRECT)` and `revenue ← id (INDIRECT)` stay apart.
 */
export function columnMappings(
  facet: ColumnLineageFacet | undefined,
  fromTable: string,
  toTable: string,
): ColumnMapping[] {
  const mappings = new Map<string, ColumnMapping>();
  for (const [field, { inputFields }] of Object.entries(live(facet)?.fields ?? {})) {
    const to = columnFqn(toTable, field);
    if (to === null) continue;
    for (const input of inputFields) {
      const from = columnFqn(fromTable, input.field);
      if (from === null || sourceTable(input.namespace, input.name) !== fromTable) continue;
      const transformations = input.transformations?.length ? input.transformations : [undefined];
      for (const transformation of transformations) {
        const mapped = transformationOf(transformation);
        const key = JSON.stringify([field, mapped ?? null]);
        const mapping: ColumnMapping = mappings.get(key) ?? {
          from: [],
          to,
          ...(mapped ? { transformation: mapped } : {}),
        };
        if (!mapping.from.includes(from)) mapping.from.push(from);
        mappings.set(key, mapping);
      }
    }
  }
  return [...mappings.values()];
}

/** A table-level edge from `from` to `to` through the job's pipeline, with its column mappings. */
export function lineageEdge(
  from: string,
  to: string,
  pipeline: string | null,
  facet: ColumnLineageFacet | undefined,
): MetadataRecordInput {
  const columns = columnMappings(facet, from, to);
  return {
    kind: 'lineage_edge',
    from,
    to,
    source: 'openlineage',
    ...(pipeline ? { pipeline } : {}),
    ...(columns.length > 0 ? { columns } : {}),
  };
}
