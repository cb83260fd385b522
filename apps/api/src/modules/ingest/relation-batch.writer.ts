import { Injectable } from '@nestjs/common';
import {
  canonicalJson,
  nextVersion,
  type GlossaryLinkRecord,
  type LineageEdgeRecord,
  type MetadataRecord,
  type OwnershipRecord,
  type TagLabelRecord,
  type TestResultRecord,
} from '@almanac/sdk';
import type { SqlExecutor } from '../../database/sql-executor.js';
import { tagRowOf, type TagRow } from './entity-rows.js';
import {
  rejected,
  type LineOutcome,
  type ParsedLine,
  type WriteContext,
  type WriteResult,
} from './batch-types.js';
import { IngestRepository, type VersionRow } from './ingest.repository.js';
import { RelationsRepository } from './relations.repository.js';

type Line<R extends MetadataRecord> = ParsedLine<R>;

function ofKind<K extends MetadataRecord['kind']>(items: ParsedLine[], kind: K) {
  return items.filter(
    (i): i is Line<Extract<MetadataRecord, { kind: K }>> => i.record.kind === kind,
  );
}

function countWrites(
  items: ParsedLine[],
  written: { key: string; inserted: boolean }[],
  keyOf: (item: ParsedLine) => string,
): LineOutcome[] {
  const byKey = new Map(written.map((w) => [w.key, w.inserted]));
  return items.map((item) => {
    const inserted = byKey.get(keyOf(item));
    const status = inserted === undefined ? 'unchanged' : inserted ? 'created' : 'updated';
    return { line: item.line, key: item.key, status };
  });
}

function labelRowOf(record: TagLabelRecord | GlossaryLinkRecord): TagRow {
  if (record.kind === 'tag_label') return tagRowOf(record.target, record.tag);
  return tagRowOf(record.target, { tagFqn: record.term, source: 'glossary', state: 'confirmed' });
}

/** Writes lineage edges, labels, ownership and test results; entities of the batch are already in. */
@Injectable()
export class RelationBatchWriter {
  constructor(
    private readonly relations: RelationsRepository,
    private readonly entities: IngestRepository,
  ) {}

  async write(tx: SqlExecutor, items: ParsedLine[], ctx: WriteContext): Promise<WriteResult> {
    if (items.length === 0) return { outcomes: [], versions: [] };
    const targets = await this.entities.existingTargets(tx, items.flatMap(referencedTargets));
    const missing = (item: ParsedLine) => referencedTargets(item).filter((t) => !targets.has(t));
    const valid: ParsedLine[] = [];
    const outcomes: LineOutcome[] = [];
    for (const item of items) {
      const absent = missing(item);
      if (absent.length === 0) valid.push(item);
      else
        outcomes.push(
          rejected(
            item,
            `${item.record.kind}: ${absent.map((t) => `"${t}"`).join(', ')} does not exist`,
          ),
        );
    }
    outcomes.push(...(await this.writeEdges(tx, ofKind(valid, 'lineage_edge'), ctx)));
    outcomes.push(
      ...(await this.writeLabels(
        tx,
        [...ofKind(valid, 'tag_label'), ...ofKind(valid, 'glossary_link')],
        ctx,
      )),
    );
    outcomes.push(...(await this.writeTestResults(tx, ofKind(valid, 'test_result'), ctx)));
    const ownership = await this.writeOwnership(tx, ofKind(valid, 'ownership'), ctx);
    return { outcomes: [...outcomes, ...ownership.outcomes], versions: ownership.versions };
  }

  private async writeEdges(tx: SqlExecutor, items: Line<LineageEdgeRecord>[], ctx: WriteContext) {
    const written = await this.relations.upsertEdges(
      tx,
      items.map(({ record, hash, key }) => ({
        key,
        from_fqn: record.from,
        to_fqn: record.to,
        pipeline_fqn: record.pipeline ?? '',
        source: record.source,
        sql: record.sql ?? null,
        content_hash: hash,
        columns: (record.columns ?? []).flatMap((mapping) =>
          mapping.from.map((from) => ({
            from_column: from,
            to_column: mapping.to,
            transformation: mapping.transformation ?? null,
          })),
        ),
      })),
      ctx.origin,
    );
    return countWrites(items, written, (i) => i.key);
  }

