import { Injectable } from '@nestjs/common';
import {
  INITIAL_VERSION,
  diffSpecs,
  hasChanges,
  nextVersion,
  type EntityKind,
  type EntityRecord,
} from '@almanac/sdk';
import type { SqlExecutor } from '../../database/sql-executor.js';
import {
  columnFqn,
  columnRowsOf,
  entityRowOf,
  parentOf,
  referencedTagsOf,
  tagRowsOf,
  type ParentRef,
} from './entity-rows.js';
import {
  rejected,
  type LineOutcome,
  type ParsedLine,
  type WriteContext,
  type WriteResult,
} from './batch-types.js';
import {
  IngestRepository,
  type EntityWrite,
  type ExistingEntity,
  type VersionRow,
} from './ingest.repository.js';

/** Parents are written before children, so a batch may carry both. */
const KIND_ORDER: readonly EntityKind[] = [
  'service',
  'classification',
  'tag',
  'domain',
  'team',
  'user',
  'database',
  'schema',
  'table',
  'pipeline',
  'dashboard',
  'test_case',
];

type EntityLine = ParsedLine<EntityRecord>;

interface Planned {
  item: EntityLine;
  write: EntityWrite;
  existing: ExistingEntity | undefined;
  change: VersionRow['change_type'];
  /** Null when only the stored hash moves (e.g. the source changed a field a steward overrides). */
  changeDescription: unknown;
}

function statusOf(plan: Planned): LineOutcome['status'] {
  if (plan.change === 'created') return 'created';
  return plan.changeDescription === null ? 'unchanged' : 'updated';
}

const entityKey = (type: string, fqn: string) => `${type}:${fqn}`;

function parentKey(parent: ParentRef): string {
  return entityKey(parent.type, parent.fqn);
}

/** Keys a written record makes available as a parent to later records of the same batch. */
function providedKeys(record: EntityRecord): string[] {
  const keys = [entityKey(record.kind, record.fqn)];
  if (record.kind === 'table') {
    keys.push(entityKey('asset', record.fqn));
    for (const column of record.columns)
      keys.push(entityKey('asset', columnFqn(record.fqn, column.name)));
  }
  return keys;
}

function withManualEdits(write: EntityWrite, existing: ExistingEntity | undefined): EntityWrite {
  if (!existing) return write;
  const result = { ...write, spec: { ...write.spec } };
  if (existing.description_source === 'manual') {
    result.description = existing.description;
    result.description_source = 'manual';
    result.spec['description'] = existing.spec['description'];
  }
  if (write.owners.length === 0 && existing.owners.length > 0) {
    result.owners = existing.owners as EntityWrite['owners'];
    result.spec['owners'] = existing.spec['owners'];
  }
  return result;
}

/** Writes the entity records of one batch with a fixed number of statements. */
@Injectable()
export class EntityBatchWriter {
  constructor(private readonly repository: IngestRepository) {}

  async write(tx: SqlExecutor, items: EntityLine[], ctx: WriteContext): Promise<WriteResult> {
    const ordered = [...items].sort(
      (a, b) =>
        KIND_ORDER.indexOf(a.record.kind) - KIND_ORDER.indexOf(b.record.kind) || a.line - b.line,
    );
    const { unique, outcomes } = this.dropSuperseded(ordered);
    const existing = await this.repository.findEntities(
      tx,
      unique.map((i) => ({ type: i.record.kind, fqn: i.record.fqn })),
    );
    const existingByKey = new Map(existing.map((e) => [entityKey(e.type, e.fqn), e]));
    const { liveParents, liveTags } = await this.lookUpReferences(tx, unique);

    const available = new Set(liveParents);
    const availableTags = new Set(liveTags);
    const planned: Planned[] = [];
    for (const item of unique) {
      const problem = this.referenceProblem(item.record, available, availableTags);
      if (problem) {
        outcomes.push(rejected(item, problem));
        continue;
      }
      for (const key of providedKeys(item.record)) available.add(key);
      if (item.record.kind === 'tag') availableTags.add(item.record.fqn);
      const plan = this.plan(
        item,
        existingByKey.get(entityKey(item.record.kind, item.record.fqn)),
        ctx,
      );
      if (plan) planned.push(plan);
      else outcomes.push({ line: item.line, key: item.key, status: 'unchanged' });
    }
    const versions = await this.persist(tx, planned, ctx);
    for (const plan of planned) {
      outcomes.push({
        line: plan.item.line,
        key: plan.item.key,
        status: statusOf(plan),
      });
    }
    return { outcomes, versions };
  }

  private dropSuperseded(items: EntityLine[]): { unique: EntityLine[]; outcomes: LineOutcome[] } {
    const lastLine = new Map<string, number>();
    for (const item of items) lastLine.set(entityKey(item.record.kind, item.record.fqn), item.line);
    const outcomes: LineOutcome[] = [];
    const unique = items.filter((item) => {
      const last = lastLine.get(entityKey(item.record.kind, item.record.fqn))!;
      if (last === item.line) return true;
      outcomes.push(
        rejected(item, `superseded by line ${last}, which reports the same ${item.record.kind}`),
      );
      return false;
    });
    return { unique, outcomes };
  }

