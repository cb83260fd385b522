/**
 * Known relations and their columns, keyed by relation name (`schema.table`; an unqualified key is
 * taken to be in the default schema). Names are compared exactly, so give them as PostgreSQL
 * stores them: unquoted identifiers folded to lower case.
 */
export type SchemaCatalog = Readonly<Record<string, readonly string[]>>;

export interface SqlLineageOptions {
  /** Schema of unqualified relation names; `public` when omitted. */
  defaultSchema?: string;
  catalog?: SchemaCatalog;
}

/** OpenLineage DIRECT subtypes: the output value is computed from the input column. */
export type DirectSubtype = 'IDENTITY' | 'TRANSFORMATION' | 'AGGREGATION';

/** OpenLineage INDIRECT subtypes: the input column influences the output without being copied. */
export type IndirectSubtype = 'JOIN' | 'GROUP_BY' | 'FILTER' | 'SORT' | 'WINDOW' | 'CONDITIONAL';

export type SqlColumnOrigin =
  | { table: string; column: string; type: 'DIRECT'; subtype: DirectSubtype }
  | { table: string; column: string; type: 'INDIRECT'; subtype: IndirectSubtype };

export interface SqlColumnLineage {
  column: string;
  /** Sorted: DIRECT before INDIRECT, then by table, column and subtype. */
  origins: SqlColumnOrigin[];
}

export type StatementKind =
  'select' | 'create_view' | 'create_table_as' | 'insert' | 'update' | 'merge' | 'other';

export interface StatementLineage {
  kind: StatementKind;
  /** Relation written by CREATE VIEW / CREATE TABLE AS / SELECT INTO / INSERT / UPDATE / MERGE. */
  output: string | null;
  /** Relations read, schema-qualified, sorted; CTE names are not relations. */
  inputs: string[];
  /** One entry per output column, in output order. */
  columns: SqlColumnLineage[];
}

export interface SqlLineageError {
  /** Index into `statements`; absent when the problem is not tied to one statement. */
  statement?: number;
  message: string;
}

export interface SqlLineageResult {
  statements: StatementLineage[];
  errors: SqlLineageError[];
}

export interface StatementRelations {
  kind: StatementKind;
  output: string | null;
  inputs: string[];
}

export interface SqlRelationsResult {
  statements: StatementRelations[];
  /** Union of the statements' inputs, sorted. */
  inputs: string[];
  /** Union of the statements' outputs, sorted. */
  outputs: string[];
  /** Only problems that hide relations (unparseable SQL, unsupported constructs). */
  errors: SqlLineageError[];
}