  private async writeLabels(
    tx: SqlExecutor,
    items: Line<TagLabelRecord | GlossaryLinkRecord>[],
    ctx: WriteContext,
  ) {
    const tagFqns = items.flatMap((i) =>
      i.record.kind === 'tag_label' ? [i.record.tag.tagFqn] : [],
    );
    const liveTags = await this.entities.existingOfType(tx, 'tag', tagFqns);
    const outcomes: LineOutcome[] = [];
    const valid = items.filter((item) => {
      if (item.record.kind !== 'tag_label' || liveTags.has(item.record.tag.tagFqn)) return true;
      outcomes.push(
        rejected(
          item,
          `tag_label: unknown tag "${item.record.tag.tagFqn}" (ingest it as a tag record first)`,
        ),
      );
      return false;
    });
    const rows = valid.map((i) => labelRowOf(i.record));
    const written = await this.relations.upsertLabels(tx, rows, ctx.origin, ctx.actor);
    const keyOf = (item: ParsedLine) => {
      const row = labelRowOf(item.record as TagLabelRecord | GlossaryLinkRecord);
      return `${row.target_fqn}#${row.tag_fqn}`;
    };
    return [...outcomes, ...countWrites(valid, written, keyOf)];
  }

  private async writeTestResults(
    tx: SqlExecutor,
    items: Line<TestResultRecord>[],
    ctx: WriteContext,
  ) {
    const cases = await this.entities.existingOfType(
      tx,
      'test_case',
      items.map((i) => i.record.testCase),
    );
    const outcomes: LineOutcome[] = [];
    const valid = items.filter((item) => {
      if (cases.has(item.record.testCase)) return true;
      outcomes.push(
        rejected(item, `test_result: test case "${item.record.testCase}" does not exist`),
      );
      return false;
    });
    const written = await this.relations.upsertTestResults(
      tx,
      valid.map(({ record, key }) => ({
        key,
        test_case_fqn: record.testCase,
        ts: record.timestamp,
        status: record.status,
        result: record.result ?? null,
        failed_rows: record.failedRows ?? null,
        sample_failures: record.sampleFailures ?? null,
      })),
      ctx.origin,
    );
    return [...outcomes, ...countWrites(valid, written, (i) => i.key)];
  }

  private async writeOwnership(
    tx: SqlExecutor,
    items: Line<OwnershipRecord>[],
    ctx: WriteContext,
  ): Promise<WriteResult> {
    const entities = await this.relations.findOwnedEntities(
      tx,
      items.map((i) => i.record.target),
    );
    const byFqn = new Map(entities.map((e) => [e.fqn, e]));
    const outcomes: LineOutcome[] = [];
    // Keyed by entity, so two ownership lines for one entity in a batch end in one row: the last.
    const updates = new Map<
      string,
      { id: string; owners: unknown; spec: unknown; version: number }
    >();
    const versions: VersionRow[] = [];
    for (const item of items) {
      const entity = byFqn.get(item.record.target);
      if (!entity) {
        outcomes.push(
          rejected(
            item,
            `ownership: "${item.record.target}" is not an entity that can have owners`,
          ),
        );
        continue;
      }
      // Canonical: PostgreSQL hands jsonb keys back in its own order, not the record's.
      if (canonicalJson(entity.owners) === canonicalJson(item.record.owners)) {
        outcomes.push({ line: item.line, key: item.key, status: 'unchanged' });
        continue;
      }
      const previous = Number(entity.version);
      const version = nextVersion(previous, false);
      const spec = { ...entity.spec, owners: item.record.owners };
      updates.set(entity.id, { id: entity.id, owners: item.record.owners, spec, version });
      versions.push({
        entity_id: entity.id,
        version,
        change_type: 'updated',
        change_description: {
          fieldsAdded: [],
          fieldsUpdated: [
            { name: 'owners', oldValue: entity.owners, newValue: item.record.owners },
          ],
          fieldsDeleted: [],
          previousVersion: previous,
        },
        snapshot: spec,
      });
      entity.owners = item.record.owners;
      entity.spec = spec;
      entity.version = String(version);
      outcomes.push({ line: item.line, key: item.key, status: 'updated' });
    }
    await this.relations.updateOwners(tx, [...updates.values()], ctx.actor);
    await this.entities.insertVersions(tx, versions, ctx.actor);
    return { outcomes, versions };
  }
}

function referencedTargets(item: ParsedLine): string[] {
  const record = item.record;
  switch (record.kind) {
    case 'lineage_edge':
      return [record.from, record.to, ...(record.pipeline ? [record.pipeline] : [])];
    case 'tag_label':
    case 'glossary_link':
    case 'ownership':
      return [record.target];
    default:
      return [];
  }
}
