import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain-error.js';
import { AuditRepository } from '../audit/audit.repository.js';
import type { SampleBatch } from './dto/sample-batch.input.js';
import type { SampleBatchSummary, TableSampleOutcome } from './dto/sample-batch.summary.js';
import { truncateSampleValue } from './sample-limits.js';
import {
  SamplesRepository,
  type ColumnSampleWrite,
  type SampledColumnRow,
  type SampledTableRow,
} from './samples.repository.js';

export interface SampleWriteContext {
  actor: string;
  requestId?: string | undefined;
}

const MAX_LISTED_PROBLEMS = 20;

interface SamplePlan {
  problems: string[];
  writes: ColumnSampleWrite[];
  outcomes: (Omit<TableSampleOutcome, 'status'> & { tableId: string })[];
}

function duplicateProblems(batch: SampleBatch): string[] {
  const problems: string[] = [];
  const tables = new Map<string, number>();
  batch.tables.forEach((sample, i) => {
    const first = tables.get(sample.table);
    if (first === undefined) tables.set(sample.table, i);
    else problems.push(`tables.${i}.table: "${sample.table}" is already listed at tables.${first}`);
    const columns = new Map<string, number>();
    sample.columns.forEach((column, j) => {
      const seen = columns.get(column.name);
      if (seen === undefined) columns.set(column.name, j);
      else
        problems.push(
          `tables.${i}.columns.${j}.name: column "${column.name}" is already listed at tables.${i}.columns.${seen}`,
        );
    });
  });
  return problems;
}

/** Matches the request against the catalog and cuts long values; lists every mismatch. */
function plan(
  batch: SampleBatch,
  tables: readonly SampledTableRow[],
  columns: readonly SampledColumnRow[],
): SamplePlan {
  const tableIds = new Map(tables.map((table) => [table.fqn, table.id]));
  const columnIds = new Map(columns.map((c) => [`${c.table_id}/${c.name}`, c.id]));
  const result: SamplePlan = { problems: [], writes: [], outcomes: [] };
  batch.tables.forEach((sample, i) => {
    const tableId = tableIds.get(sample.table);
    if (tableId === undefined) {
      result.problems.push(
        `tables.${i}.table: unknown table "${sample.table}" (not in the catalog, not a table, or soft-deleted)`,
      );
      return;
    }
    const outcome = { tableId, table: sample.table, columns: 0, values: 0, truncatedValues: 0 };
    sample.columns.forEach((column, j) => {
      const columnId = columnIds.get(`${tableId}/${column.name}`);
      if (columnId === undefined) {
        result.problems.push(
          `tables.${i}.columns.${j}.name: table "${sample.table}" has no column "${column.name}"`,
        );
        return;
      }
      const values = column.values.map((value) => {
        if (value === null) return null;
        const cut = truncateSampleValue(value);
        if (cut.truncated) outcome.truncatedValues += 1;
        return cut.value;
      });
      result.writes.push({ column_id: columnId, values });
      outcome.columns += 1;
      outcome.values += values.length;
    });
    result.outcomes.push(outcome);
  });
  return result;
}

function badInput(problems: readonly string[]): DomainError {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).join('; ');
  const more = problems.length - MAX_LISTED_PROBLEMS;
  return new DomainError(
    'BAD_INPUT',
    `invalid samples, nothing was stored: ${listed}${more > 0 ? `; … and ${more} more` : ''}`,
  );
}

/**
 * Stores sampled column values. A request is all or nothing: one unknown table or column rejects it
 * with every problem named, so a client never has to guess what was kept. Each table's sample
 * replaces its previous one.
 */
@Injectable()
export class SamplesService {
  constructor(
    private readonly repository: SamplesRepository,
    private readonly audit: AuditRepository,
  ) {}

  async store(batch: SampleBatch, ctx: SampleWriteContext): Promise<SampleBatchSummary> {
    const duplicates = duplicateProblems(batch);
    if (duplicates.length > 0) throw badInput(duplicates);
    const runId = batch.runId ?? randomUUID();
    const sampledAt = new Date();
    return this.repository.transaction(async (tx) => {
      const tables = await this.repository.liveTables(
        tx,
        batch.tables.map((sample) => sample.table),
      );
      const columns = await this.repository.columnsOf(
        tx,
        tables.map((table) => table.id),
      );
      const { problems, writes, outcomes } = plan(batch, tables, columns);
      if (problems.length > 0) throw badInput(problems);
      const hadSample = await this.repository.replaceSamples(
        tx,
        outcomes.map((outcome) => outcome.tableId),
        writes,
        { runId, sampledAt, actor: ctx.actor },
      );
      await this.repository.purgeDeletedTables(tx);
      const tablesOut = outcomes.map(({ tableId, ...outcome }): TableSampleOutcome => ({
        ...outcome,
        status: hadSample.has(tableId) ? 'replaced' : 'created',
      }));
      // The audit trail names what was sampled, never a sampled value.
      await this.audit.record(
        {
          actor: ctx.actor,
          action: 'samples.store',
          target: `run:${runId}`,
          after: { tables: tablesOut },
          requestId: ctx.requestId,
        },
        tx,
      );
      return { runId, sampledAt: sampledAt.toISOString(), tables: tablesOut };
    });
  }
}
