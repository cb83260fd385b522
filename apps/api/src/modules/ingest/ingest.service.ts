import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import {
  isEntityKind,
  parseRecordLine,
  serializeRecords,
  splitLines,
  type EntityRecord,
  type IngestError,
  type IngestMode,
  type IngestSummary,
  type MetadataRecordInput,
} from '@almanac/sdk';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { DATABASE } from '../../database/database.tokens.js';
import type { Database } from '../../database/sql-executor.js';
import { AuditRepository } from '../audit/audit.repository.js';
import { ChangeEventPublisher } from '../events/change-event.publisher.js';
import { MetricsService } from '../ops/metrics.service.js';
import {
  countOutcome,
  emptySummary,
  type LineOutcome,
  type ParsedLine,
  type WriteContext,
} from './batch-types.js';
import { EntityBatchWriter } from './entity-batch.writer.js';
import { IngestRepository, type ChangeEventRow } from './ingest.repository.js';
import { RelationBatchWriter } from './relation-batch.writer.js';
import { RelationsRepository } from './relations.repository.js';

export interface IngestOptions {
  mode: IngestMode;
  source: string | null;
  actor: string;
}

export class BodyTooLargeError extends Error {
  constructor(
    readonly limit: number,
    readonly summary: IngestSummary,
  ) {
    super(
      `request body exceeds the limit of ${limit} bytes (INGEST_MAX_BODY_BYTES); ` +
        `ingestion stopped after line ${summary.received}, the lines before it were ingested`,
    );
  }
}

class RunTally {
  readonly summary: IngestSummary;
  readonly seenEntities: { type: string; fqn: string }[] = [];
  readonly seenEdges: string[] = [];
  private readonly started = Date.now();

  constructor(mode: IngestMode, source: string | null) {
    this.summary = emptySummary(mode, source);
  }

  reject(error: IngestError): void {
    this.summary.rejected += 1;
    this.summary.errors.push(error);
  }

  count(outcome: LineOutcome): void {
    countOutcome(this.summary, outcome);
  }

  finish(): IngestSummary {
    this.summary.errors.sort((a, b) => a.line - b.line);
    this.summary.durationMs = Date.now() - this.started;
    return this.summary;
  }
}

