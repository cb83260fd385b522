import { Inject, Injectable } from '@nestjs/common';
import { DATABASE } from '../../database/database.tokens.js';
import type { Database, SqlExecutor } from '../../database/sql-executor.js';

export interface AuditEntryInput {
  actor: string;
  action: string;
  target: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | undefined;
}

export interface AuditRow {
  id: string;
  actor: string;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  at: Date;
}

/** The append-only audit trail: who changed what, when, from what to what. */
@Injectable()
export class AuditRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async record(entry: AuditEntryInput, tx: SqlExecutor = this.db): Promise<void> {
    await tx.query(
      `INSERT INTO audit_log (actor, action, target, before, after, request_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        entry.actor,
        entry.action,
        entry.target,
        entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === undefined ? null : JSON.stringify(entry.after),
        entry.requestId ?? null,
      ],
    );
  }

  async list(target: string | null, first: number): Promise<AuditRow[]> {
    return this.db.query<AuditRow>(
      `SELECT id, actor, action, target, before, after, request_id, at FROM audit_log
        WHERE ($1::text IS NULL OR target = $1) ORDER BY id DESC LIMIT $2`,
      [target, first],
    );
  }
}
