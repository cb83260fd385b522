import type { SourceReport } from '../report/run-report.js';
import { qualifiedName, RAW_TABLES } from './raw-tables.js';

export type RawSourceDescription = Omit<SourceReport, 'rowCount'>;

/** The raw tables as run-report sources; the caller adds each one's row count. */
export function rawSources(): RawSourceDescription[] {
  return RAW_TABLES.map((table) => ({
    name: qualifiedName(table),
    description: table.description,
    columns: table.columns.map((column, index) => ({
      name: column.name,
      dataType: column.type,
      description: column.description,
      ordinal: index + 1,
      nullable: column.nullable,
    })),
  }));
}
