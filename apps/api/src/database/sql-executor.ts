/** The narrow SQL surface repositories use; implemented over TypeORM in `database.ts`. */
export interface SqlExecutor {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Database extends SqlExecutor {
  /** Runs `work` in one transaction; every query inside must go through the given executor. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
