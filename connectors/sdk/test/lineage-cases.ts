import { analyzeSqlLineage } from '../src/sql-lineage/analyze.js';
import type {
  SchemaCatalog,
  SqlColumnOrigin,
  SqlLineageOptions,
  StatementKind,
} from '../src/sql-lineage/types.js';

/** Shared harness of the table-driven SQL lineage tests. */
export type Columns = [name: string, origins: string[]][];

export interface LineageCase {
  name: string;
  sql: string;
  kind?: StatementKind;
  output?: string | null;
  inputs: string[];
  columns: Columns;
  /** Row-level influences every output column carries. */
  every?: string[];
  /** Substrings of the expected error messages, in order. */
  errors?: string[];
  options?: SqlLineageOptions;
}

const origins =
  (type: string, subtype: string) =>
  (...paths: string[]): string[] =>
    paths.map((path) => `${type} ${subtype} ${path}`);
export const id = origins('DIRECT', 'IDENTITY');
export const tf = origins('DIRECT', 'TRANSFORMATION');
export const agg = origins('DIRECT', 'AGGREGATION');
export const join = origins('INDIRECT', 'JOIN');
export const grp = origins('INDIRECT', 'GROUP_BY');
export const fil = origins('INDIRECT', 'FILTER');
export const srt = origins('INDIRECT', 'SORT');
export const win = origins('INDIRECT', 'WINDOW');
export const cnd = origins('INDIRECT', 'CONDITIONAL');

function shown(origin: SqlColumnOrigin): string {
  return `${origin.type} ${origin.subtype} ${origin.table}.${origin.column}`;
}

/** Analyzes one single-statement case and asserts inputs, output, column origins and errors. */
export async function checkLineage(entry: LineageCase, catalog: SchemaCatalog): Promise<void> {
  const result = await analyzeSqlLineage(entry.sql, { catalog, ...entry.options });
  expect(result.statements).toHaveLength(1);
  const [statement] = result.statements;
  expect({
    kind: statement?.kind,
    output: statement?.output,
    inputs: statement?.inputs,
    columns: statement?.columns.map(({ column, origins: found }) => [
      column,
      found.map(shown).sort(),
    ]),
  }).toEqual({
    kind: entry.kind ?? 'select',
    output: entry.output ?? null,
    inputs: entry.inputs,
    columns: entry.columns.map(([column, expected]) => [
      column,
      [...new Set([...expected, ...(entry.every ?? [])])].sort(),
    ]),
  });
  const expectedErrors = entry.errors ?? [];
  expect(result.errors.map(({ statement: index }) => index)).toEqual(expectedErrors.map(() => 0));
  result.errors.forEach(({ message }, index) => expect(message).toContain(expectedErrors[index]));
}
