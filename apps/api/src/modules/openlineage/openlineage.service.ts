import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  mapEventToRecords,
  tablesWithoutSchema,
  type EventMapping,
  type OpenLineageEvent,
} from '@almanac/connector-openlineage';
import { Coalescer } from '../../common/coalescer.js';
import { GroupIngestService } from '../ingest/group-ingest.service.js';
import { LineageRepository } from '../lineage/lineage.repository.js';
import { lineageResponse, type LineageResponse } from './lineage-response.js';

/** An event as the endpoint received it, with who sent it. */
export interface ReceivedEvent {
  parsed: OpenLineageEvent;
  actor: string;
}

/**
 * Events that arrive within this many milliseconds of the first waiting one share a transaction:
 * little next to a commit, long enough for the requests of concurrent producers to meet.
 */
const GROUP_WAIT_MS = 4;
/** A group never holds more events than this, so one group's transaction stays short. */
const GROUP_MAX_EVENTS = 64;

function labelOf(parsed: OpenLineageEvent): string {
  switch (parsed.type) {
    case 'run':
      return `run ${parsed.event.run.runId} of job ${parsed.event.job.namespace}/${parsed.event.job.name}`;
    case 'job':
      return `job ${parsed.event.job.namespace}/${parsed.event.job.name}`;
    case 'dataset':
      return `dataset ${parsed.event.dataset.namespace}/${parsed.event.dataset.name}`;
  }
}

/**
 * Turns OpenLineage events into catalog records. Concurrent events are ingested together (group
 * commit): one transaction per group, one answer per event, as if the events of a group had been
 * ingested one after the other in the order they arrived.
 */
@Injectable()
export class OpenLineageService implements OnApplicationShutdown {
  // One group at a time: events that arrive meanwhile form the next group, so groups grow with the
  // load, every answer is the one the arrival order gives, and groups never wait on each other's
  // row locks.
  private readonly groups = new Coalescer<ReceivedEvent, LineageResponse>(
    (events) => this.ingestGroup(events),
    { maxBatch: GROUP_MAX_EVENTS, maxWaitMs: GROUP_WAIT_MS, maxInFlight: 1 },
  );

  constructor(
    private readonly ingest: GroupIngestService,
    private readonly catalog: LineageRepository,
  ) {}

  receive(event: ReceivedEvent): Promise<LineageResponse> {
    return this.groups.submit(event);
  }

  /** Ingests events in one group, in order; one answer per event. */
  async ingestGroup(
    events: readonly ReceivedEvent[],
  ): Promise<PromiseSettledResult<LineageResponse>[]> {
    const mappings = await this.mapInOrder(events.map((e) => e.parsed));
    const parts = events.flatMap((event, i) => {
      const mapping = mappings[i];
      if (mapping.status === 'rejected') return [];
      return [{ records: mapping.value.records, actor: event.actor, label: labelOf(event.parsed) }];
    });
    const summaries = await this.ingest.ingestTogether(parts, null);
    let next = 0;
    return events.map((event, i): PromiseSettledResult<LineageResponse> => {
      const mapping = mappings[i];
      if (mapping.status === 'rejected') return mapping;
      const summary = summaries[next];
      next += 1;
      if (summary.status === 'rejected') return summary;
      const { records, notes } = mapping.value;
      return {
        status: 'fulfilled',
        value: lineageResponse(event.parsed, records, summary.value, notes),
      };
    });
  }

  /** After the HTTP server has stopped: the requests it still served had their groups written. */
  async onApplicationShutdown(): Promise<void> {
    await this.groups.close();
  }

  /**
   * Maps each event as if the events before it in the group were already in the catalog: a table
   * an earlier event writes counts as catalogued, so a later event naming it without a schema facet
   * does not replace its columns by none. One catalog lookup serves the whole group.
   */
  private async mapInOrder(
    events: readonly OpenLineageEvent[],
  ): Promise<PromiseSettledResult<EventMapping>[]> {
    const unschemed = events.map((event) => tablesWithoutSchema(event));
    const named = [...new Set(unschemed.flat())];
    const stored = new Set(named.length > 0 ? (await this.catalog.nodes(named)).keys() : []);
    const written = new Set<string>();
    return events.map((event, i) => {
      const catalogued = new Set(unschemed[i].filter((t) => stored.has(t) || written.has(t)));
      try {
        const mapping = mapEventToRecords(event, catalogued);
        for (const record of mapping.records) if (record.kind === 'table') written.add(record.fqn);
        return { status: 'fulfilled', value: mapping };
      } catch (error) {
        return { status: 'rejected', reason: error };
      }
    });
  }
}
