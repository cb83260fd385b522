import { Inject, Injectable } from '@nestjs/common';
import {
  isEntityKind,
  type EntityRecord,
  type IngestSummary,
  type MetadataRecordInput,
} from '@almanac/sdk';
import { DATABASE } from '../../database/database.tokens.js';
import type { Database, SqlExecutor } from '../../database/sql-executor.js';
import { AuditRepository } from '../audit/audit.repository.js';
import { ChangeEventPublisher } from '../events/change-event.publisher.js';
import { LOGGER, type AppLogger } from '../ops/logger.js';
import { MetricsService } from '../ops/metrics.service.js';
import {
  countOutcome,
  emptySummary,
  type LineOutcome,
  type ParsedLine,
  type WriteContext,
} from './batch-types.js';
import { EntityBatchWriter } from './entity-batch.writer.js';
import { planGroup, type GroupChunk, type GroupPlan } from './group-plan.js';
import { IngestRepository, type ChangeEventRow } from './ingest.repository.js';
import { IngestService } from './ingest.service.js';
import { RelationBatchWriter } from './relation-batch.writer.js';
import { ValidationCache } from './validation-cache.js';

/** JSON characters of validated records kept: the jobs and datasets of busy producers. */
const VALIDATED_RECORD_CHARS = 4_000_000;

/** One delta run of a group: records produced in this process, on behalf of `actor`. */
export interface IngestPart {
  records: readonly MetadataRecordInput[];
  actor: string;
  /** Names the run in the audit trail (an OpenLineage run and its job, say). */
  label: string;
}

