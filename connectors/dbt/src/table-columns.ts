import type { MetadataRecordInput, TagRefInput } from '@almanac/sdk';
import type { DbtCatalog, DbtCatalogTable } from './artifacts/catalog.schema.js';
import type { DbtManifestColumn, DbtNode } from './artifacts/manifest.schema.js';
import type { DbtFqns } from './dbt-fqns.js';

export type ColumnInput = Extract<MetadataRecordInput, { kind: 'table' }>['columns'][number];

/** What the contract gets when neither the warehouse nor the docs say a column's type. */
export const UNKNOWN_DATA_TYPE = 'unknown';

export function tagRefs(tags: readonly string[], fqns: DbtFqns): TagRefInput[] | undefined {
  const unique = [...new Set(tags)];
  return unique.length > 0 ? unique.map((tag) => ({ tagFqn: fqns.tag(tag) })) : undefined;
}

function documented(description: string | null | undefined): { description?: string } {
  return description ? { description } : {};
}

function withTags(tags: readonly string[], fqns: DbtFqns): { tags?: TagRefInput[] } {
  const refs = tagRefs(tags, fqns);
  return refs ? { tags: refs } : {};
}

// Warehouses fold unquoted names differently (Snowflake upper-cases), while docs use any case.
function docsByName(node: DbtNode): Map<string, DbtManifestColumn> {
  return new Map(Object.values(node.columns).map((column) => [column.name.toLowerCase(), column]));
}

function catalogColumns(table: DbtCatalogTable, node: DbtNode, fqns: DbtFqns): ColumnInput[] {
  const docs = docsByName(node);
  return Object.values(table.columns)
    .sort((a, b) => (a.index ?? 0) - (b.index ?? 0))
    .map((column) => {
      const doc = docs.get(column.name.toLowerCase());
      return {
        name: column.name,
        dataType: column.type,
        ...(column.index && column.index >= 1 ? { ordinal: column.index } : {}),
        ...documented(doc?.description || column.comment),
        ...withTags(doc?.tags ?? [], fqns),
      };
    });
}

function documentedOnlyColumns(node: DbtNode, known: Set<string>, fqns: DbtFqns): ColumnInput[] {
  return Object.values(node.columns)
    .filter((column) => !known.has(column.name.toLowerCase()))
    .map((column) => ({
      name: column.name,
      dataType: column.data_type || UNKNOWN_DATA_TYPE,
      ...documented(column.description),
      ...withTags(column.tags, fqns),
    }));
}

/** The catalog.json entry of a table node, if the catalog has one. */
export function catalogTableOf(
  node: DbtNode,
  catalog: DbtCatalog | undefined,
): DbtCatalogTable | undefined {
  if (!catalog) return undefined;
  const tables = node.resource_type === 'source' ? catalog.sources : catalog.nodes;
  return tables[node.unique_id];
}

/**
 * The columns of a table node: the warehouse's columns from catalog.json (in table order, with
 * their real types) documented from the manifest, then columns documented in the manifest only,
 * typed by their declared `data_type`.
 */
export function columnsOf(
  node: DbtNode,
  catalog: DbtCatalog | undefined,
  fqns: DbtFqns,
): ColumnInput[] {
  const table = catalogTableOf(node, catalog);
  const fromCatalog = table ? catalogColumns(table, node, fqns) : [];
  const known = new Set(fromCatalog.map((column) => column.name.toLowerCase()));
  return [...fromCatalog, ...documentedOnlyColumns(node, known, fqns)];
}

/** Column names the warehouse reported in catalog.json; undefined when it has no entry. */
export function warehouseColumnNamesOf(
  node: DbtNode,
  catalog: DbtCatalog | undefined,
): string[] | undefined {
  const table = catalogTableOf(node, catalog);
  return table ? Object.values(table.columns).map((column) => column.name) : undefined;
}
