import { buildFqn, parseFqn, type Column } from '@almanac/sdk';
import type { StaticDataset } from '../event-schema.js';
import type { SchemaField } from '../facets/dataset-facets.js';
import { datasetFqns, type DatasetFqns } from '../naming.js';
import { addTagLabels, ownersOf } from './governance.js';
import type { RecordSet } from './record-set.js';

type DatasetFacets = NonNullable<StaticDataset['facets']>;

/** One dataset of an event, its facets merged over every place the event names it. */
export interface DatasetView {
  namespace: string;
  name: string;
  facets: DatasetFacets;
}

/** Facets marked `_deleted` count as absent. */
export function live<T extends { _deleted?: boolean }>(facet: T | undefined): T | undefined {
  return facet?._deleted === true ? undefined : facet;
}

/** The FQN of a column of a table, or null for an empty column name. */
export function columnFqn(tableFqn: string, column: string): string | null {
  return column === '' ? null : buildFqn([...parseFqn(tableFqn), column]);
}

function columnsOf(fields: readonly SchemaField[], set: RecordSet, table: string): Column[] {
  const seen = new Set<string>();
  const columns: Column[] = [];
  fields.forEach((field, index) => {
    if (field.name === '' || seen.has(field.name)) {
      set.note(`column ${JSON.stringify(field.name)} of ${table} is empty or repeated; skipped`);
      return;
    }
    seen.add(field.name);
    const ordinal = field.ordinal_position ?? 0;
    columns.push({
      name: field.name,
      dataType: field.type || 'unknown',
      ordinal: ordinal >= 1 ? ordinal : index + 1,
      nullable: true,
      ...(field.description ? { description: field.description } : {}),
    });
  });
  return columns;
}

function addParents(set: RecordSet, fqns: DatasetFqns): void {
  set.add({
    kind: 'service',
    fqn: buildFqn([fqns.service.name]),
    serviceType: fqns.service.serviceType,
  });
  set.add({ kind: 'database', fqn: fqns.database });
  set.add({ kind: 'schema', fqn: fqns.schema });
}

/**
 * Registers a dataset as a table with its parents, columns (`schema` facet), description
 * (`documentation`), owners (`ownership`) and tag labels (`tags`). Returns its table FQN, or null
 * when its name has no usable part.
 */
export function addDataset(
  set: RecordSet,
  view: DatasetView,
  catalogued: ReadonlySet<string> = new Set(),
): string | null {
  const fqns = datasetFqns(view.namespace, view.name);
  if (!fqns) {
    set.note(
      `dataset ${JSON.stringify(view.name)} in ${view.namespace} has an empty name; skipped`,
    );
    return null;
  }
  const { facets } = view;
  if (!live(facets.schema) && catalogued.has(fqns.table)) {
    // Without a schema facet the event says nothing of the columns: keep what the catalog has.
    addTagLabels(set, fqns.table, live(facets.tags)?.tags, (f) => columnFqn(fqns.table, f));
    return fqns.table;
  }
  const description = live(facets.documentation)?.description;
  const owners = ownersOf(set, fqns.table, live(facets.ownership)?.owners);
  addParents(set, fqns);
  set.add({
    kind: 'table',
    fqn: fqns.table,
    columns: columnsOf(live(facets.schema)?.fields ?? [], set, fqns.table),
    ...(description ? { description } : {}),
    ...(owners.length > 0 ? { owners } : {}),
    attributes: { openlineageNamespace: view.namespace, openlineageName: view.name },
  });
  addTagLabels(set, fqns.table, live(facets.tags)?.tags, (field) => columnFqn(fqns.table, field));
  return fqns.table;
}

/** Groups the places an event names datasets by identity; the first report of a facet wins. */
export function mergeDatasets(
  datasets: readonly { namespace: string; name: string; facets?: DatasetFacets }[],
): DatasetView[] {
  const byId = new Map<string, DatasetView>();
  for (const dataset of datasets) {
    const id = JSON.stringify([dataset.namespace, dataset.name]);
    const view = byId.get(id) ?? { namespace: dataset.namespace, name: dataset.name, facets: {} };
    view.facets = { ...dataset.facets, ...view.facets };
    byId.set(id, view);
  }
  return [...byId.values()];
}
