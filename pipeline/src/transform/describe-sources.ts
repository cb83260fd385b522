import { type SourceReport } from '../report/run-report.js';
import { type Project } from './project.js';
import {
  countRows,
  readColumns,
  relationKind,
  toReportColumns,
  type Queryable,
} from './warehouse-catalog.js';

/** The project's declared sources as the warehouse holds them, with the descriptions from _sources.yml. */
export async function describeSources(db: Queryable, project: Project): Promise<SourceReport[]> {
  const reports: SourceReport[] = [];
  for (const table of project.sources.values()) {
    const exists = (await relationKind(db, table.relation)) !== null;
    const descriptions = new Map(table.columns.map((column) => [column.name, column.description]));
    reports.push({
      name: table.relation,
      description: table.description,
      columns: exists ? toReportColumns(await readColumns(db, table.relation), descriptions) : [],
      ...(exists ? { rowCount: await countRows(db, table.relation) } : {}),
    });
  }
  return reports;
}
