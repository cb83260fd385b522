import { analyzeSqlLineage, type SchemaCatalog } from '@almanac/sdk';
import type { ModelLineage, ModelReport, SourceReport } from '../report/run-report.js';

/** Column names of every relation the run knows, for `*` expansion and name resolution. */
export function catalogOf(
  sources: readonly SourceReport[],
  models: readonly ModelReport[],
): SchemaCatalog {
  const catalog: Record<string, string[]> = {};
  for (const source of sources) catalog[source.name] = source.columns.map((c) => c.name);
  for (const model of models)
    catalog[`${model.schema}.${model.name}`] = model.columns.map((c) => c.name);
  return catalog;
}

/**
 * Derives a model's lineage from the SQL that actually ran. Incremental models read their own
 * table for the watermark; that self-reference is not lineage and is dropped.
 */
export async function modelLineage(
  model: ModelReport,
  catalog: SchemaCatalog,
): Promise<ModelLineage> {
  const self = `${model.schema}.${model.name}`;
  const result = await analyzeSqlLineage(model.compiledSql, { catalog });
  const statement = result.statements.at(-1);
  if (!statement) {
    return {
      inputs: model.dependsOn,
      columns: {},
      error: result.errors.map((e) => e.message).join('; ') || 'no statement',
    };
  }
  const columns: ModelLineage['columns'] = {};
  for (const column of statement.columns) {
    columns[column.column] = column.origins
      .filter((origin) => origin.table !== self)
      .map((origin) => ({
        table: origin.table,
        column: origin.column,
        type: origin.type,
        subtype: origin.subtype,
      }));
  }
  const lineage: ModelLineage = {
    inputs: statement.inputs.filter((input) => input !== self),
    columns,
  };
  if (result.errors.length > 0) lineage.error = result.errors.map((e) => e.message).join('; ');
  return lineage;
}
