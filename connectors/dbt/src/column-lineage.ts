import {
  analyzeSqlLineage,
  buildFqn,
  type ColumnLineage,
  type SchemaCatalog,
  type SqlColumnOrigin,
  type SqlLineageResult,
  type StatementLineage,
} from '@almanac/sdk';
import type { DbtNode } from './artifacts/manifest.schema.js';
import { relationNameOf, type DbtFqns } from './dbt-fqns.js';
import { compiledSqlOf } from './warehouse-records.js';

type ColumnLineageInput = Omit<ColumnLineage, 'transformation'> & {
  transformation: NonNullable<ColumnLineage['transformation']>;
};

/** Column lineage of one model, per table it reads (by unique id), and what went wrong. */
export interface ModelColumnLineage {
  byDependency: Map<string, ColumnLineageInput[]>;
  problems: string[];
}

/** Lets the analyzer find a node's columns, keyed the way it names relations: `schema.table`. */
function relationKey(node: DbtNode): string {
  return buildFqn([node.schema, relationNameOf(node)]);
}

/**
 * BigQuery and Spark quote identifiers with backticks, which PostgreSQL's grammar rejects; dbt
 * renders relations as `` `project`.`dataset`.`table` ``, so double quotes keep the same names.
 */
export function backticksToDoubleQuotes(sql: string): string {
  return sql.replace(/`([^`]*)`/g, (_match, name: string) => `"${name.replaceAll('"', '""')}"`);
}

function spelledAsKnown(name: string, known: readonly string[]): string {
  return known.includes(name)
    ? name
    : (known.find((candidate) => candidate.toLowerCase() === name.toLowerCase()) ?? name);
}

/** The columns of every table node: all known ones, and those the warehouse confirmed. */
export interface NodeColumns {
  /** Catalog and documented columns, to match names the SQL spells in another case. */
  known(node: DbtNode): string[];
  /** Columns from catalog.json only: docs may list a few columns, which the analyzer would take
   * for all of them and then reject every other column as missing. */
  warehouse(node: DbtNode): string[] | undefined;
}

class RelationIndex {
  private readonly exact = new Map<string, DbtNode>();
  private readonly folded = new Map<string, DbtNode>();

  constructor(dependencies: readonly DbtNode[]) {
    for (const node of dependencies) {
      this.exact.set(relationKey(node), node);
      this.folded.set(relationKey(node).toLowerCase(), node);
    }
  }

  find(relation: string): DbtNode | undefined {
    return this.exact.get(relation) ?? this.folded.get(relation.toLowerCase());
  }
}

function schemaCatalog(dependencies: readonly DbtNode[], columns: NodeColumns): SchemaCatalog {
  const entries = dependencies.flatMap((node) => {
    const names = columns.warehouse(node);
    return names ? [[relationKey(node), names] as const] : [];
  });
  return Object.fromEntries(entries);
}

/** Collects origins into one mapping per (dependency, target column, transformation). */
class LineageCollector {
  private readonly mappings = new Map<string, Map<string, ColumnLineageInput>>();

  constructor(
    private readonly model: DbtNode,
    private readonly fqns: DbtFqns,
    private readonly columns: NodeColumns,
  ) {}

  add(column: string, origin: SqlColumnOrigin, source: DbtNode): void {
    const target = spelledAsKnown(column, this.columns.known(this.model));
    const from = this.fqns.column(
      source,
      spelledAsKnown(origin.column, this.columns.known(source)),
    );
    const perSource = this.mappings.get(source.unique_id) ?? new Map<string, ColumnLineageInput>();
    const key = `${target}|${origin.type}|${origin.subtype}`;
    const mapping = perSource.get(key) ?? {
      from: [],
      to: this.fqns.column(this.model, target),
      transformation: { type: origin.type, subtype: origin.subtype },
    };
    if (!mapping.from.includes(from)) mapping.from.push(from);
    perSource.set(key, mapping);
    this.mappings.set(source.unique_id, perSource);
  }

  result(): Map<string, ColumnLineageInput[]> {
    return new Map([...this.mappings].map(([id, perSource]) => [id, [...perSource.values()]]));
  }
}

function producesRows(statement: StatementLineage): boolean {
  return statement.kind !== 'other';
}

/**
 * Column lineage of a model from its compiled SQL. Relations the SQL reads are matched to the
 * model's dependencies by `schema.table`; the database part is dropped by the analyzer, which is
 * safe because only the model's own dependencies are candidates.
 */
export async function modelColumnLineage(
  model: DbtNode,
  dependencies: readonly DbtNode[],
  fqns: DbtFqns,
  columns: NodeColumns,
): Promise<ModelColumnLineage> {
  const sql = compiledSqlOf(model);
  if (!sql || dependencies.length === 0) return { byDependency: new Map(), problems: [] };
  let analysis: SqlLineageResult;
  try {
    analysis = await analyzeSqlLineage(backticksToDoubleQuotes(sql), {
      defaultSchema: model.schema,
      catalog: schemaCatalog(dependencies, columns),
    });
  } catch (error) {
    // One model's SQL must not cost the whole project its metadata.
    return { byDependency: new Map(), problems: [`analysis failed: ${String(error)}`] };
  }
  const relations = new RelationIndex(dependencies);
  const collector = new LineageCollector(model, fqns, columns);
  for (const statement of analysis.statements.filter(producesRows)) {
    for (const { column, origins } of statement.columns) {
      for (const origin of origins) {
        const source = relations.find(origin.table);
        if (source) collector.add(column, origin, source);
      }
    }
  }
  const problems = analysis.errors.map((error) => error.message);
  return { byDependency: collector.result(), problems };
}
