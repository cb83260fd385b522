import pg from 'pg';
import { ensureRawSchema } from './ddl.js';
import { withTransaction } from './transaction.js';

export interface WarehouseOptions {
  /** Pool size; default 4. */
  maxConnections?: number;
  applicationName?: string;
  /**
   * Called when an idle pooled connection fails (e.g. the server restarts). The pool already drops
   * that connection; without a listener Node would crash the process.
   */
  onIdleError?: (error: Error) => void;
}

/** The pipeline's PostgreSQL warehouse: a connection pool opened from a URL. */
export class WarehouseClient {
  readonly pool: pg.Pool;
  /** Database and host, for the run report (no credentials). */
  readonly database: string;
  readonly host: string;

  constructor(url: string, options: WarehouseOptions = {}) {
    const parsed = new URL(url);
    this.database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres';
    this.host = parsed.hostname;
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.maxConnections ?? 4,
      application_name: options.applicationName ?? 'almanac-pipeline',
    });
    this.pool.on('error', options.onIdleError ?? (() => undefined));
  }

  async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    const result = await this.pool.query<R>(sql, params);
    return result.rows;
  }

  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return withTransaction(this.pool, work);
  }

  ensureRawSchema(): Promise<void> {
    return ensureRawSchema(this.pool);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
