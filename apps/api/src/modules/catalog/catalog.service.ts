import { Injectable } from '@nestjs/common';
import { nextVersion, parentFqn } from '@almanac/sdk';
import { DomainError } from '../../common/domain-error.js';
import type { SqlExecutor } from '../../database/sql-executor.js';
import { AuditRepository } from '../audit/audit.repository.js';
import type { Principal } from '../auth/principal.js';
import { ChangeEventPublisher } from '../events/change-event.publisher.js';
import {
  CatalogRepository,
  type ColumnRecordRow,
  type EntityRecordRow,
} from './catalog.repository.js';

export interface MutationContext {
  principal: Principal;
  requestId?: string | undefined;
}

interface Target {
  entity: EntityRecordRow;
  column: ColumnRecordRow | null;
}

interface FieldChange {
  name: string;
  oldValue?: unknown;
  newValue?: unknown;
}

interface Change {
  action: string;
  changeType?: 'updated' | 'deleted' | 'restored';
  added?: FieldChange[];
  updated?: FieldChange[];
  deleted?: FieldChange[];
  before: unknown;
  after: unknown;
}

export interface OwnerInput {
  type: 'user' | 'team';
  name: string;
}

/** Catalog edits: each is one transaction writing the change, a new version, an event and an audit entry. */
@Injectable()
export class CatalogService {
  constructor(
    private readonly repository: CatalogRepository,
    private readonly audit: AuditRepository,
    private readonly events: ChangeEventPublisher,
  ) {}

  async updateDescription(
    fqn: string,
    description: string,
    ctx: MutationContext,
  ): Promise<EntityRecordRow> {
    return this.mutate(fqn, ctx, async (tx, { entity, column }) => {
      if (column) {
        await this.repository.setColumnDescription(tx, column.id, description);
        setColumnSpec(entity, column.name, 'description', description);
        const name = `columns.${column.name}.description`;
        await this.repository.saveEntityChange(tx, entity, {}, ctx.principal.name);
        return {
          action: 'updateDescription',
          updated: [{ name, oldValue: column.description, newValue: description }],
          before: column.description,
          after: description,
        };
      }
      const before = entity.description;
      entity.spec['description'] = description;
      await this.repository.saveEntityChange(
        tx,
        entity,
        { description, descriptionSource: 'manual' },
        ctx.principal.name,
      );
      return {
        action: 'updateDescription',
        updated: [{ name: 'description', oldValue: before, newValue: description }],
        before,
        after: description,
      };
    });
  }

  async setOwners(
    fqn: string,
    owners: OwnerInput[],
    ctx: MutationContext,
  ): Promise<EntityRecordRow> {
    return this.mutate(fqn, ctx, async (tx, { entity, column }) => {
      if (column)
        throw new DomainError('BAD_INPUT', `"${fqn}" is a column; owners belong to its table`);
      await this.assertOwnersExist(tx, owners);
      const before = entity.owners;
      entity.spec['owners'] = owners;
      await this.repository.saveEntityChange(tx, entity, { owners }, ctx.principal.name);
      return {
        action: 'setOwners',
        updated: [{ name: 'owners', oldValue: before, newValue: owners }],
        before,
        after: owners,
      };
    });
  }

  async addTag(fqn: string, tagFqn: string, ctx: MutationContext): Promise<EntityRecordRow> {
    return this.mutate(fqn, ctx, async (tx, target) => {
      if (!(await this.repository.existingTag(tx, tagFqn))) {
        throw new DomainError('NOT_FOUND', `tag "${tagFqn}" does not exist`);
      }
      if (
        !(await this.repository.insertTag(tx, fqn, tagFqn, 'classification', ctx.principal.name))
      ) {
        throw new DomainError('CONFLICT', `"${fqn}" already has tag "${tagFqn}"`);
      }
      await this.repository.saveEntityChange(tx, target.entity, {}, ctx.principal.name);
      return {
        action: 'addTag',
        added: [{ name: tagsPath(target), newValue: tagFqn }],
        before: null,
        after: tagFqn,
      };
    });
  }

  async removeTag(fqn: string, tagFqn: string, ctx: MutationContext): Promise<EntityRecordRow> {
    return this.mutate(fqn, ctx, async (tx, target) => {
      if (!(await this.repository.deleteTag(tx, fqn, tagFqn))) {
        throw new DomainError('NOT_FOUND', `"${fqn}" has no tag "${tagFqn}"`);
      }
      await this.repository.saveEntityChange(tx, target.entity, {}, ctx.principal.name);
      return {
        action: 'removeTag',
        deleted: [{ name: tagsPath(target), oldValue: tagFqn }],
        before: tagFqn,
        after: null,
      };
    });
  }