/** Streams NDJSON records into the catalog in batches; each batch is one transaction. */
@Injectable()
export class IngestService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly entityWriter: EntityBatchWriter,
    private readonly relationWriter: RelationBatchWriter,
    private readonly repository: IngestRepository,
    private readonly relations: RelationsRepository,
    private readonly events: ChangeEventPublisher,
    private readonly metrics: MetricsService,
    private readonly audit: AuditRepository,
  ) {}

  /** Ingests records produced in this process (a built-in connector) through the same path. */
  ingestRecords(
    records: Iterable<MetadataRecordInput>,
    options: IngestOptions,
  ): Promise<IngestSummary> {
    return this.ingest(Readable.from(serializeRecords(records)), options);
  }

  async ingest(
    body: AsyncIterable<Buffer | string>,
    options: IngestOptions,
  ): Promise<IngestSummary> {
    const tally = new RunTally(options.mode, options.source);
    const ctx: WriteContext = {
      source: options.source,
      origin: options.source ?? 'ingest',
      actor: options.actor,
    };
    const { maxBodyBytes, maxLineBytes, batchSize } = this.config.ingest;
    const limited = { exceeded: false };
    let batch: ParsedLine[] = [];
    for await (const piece of splitLines(limitBytes(body, maxBodyBytes, limited), {
      maxLineBytes,
    })) {
      tally.summary.received += 1;
      if ('tooLong' in piece) {
        tally.reject({
          line: piece.lineNumber,
          reason: `line is ${piece.bytes} bytes, over the limit of ${maxLineBytes} (INGEST_MAX_LINE_BYTES)`,
        });
        continue;
      }
      const parsed = parseRecordLine(piece.line, piece.lineNumber);
      if (!parsed.ok) {
        tally.reject({
          line: parsed.line,
          ...(parsed.key ? { key: parsed.key } : {}),
          reason: parsed.reason,
        });
        continue;
      }
      batch.push(parsed);
      if (batch.length >= batchSize) {
        await this.writeBatch(batch, ctx, tally);
        batch = [];
      }
    }
    await this.writeBatch(batch, ctx, tally);
    if (limited.exceeded) {
      tally.summary.notes.push(
        'the request body was cut at the size limit; nothing was soft-deleted',
      );
      throw new BodyTooLargeError(maxBodyBytes, await this.record(tally.finish(), ctx));
    }
    if (options.mode === 'full') await this.finishFullRun(tally, ctx);
    return this.record(tally.finish(), ctx);
  }

  /** Every run is measured and audited with its counts; the rejected lines stay in the answer. */
  private async record(summary: IngestSummary, ctx: WriteContext): Promise<IngestSummary> {
    this.metrics.recordIngest(summary);
    const { errors: _errors, ...counts } = summary;
    await this.audit.record({
      actor: ctx.actor,
      action: 'ingest',
      target: `source:${ctx.origin}`,
      after: counts,
    });
    return summary;
  }

  private async writeBatch(batch: ParsedLine[], ctx: WriteContext, tally: RunTally): Promise<void> {
    if (batch.length === 0) return;
    const entityLines = batch.filter((item): item is ParsedLine<EntityRecord> =>
      isEntityKind(item.record.kind),
    );
    const relationLines = batch.filter((item) => !isEntityKind(item.record.kind));
    try {
      const { outcomes, events } = await this.db.transaction(async (tx) => {
        const entities = await this.entityWriter.write(tx, entityLines, ctx);
        const relations = await this.relationWriter.write(tx, relationLines, ctx);
        const versions = [...entities.versions, ...relations.versions];
        const events = await this.repository.insertChangeEvents(tx, versions, ctx.actor);
        return { outcomes: [...entities.outcomes, ...relations.outcomes], events };
      });
      for (const outcome of outcomes) tally.count(outcome);
      this.rememberSeen(batch, outcomes, tally);
      await this.publish(events, tally);
    } catch (error) {
      const first = batch[0].line;
      const last = batch[batch.length - 1].line;
      const reason = `batch of lines ${first}-${last} was rolled back, none of it was written: ${errorMessage(error)}`;
      for (const item of batch) tally.reject({ line: item.line, key: item.key, reason });
    }
  }

  private rememberSeen(batch: ParsedLine[], outcomes: LineOutcome[], tally: RunTally): void {
    const rejectedLines = new Set(
      outcomes.filter((o) => o.status === 'rejected').map((o) => o.line),
    );
    for (const item of batch) {
      if (rejectedLines.has(item.line)) continue;
      if (isEntityKind(item.record.kind)) {
        tally.seenEntities.push({ type: item.record.kind, fqn: (item.record as EntityRecord).fqn });
      } else if (item.record.kind === 'lineage_edge') {
        tally.seenEdges.push(item.key);
      }
    }
  }

  private async finishFullRun(tally: RunTally, ctx: WriteContext): Promise<void> {
    if (!ctx.source) {
      tally.summary.notes.push('a full run needs a source; nothing was soft-deleted');
      return;
    }
    if (tally.summary.rejected > 0) {
      tally.summary.notes.push(
        `nothing was soft-deleted: ${tally.summary.rejected} record(s) were rejected, so what the source no longer reports is unknown`,
      );
      return;
    }
    const source = ctx.source;
    const events = await this.db.transaction(async (tx) => {
      const deleted = await this.repository.softDeleteUnseen(
        tx,
        source,
        tally.seenEntities,
        ctx.actor,
      );
      const versions = deleted.map((entity) => ({
        entity_id: entity.id,
        version: Number(entity.version),
        change_type: 'deleted' as const,
        change_description: {
          fieldsAdded: [],
          fieldsUpdated: [{ name: 'deleted', oldValue: false, newValue: true }],
          fieldsDeleted: [],
          previousVersion: Math.round((Number(entity.version) - 0.1) * 10) / 10,
        },
        snapshot: entity.spec,
      }));
      await this.repository.insertVersions(tx, versions, ctx.actor);
      const edges = await this.relations.deleteUnseenEdges(tx, ctx.origin, tally.seenEdges);
      tally.summary.deleted += deleted.length + edges;
      return this.repository.insertChangeEvents(tx, versions, ctx.actor);
    });
    await this.publish(events, tally);
  }

  private async publish(events: ChangeEventRow[], tally: RunTally): Promise<void> {
    try {
      await this.events.publish(events);
    } catch (error) {
      tally.summary.notes.push(
        `${events.length} change event(s) are stored but not yet queued (${errorMessage(error)}); they will be retried`,
      );
    }
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function* limitBytes(
  body: AsyncIterable<Buffer | string>,
  limit: number,
  state: { exceeded: boolean },
): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const piece of body) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    if (total + chunk.length <= limit) {
      total += chunk.length;
      yield chunk;
      continue;
    }
    state.exceeded = true;
    // Keep the whole lines that fit; the line the limit cuts through is not read.
    const allowed = chunk.subarray(0, limit - total);
    const lastNewline = allowed.lastIndexOf(0x0a);
    if (lastNewline >= 0) yield allowed.subarray(0, lastNewline + 1);
    return;
  }
}