  private async lookUpReferences(
    tx: SqlExecutor,
    items: EntityLine[],
  ): Promise<{ liveParents: Set<string>; liveTags: Set<string> }> {
    const inBatch = new Set(items.flatMap((i) => providedKeys(i.record)));
    const parents = new Map<string, ParentRef>();
    for (const item of items) {
      const parent = parentOf(item.record);
      if (parent && !inBatch.has(parentKey(parent))) parents.set(parentKey(parent), parent);
    }
    const tagsInBatch = new Set(
      items.filter((i) => i.record.kind === 'tag').map((i) => i.record.fqn),
    );
    const tags = new Set(
      items.flatMap((i) => referencedTagsOf(i.record)).filter((t) => !tagsInBatch.has(t)),
    );
    const [liveParents, liveTags] = await Promise.all([
      this.repository.existingParents(tx, [...parents.values()]),
      this.repository.existingOfType(tx, 'tag', [...tags]),
    ]);
    return { liveParents, liveTags };
  }

  private referenceProblem(
    record: EntityRecord,
    parents: Set<string>,
    tags: Set<string>,
  ): string | null {
    const parent = parentOf(record);
    if (parent && !parents.has(parentKey(parent))) {
      const what = parent.type === 'asset' ? 'table or column' : parent.type;
      return `${record.kind} "${record.fqn}": ${what} "${parent.fqn}" does not exist (send parents before children)`;
    }
    const unknown = referencedTagsOf(record).filter((tag) => !tags.has(tag));
    if (unknown.length > 0) {
      return `${record.kind} "${record.fqn}": unknown tag ${unknown.map((t) => `"${t}"`).join(', ')} (ingest it as a tag record first)`;
    }
    return null;
  }

  private plan(
    item: EntityLine,
    existing: ExistingEntity | undefined,
    ctx: WriteContext,
  ): Planned | null {
    if (existing && existing.content_hash === item.hash && !existing.deleted) return null;
    const base: EntityWrite = {
      ...entityRowOf(item.record),
      version: INITIAL_VERSION,
      content_hash: item.hash,
      source: ctx.source,
    };
    const write = withManualEdits(base, existing);
    if (!existing) {
      return { item, write, existing, change: 'created', changeDescription: emptyChange(null) };
    }
    const diff = diffSpecs(existing.spec, write.spec);
    const previous = Number(existing.version);
    if (existing.deleted) {
      diff.changes.fieldsUpdated.push({ name: 'deleted', oldValue: true, newValue: false });
    } else if (!hasChanges(diff)) {
      return {
        item,
        write: { ...write, version: previous },
        existing,
        change: 'updated',
        changeDescription: null,
      };
    }
    return {
      item,
      write: { ...write, version: nextVersion(previous, diff.breaking) },
      existing,
      change: existing.deleted ? 'restored' : 'updated',
      changeDescription: { ...diff.changes, previousVersion: previous },
    };
  }

  private async persist(
    tx: SqlExecutor,
    planned: Planned[],
    ctx: WriteContext,
  ): Promise<VersionRow[]> {
    if (planned.length === 0) return [];
    const written = await this.repository.upsertEntities(
      tx,
      planned.map((p) => p.write),
      ctx.actor,
    );
    const idByKey = new Map(written.map((w) => [entityKey(w.type, w.fqn), w.id]));
    const tables = planned.flatMap((p) => (p.item.record.kind === 'table' ? [p.item.record] : []));
    const tableIds = new Map(tables.map((t) => [t.fqn, idByKey.get(entityKey('table', t.fqn))!]));
    await this.repository.replaceColumns(tx, tableIds, tables.flatMap(columnRowsOf));
    const records = planned.map((p) => p.item.record);
    const targets = records.flatMap((r) => [
      r.fqn,
      ...(r.kind === 'table' ? r.columns.map((c) => columnFqn(r.fqn, c.name)) : []),
    ]);
    await this.repository.replaceTags(
      tx,
      ctx.origin,
      targets,
      records.flatMap(tagRowsOf),
      ctx.actor,
    );
    const versions = planned
      .filter((p) => p.changeDescription !== null)
      .map((p) => ({
        entity_id: idByKey.get(entityKey(p.write.type, p.write.fqn))!,
        version: p.write.version,
        change_type: p.change,
        change_description: p.changeDescription,
        snapshot: p.write.spec,
      }));
    await this.repository.insertVersions(tx, versions, ctx.actor);
    return versions;
  }
}

export function emptyChange(previousVersion: number | null) {
  return { fieldsAdded: [], fieldsUpdated: [], fieldsDeleted: [], previousVersion };
}
