import type { MetadataRecordInput } from '@almanac/sdk';
import type { ColumnRow, KeyConstraintRow, RelationRow } from './catalog-queries.js';
import type { CatalogSnapshot } from './catalog-reader.js';
import type { PostgresFqns } from './postgres-fqns.js';
import { isPartition, tableRecord } from './table-records.js';
import { viewLineage } from './view-lineage.js';

/** The records of one database, parents before children, and what could not be expressed. */
export interface ExtractedRecords {
  records: MetadataRecordInput[];
  warnings: string[];
}

function groupByRelation<T extends { relation_oid: number }>(rows: readonly T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(row.relation_oid) ?? [];
    group.push(row);
    groups.set(row.relation_oid, group);
  }
  return groups;
}

function missingSchemaWarnings(snapshot: CatalogSnapshot, requested?: readonly string[]): string[] {
  const found = new Set(snapshot.schemas.map((schema) => schema.name));
  return (requested ?? [])
    .filter((schema) => !found.has(schema))
    .map((schema) => `schema ${JSON.stringify(schema)} does not exist in the database`);
}

/**
 * Turns a catalog snapshot into records: the service, the database, its schemas, one table per
 * relation (partitions folded into their partitioned table) and the lineage of views.
 */
export async function recordsFromSnapshot(
  snapshot: CatalogSnapshot,
  fqns: PostgresFqns,
  options: { server: string; requestedSchemas?: readonly string[] },
): Promise<ExtractedRecords> {
  const columns = groupByRelation<ColumnRow>(snapshot.columns);
  const constraints = groupByRelation<KeyConstraintRow>(snapshot.constraints);
  const columnsOf = (relation: RelationRow) => columns.get(relation.oid) ?? [];
  const lineage = await viewLineage(snapshot.relations, columnsOf, fqns);
  const { database } = snapshot;
  const records: MetadataRecordInput[] = [
    {
      kind: 'service',
      fqn: fqns.service,
      serviceType: 'Postgres',
      description: `PostgreSQL server at ${options.server}`,
      attributes: { serverVersion: database.server_version },
    },
    {
      kind: 'database',
      fqn: fqns.database,
      ...(database.description !== null ? { description: database.description } : {}),
    },
    ...snapshot.schemas.map((schema): MetadataRecordInput => ({
      kind: 'schema',
      fqn: fqns.schema(schema.name),
      ...(schema.description !== null ? { description: schema.description } : {}),
    })),
    ...snapshot.relations
      .filter((relation) => !isPartition(relation))
      .map((relation) =>
        tableRecord(relation, columnsOf(relation), constraints.get(relation.oid) ?? [], fqns),
      ),
    ...lineage.edges,
  ];
  return {
    records,
    warnings: [...missingSchemaWarnings(snapshot, options.requestedSchemas), ...lineage.warnings],
  };
}
