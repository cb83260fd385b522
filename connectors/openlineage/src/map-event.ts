import type { MetadataRecordInput } from '@almanac/sdk';
import type {
  DatasetEvent,
  InputDataset,
  JobEvent,
  OpenLineageEvent,
  OutputDataset,
  RunEvent,
} from './event-schema.js';
import { datasetFqns, jobPipelineFqn } from './naming.js';
import { addDataset, live, mergeDatasets } from './map/datasets.js';
import { addJob } from './map/job.js';
import { lineageEdge } from './map/lineage.js';
import { addAssertions, assertionsOf } from './map/quality.js';
import { RecordSet } from './map/record-set.js';

/** Catalog records of one event, and what of the event could not be mapped. */
export interface EventMapping {
  records: MetadataRecordInput[];
  notes: string[];
}

/**
 * Whether an event reports finished data flow: a COMPLETE run, a run without a state, or a JobEvent.
 * START, RUNNING and OTHER runs may not have written their outputs yet; FAIL and ABORT did not.
 */
export function reportsLineage(parsed: OpenLineageEvent): boolean {
  switch (parsed.type) {
    case 'run':
      return parsed.event.eventType === undefined || parsed.event.eventType === 'COMPLETE';
    case 'job':
      return true;
    case 'dataset':
      return false;
  }
}

function tableOf(dataset: { namespace: string; name: string }): string | null {
  return datasetFqns(dataset.namespace, dataset.name)?.table ?? null;
}

/** Datasets a column lineage facet reads from, which producers do not always list as inputs. */
function columnSources(output: OutputDataset): { namespace: string; name: string }[] {
  const fields = Object.values(live(output.facets?.columnLineage)?.fields ?? {});
  return fields.flatMap((field) =>
    field.inputFields.map(({ namespace, name }) => ({ namespace, name })),
  );
}

function addInputAssertions(set: RecordSet, inputs: InputDataset[], eventTime: string): void {
  for (const input of inputs) {
    const table = tableOf(input);
    const assertions = assertionsOf(
      input.inputFacets?.dataQualityAssertions,
      input.facets?.['dataQualityAssertions'],
    );
    if (table !== null) addAssertions(set, table, assertions, eventTime);
  }
}

function addEdges(set: RecordSet, event: RunEvent | JobEvent, pipeline: string | null): void {
  const inputs = event.inputs ?? [];
  for (const output of event.outputs ?? []) {
    const to = tableOf(output);
    if (to === null) continue;
    const sources = new Set([...inputs, ...columnSources(output)].map(tableOf));
    for (const from of sources) {
      if (from !== null) set.add(lineageEdge(from, to, pipeline, output.facets?.columnLineage));
    }
  }
}

function namedDatasets(event: RunEvent | JobEvent) {
  const outputs = event.outputs ?? [];
  return [...(event.inputs ?? []), ...outputs, ...outputs.flatMap(columnSources)];
}

function mapJobRun(
  set: RecordSet,
  event: RunEvent | JobEvent,
  withEdges: boolean,
  catalogued: ReadonlySet<string>,
): void {
  const inputs = event.inputs ?? [];
  for (const view of mergeDatasets(namedDatasets(event))) addDataset(set, view, catalogued);
  const pipeline = jobPipelineFqn(event.job.namespace, event.job.name);
  if (pipeline === null) set.note(`job in ${event.job.namespace} has an empty name; skipped`);
  else addJob(set, event.job, pipeline);
  addInputAssertions(set, inputs, event.eventTime);
  if (withEdges) addEdges(set, event, pipeline);
}

function mapDatasetEvent(
  set: RecordSet,
  event: DatasetEvent,
  catalogued: ReadonlySet<string>,
): void {
  const [view] = mergeDatasets([event.dataset]);
  const table = view ? addDataset(set, view, catalogued) : null;
  const assertions = assertionsOf(undefined, event.dataset.facets?.['dataQualityAssertions']);
  if (table !== null) addAssertions(set, table, assertions, event.eventTime);
}

/**
 * Tables of the datasets an event names without a schema facet. When the catalog already has
 * them, pass them to mapEventToRecords as `catalogued`, so their columns are not replaced by none.
 */
export function tablesWithoutSchema(parsed: OpenLineageEvent): string[] {
  const named = parsed.type === 'dataset' ? [parsed.event.dataset] : namedDatasets(parsed.event);
  return mergeDatasets(named)
    .filter((view) => !live(view.facets.schema))
    .map((view) => datasetFqns(view.namespace, view.name)?.table)
    .filter((table): table is string => table !== undefined);
}

/**
 * Maps a parsed OpenLineage event to catalog records. The same event always gives the same
 * records, so replaying it changes nothing in the catalog. Tables in `catalogued` that the event
 * names without a schema facet are left as the catalog has them.
 */
export function mapEventToRecords(
  parsed: OpenLineageEvent,
  catalogued: ReadonlySet<string> = new Set(),
): EventMapping {
  const set = new RecordSet();
  if (parsed.type === 'dataset') mapDatasetEvent(set, parsed.event, catalogued);
  else mapJobRun(set, parsed.event, reportsLineage(parsed), catalogued);
  return { records: set.records(), notes: set.notes };
}