/** The records that validate, numbered 1.. as NDJSON lines would be; the others are rejected. */
function validLines(
  records: readonly MetadataRecordInput[],
  summary: IngestSummary,
  cache: ValidationCache,
): ParsedLine[] {
  const lines: ParsedLine[] = [];
  records.forEach((record, index) => {
    const line = index + 1;
    const result = cache.validate(record);
    if (result.ok) {
      lines.push({ line, record: result.record, hash: result.hash, key: result.key });
      return;
    }
    summary.rejected += 1;
    summary.errors.push({
      line,
      ...(result.key ? { key: result.key } : {}),
      reason: result.reason,
    });
  });
  return lines;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Group commit: ingests the delta runs of several concurrent requests in one transaction, so a
 * group pays one commit, one audit row and one statement per kind of write instead of one each per
 * request. Every run still gets its own summary, the one it would have got had the runs been
 * ingested alone, one after the other, in the given order.
 */
@Injectable()
export class GroupIngestService {
  private readonly validation = new ValidationCache(VALIDATED_RECORD_CHARS);

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(LOGGER) private readonly logger: AppLogger,
    private readonly entityWriter: EntityBatchWriter,
    private readonly relationWriter: RelationBatchWriter,
    private readonly repository: IngestRepository,
    private readonly events: ChangeEventPublisher,
    private readonly metrics: MetricsService,
    private readonly audit: AuditRepository,
    private readonly single: IngestService,
  ) {}

  /**
   * One answer per part, in order. When the group's transaction fails, every part is ingested
   * alone, so one bad part cannot fail the others and each gets its own error.
   */
  async ingestTogether(
    parts: readonly IngestPart[],
    source: string | null,
  ): Promise<PromiseSettledResult<IngestSummary>[]> {
    const started = Date.now();
    const summaries = parts.map((part) => emptySummary('delta', source, part.records.length));
    const plan = planGroup(
      parts.map((part, i) => ({
        actor: part.actor,
        lines: validLines(part.records, summaries[i], this.validation),
      })),
    );
    let events: ChangeEventRow[];
    try {
      events = await this.db.transaction((tx) => this.write(tx, plan, parts, summaries, source));
    } catch (error) {
      if (parts.length > 1) {
        this.logger.warn(
          { parts: parts.length, err: errorMessage(error) },
          'group ingest rolled back; ingesting its runs one by one',
        );
      }
      return this.oneByOne(parts, source);
    }
    await this.publish(events, summaries);
    return summaries.map((summary) => {
      summary.errors.sort((a, b) => a.line - b.line);
      summary.durationMs = Date.now() - started;
      this.metrics.recordIngest(summary);
      return { status: 'fulfilled', value: summary };
    });
  }

  private async write(
    tx: SqlExecutor,
    plan: GroupPlan,
    parts: readonly IngestPart[],
    summaries: IngestSummary[],
    source: string | null,
  ): Promise<ChangeEventRow[]> {
    const origin = source ?? 'ingest';
    const outcomes = new Map<number, LineOutcome>();
    const events: ChangeEventRow[] = [];
    for (const chunk of plan.chunks) {
      const ctx: WriteContext = { source, origin, actor: chunk.actor };
      const entityLines = chunk.lines.filter((item): item is ParsedLine<EntityRecord> =>
        isEntityKind(item.record.kind),
      );
      const relationLines = chunk.lines.filter((item) => !isEntityKind(item.record.kind));
      const entities = await this.entityWriter.write(tx, entityLines, ctx);
      const relations = await this.relationWriter.write(tx, relationLines, ctx);
      for (const outcome of [...entities.outcomes, ...relations.outcomes]) {
        outcomes.set(outcome.line, outcome);
      }
      const versions = [...entities.versions, ...relations.versions];
      events.push(...(await this.repository.insertChangeEvents(tx, versions, ctx.actor)));
    }
    for (const [line, outcome] of outcomes) {
      const ref = plan.origin.get(line)!;
      countOutcome(summaries[ref.part], { ...outcome, line: ref.line });
    }
    for (const { ref, sameAs } of plan.duplicates) {
      // The record is already written as an earlier part sent it: for this part it is unchanged.
      const first = outcomes.get(sameAs);
      const status = first?.status === 'rejected' ? 'rejected' : 'unchanged';
      countOutcome(summaries[ref.part], {
        line: ref.line,
        key: ref.key,
        status,
        reason: first?.reason,
      });
    }
    for (const chunk of plan.chunks) {
      await this.audit.record(auditEntry(chunk, parts, summaries, origin, source), tx);
    }
    return events;
  }

  private async oneByOne(
    parts: readonly IngestPart[],
    source: string | null,
  ): Promise<PromiseSettledResult<IngestSummary>[]> {
    const results: PromiseSettledResult<IngestSummary>[] = [];
    for (const part of parts) {
      try {
        const options = { mode: 'delta' as const, source, actor: part.actor };
        results.push({
          status: 'fulfilled',
          value: await this.single.ingestRecords(part.records, options),
        });
      } catch (error) {
        results.push({ status: 'rejected', reason: error });
      }
    }
    return results;
  }

  private async publish(events: ChangeEventRow[], summaries: IngestSummary[]): Promise<void> {
    try {
      await this.events.publish(events);
    } catch (error) {
      for (const summary of summaries) {
        if (summary.created + summary.updated === 0) continue;
        summary.notes.push(
          `the change events of this request are stored but not yet queued (${errorMessage(error)}); they will be retried`,
        );
      }
    }
  }
}

/** One audit row per chunk, naming each run it wrote with its counts. */
function auditEntry(
  chunk: GroupChunk,
  parts: readonly IngestPart[],
  summaries: readonly IngestSummary[],
  origin: string,
  source: string | null,
) {
  const runs = chunk.parts.map((i) => {
    const { runId, received, created, updated, unchanged, rejected } = summaries[i];
    return { runId, label: parts[i].label, received, created, updated, unchanged, rejected };
  });
  const total = (field: 'received' | 'created' | 'updated' | 'unchanged' | 'rejected') =>
    runs.reduce((sum, run) => sum + run[field], 0);
  return {
    actor: chunk.actor,
    action: 'ingest',
    target: `source:${origin}`,
    after: {
      mode: 'delta',
      source,
      received: total('received'),
      created: total('created'),
      updated: total('updated'),
      unchanged: total('unchanged'),
      deleted: 0,
      rejected: total('rejected'),
      runs,
    },
  };
}
