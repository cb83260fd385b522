import type {
  ColumnOrigin,
  ModelReport,
  QualityResult,
  ReportColumn,
} from '../report/run-report.js';

export const PRODUCER = 'https://github.com/almanac-catalog/almanac/tree/main/pipeline';
const SPEC = 'https://openlineage.io/spec';

export const SCHEMA_URLS = {
  event: `${SPEC}/2-0-2/OpenLineage.json#/$defs/RunEvent`,
  schema: `${SPEC}/facets/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet`,
  columnLineage: `${SPEC}/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet`,
  sql: `${SPEC}/facets/1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet`,
  dataQualityAssertions: `${SPEC}/facets/1-1-0/DataQualityAssertionsDatasetFacet.json#/$defs/DataQualityAssertionsDatasetFacet`,
  parent: `${SPEC}/facets/1-2-0/ParentRunFacet.json#/$defs/ParentRunFacet`,
  errorMessage: `${SPEC}/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet`,
} as const;

function base(schemaUrl: string) {
  return { _producer: PRODUCER, _schemaURL: schemaUrl };
}

export function schemaFacet(columns: readonly ReportColumn[]) {
  return {
    ...base(SCHEMA_URLS.schema),
    fields: columns.map((c) => ({
      name: c.name,
      type: c.dataType,
      ordinal_position: c.ordinal,
      ...(c.description ? { description: c.description } : {}),
    })),
  };
}

export function sqlFacet(query: string) {
  return { ...base(SCHEMA_URLS.sql), query, dialect: 'postgres' };
}

export function columnLineageFacet(
  namespace: string,
  database: string,
  columns: Record<string, readonly ColumnOrigin[]>,
) {
  const fields: Record<string, { inputFields: unknown[] }> = {};
  for (const [column, origins] of Object.entries(columns)) {
    fields[column] = {
      inputFields: origins.map((origin) => ({
        namespace,
        name: `${database}.${origin.table}`,
        field: origin.column,
        transformations: [
          { type: origin.type, ...(origin.subtype ? { subtype: origin.subtype } : {}) },
        ],
      })),
    };
  }
  return { ...base(SCHEMA_URLS.columnLineage), fields };
}

export function dataQualityAssertionsFacet(results: readonly QualityResult[]) {
  return {
    ...base(SCHEMA_URLS.dataQualityAssertions),
    assertions: results.map((r) => ({
      assertion: r.check,
      success: r.status === 'pass',
      ...(r.column ? { column: r.column } : {}),
      severity: 'error',
    })),
  };
}

export function parentFacet(runId: string, namespace: string, name: string) {
  return { ...base(SCHEMA_URLS.parent), run: { runId }, job: { namespace, name } };
}

export function errorMessageFacet(message: string) {
  return { ...base(SCHEMA_URLS.errorMessage), message, programmingLanguage: 'SQL' };
}

export function modelColumnsFacet(model: ModelReport) {
  return schemaFacet(model.columns);
}
