import {
  analyzeSqlLineage,
  buildFqn,
  type MetadataRecordInput,
  type SchemaCatalog,
  type StatementLineage,
} from '@almanac/sdk';
import type { ColumnRow, RelationRow } from './catalog-queries.js';
import type { PostgresFqns } from './postgres-fqns.js';

type EdgeInput = Extract<MetadataRecordInput, { kind: 'lineage_edge' }>;
interface ColumnMapping {
  from: string[];
  to: string;
  transformation: { type: 'DIRECT' | 'INDIRECT'; subtype: string };
}

/** Schema and name of a relation that has a table record. */
interface RecordedTable {
  schema: string;
  name: string;
}

/** Lineage edges of the views, and what kept some of it from being known. */
export interface ViewLineage {
  edges: EdgeInput[];
  warnings: string[];
}

/** Relation names as the SQL analyzer writes them (`schema.table`, FQN-quoted). */
function relationName(schema: string, name: string): string {
  return buildFqn([schema, name]);
}

/** Where each relation's data is recorded: its own table record, or its partition root's. */
function recordedTables(relations: readonly RelationRow[]): Map<string, RecordedTable> {
  const recorded = new Map<string, RecordedTable>();
  for (const relation of relations) {
    const { partition_root_schema: rootSchema, partition_root_name: rootName } = relation;
    const table =
      rootSchema !== null && rootName !== null
        ? { schema: rootSchema, name: rootName }
        : { schema: relation.schema, name: relation.name };
    recorded.set(relationName(relation.schema, relation.name), table);
  }
  return recorded;
}

/** Lets the analyzer expand `*` and check column names against the real tables. */
function schemaCatalog(
  relations: readonly RelationRow[],
  columnsOf: (relation: RelationRow) => readonly ColumnRow[],
): SchemaCatalog {
  return Object.fromEntries(
    relations.map((relation) => [
      relationName(relation.schema, relation.name),
      columnsOf(relation).map((column) => column.name),
    ]),
  );
}

class ViewEdges {
  private readonly edges = new Map<
    string,
    { edge: EdgeInput; mappings: Map<string, ColumnMapping> }
  >();

  constructor(
    private readonly view: RelationRow,
    private readonly fqns: PostgresFqns,
  ) {}

  addInput(from: RecordedTable): void {
    const fromFqn = this.fqns.table(from.schema, from.name);
    if (this.edges.has(fromFqn)) return;
    const edge: EdgeInput = {
      kind: 'lineage_edge',
      from: fromFqn,
      to: this.fqns.table(this.view.schema, this.view.name),
      source: 'sql',
      sql: (this.view.view_definition ?? '').trim(),
    };
    this.edges.set(fromFqn, { edge, mappings: new Map() });
  }

  addColumn(
    from: RecordedTable,
    fromColumn: string,
    toColumn: string,
    transformation: { type: 'DIRECT' | 'INDIRECT'; subtype: string },
  ): void {
    const entry = this.edges.get(this.fqns.table(from.schema, from.name));
    if (entry === undefined) return;
    const key = `${toColumn}|${transformation.type}|${transformation.subtype}`;
    const mapping: ColumnMapping = entry.mappings.get(key) ?? {
      from: [],
      to: this.fqns.column(this.view.schema, this.view.name, toColumn),
      transformation,
    };
    const fromFqn = this.fqns.column(from.schema, from.name, fromColumn);
    if (!mapping.from.includes(fromFqn)) mapping.from.push(fromFqn);
    entry.mappings.set(key, mapping);
  }

  records(): EdgeInput[] {
    return [...this.edges.values()].map(({ edge, mappings }) =>
      mappings.size > 0 ? { ...edge, columns: [...mappings.values()] } : edge,
    );
  }
}

function viewEdges(
  view: RelationRow,
  statement: StatementLineage,
  viewColumns: readonly ColumnRow[],
  recorded: (name: string) => RecordedTable | undefined,
  fqns: PostgresFqns,
): EdgeInput[] {
  const edges = new ViewEdges(view, fqns);
  for (const input of statement.inputs) {
    const table = recorded(input);
    if (table !== undefined) edges.addInput(table);
  }
  // pg_get_viewdef aliases every output column to the view's own column names, so positions
  // and names agree; the position is used in case a future analyzer names them differently.
  const byPosition = viewColumns.length === statement.columns.length;
  statement.columns.forEach((output, index) => {
    const toColumn = byPosition ? (viewColumns[index]?.name ?? output.column) : output.column;
    for (const origin of output.origins) {
      const table = recorded(origin.table);
      if (table === undefined) continue;
      edges.addColumn(table, origin.column, toColumn, {
        type: origin.type,
        subtype: origin.subtype,
      });
    }
  });
  return edges.records();
}

/**
 * Table and column lineage of every view and materialized view, from its definition, one edge
 * per relation it reads (a partition counts as its partitioned table). A definition the analyzer
 * cannot parse, and a read of a relation that has no table record in this run (a schema left out
 * by the filter), become warnings: an edge to an unknown table would be rejected by the catalog.
 */
export async function viewLineage(
  relations: readonly RelationRow[],
  columnsOf: (relation: RelationRow) => readonly ColumnRow[],
  fqns: PostgresFqns,
): Promise<ViewLineage> {
  const catalog = schemaCatalog(relations, columnsOf);
  const recorded = recordedTables(relations);
  const warnings: string[] = [];
  const edges: EdgeInput[] = [];
  for (const view of relations) {
    if (view.view_definition === null) continue;
    const name = relationName(view.schema, view.name);
    const result = await analyzeSqlLineage(view.view_definition, { catalog });
    const [statement] = result.statements;
    const problems = result.errors.map((error) => error.message).join('; ');
    if (statement === undefined || statement.kind !== 'select' || result.statements.length > 1) {
      warnings.push(`view ${name}: cannot analyze its definition, no lineage: ${problems}`);
      continue;
    }
    if (problems !== '') warnings.push(`view ${name}: lineage may be incomplete: ${problems}`);
    for (const input of statement.inputs.filter((input) => !recorded.has(input))) {
      warnings.push(`view ${name}: reads ${input}, which this run does not extract; no edge`);
    }
    edges.push(...viewEdges(view, statement, columnsOf(view), (n) => recorded.get(n), fqns));
  }
  return { edges, warnings };
}
