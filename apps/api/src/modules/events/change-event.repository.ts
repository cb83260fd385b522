import { Inject, Injectable } from '@nestjs/common';
import { DATABASE } from '../../database/database.tokens.js';
import type { Database } from '../../database/sql-executor.js';

export interface PendingEvent {
  id: string;
  fqn: string;
  entity_type: string;
  event_type: string;
  version: string;
}

@Injectable()
export class ChangeEventRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async markProcessed(eventIds: readonly string[]): Promise<void> {
    await this.db.query(
      `UPDATE change_event SET processed_at = now()
        WHERE id = ANY($1::bigint[]) AND processed_at IS NULL`,
      [eventIds],
    );
  }

  /** Events stored but never handled, for example because the queue was down when they were written. */
  async pending(afterId: string, limit: number): Promise<PendingEvent[]> {
    return this.db.query<PendingEvent>(
      `SELECT id, fqn, entity_type, event_type, version FROM change_event
        WHERE processed_at IS NULL AND id > $1 ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
  }
}