  async softDelete(
    fqn: string,
    type: string | undefined,
    ctx: MutationContext,
  ): Promise<EntityRecordRow> {
    return this.setDeleted(fqn, type, true, ctx);
  }

  async restore(
    fqn: string,
    type: string | undefined,
    ctx: MutationContext,
  ): Promise<EntityRecordRow> {
    return this.setDeleted(fqn, type, false, ctx);
  }

  private async setDeleted(
    fqn: string,
    type: string | undefined,
    deleted: boolean,
    ctx: MutationContext,
  ) {
    return this.mutate(
      fqn,
      ctx,
      async (tx, { entity, column }) => {
        if (column)
          throw new DomainError('BAD_INPUT', `"${fqn}" is a column; delete or restore its table`);
        if (entity.deleted === deleted) {
          throw new DomainError(
            'CONFLICT',
            `${entity.type} "${fqn}" is already ${deleted ? 'deleted' : 'live'}`,
          );
        }
        await this.repository.saveEntityChange(tx, entity, { deleted }, ctx.principal.name);
        entity.deleted = deleted;
        return {
          action: deleted ? 'softDelete' : 'restore',
          changeType: deleted ? 'deleted' : 'restored',
          updated: [{ name: 'deleted', oldValue: !deleted, newValue: deleted }],
          before: { deleted: !deleted },
          after: { deleted },
        };
      },
      type,
    );
  }

  private async mutate(
    fqn: string,
    ctx: MutationContext,
    apply: (tx: SqlExecutor, target: Target) => Promise<Change>,
    type?: string,
  ): Promise<EntityRecordRow> {
    const { entity, event } = await this.repository.transaction(async (tx) => {
      const target = await this.resolveTarget(tx, fqn, type);
      const previous = Number(target.entity.version);
      target.entity.version = String(nextVersion(previous, false));
      const change = await apply(tx, target);
      const description = {
        fieldsAdded: change.added ?? [],
        fieldsUpdated: change.updated ?? [],
        fieldsDeleted: change.deleted ?? [],
        previousVersion: previous,
      };
      const event = await this.repository.recordVersion(
        tx,
        target.entity,
        change.changeType ?? 'updated',
        description,
        ctx.principal.name,
      );
      await this.audit.record(
        {
          actor: ctx.principal.name,
          action: change.action,
          target: fqn,
          before: change.before,
          after: change.after,
          requestId: ctx.requestId,
        },
        tx,
      );
      return { entity: target.entity, event };
    });
    await this.events.publish([event]);
    return entity;
  }

  private async resolveTarget(tx: SqlExecutor, fqn: string, type?: string): Promise<Target> {
    const entity = await this.repository.findEntity(fqn, type, tx, true);
    if (entity) return { entity, column: null };
    const column = type ? null : await this.repository.findColumn(fqn, tx);
    if (column) {
      const table = await this.repository.findEntityById(column.table_id, tx, true);
      if (table) return { entity: table, column };
    }
    const hint = parentFqn(fqn) ? '' : ' (FQNs look like service.database.schema.table)';
    throw new DomainError(
      'NOT_FOUND',
      `no asset or column with FQN "${fqn}"${type ? ` of type ${type}` : ''}${hint}`,
    );
  }

  private async assertOwnersExist(tx: SqlExecutor, owners: OwnerInput[]): Promise<void> {
    for (const owner of owners) {
      if (!(await this.repository.findEntity(owner.name, owner.type, tx))) {
        throw new DomainError('NOT_FOUND', `owner ${owner.type} "${owner.name}" does not exist`);
      }
    }
  }
}

function tagsPath({ column }: Target): string {
  return column ? `columns.${column.name}.tags` : 'tags';
}

function setColumnSpec(
  entity: EntityRecordRow,
  columnName: string,
  field: string,
  value: unknown,
): void {
  const columns = entity.spec['columns'];
  if (!Array.isArray(columns)) return;
  entity.spec['columns'] = columns.map((c: Record<string, unknown>) =>
    c['name'] === columnName ? { ...c, [field]: value } : c,
  );
}
