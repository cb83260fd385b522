import { DataSource, type QueryRunner } from 'typeorm';
import { CatalogCore1763700000000 } from './migrations/1763700000000-catalog-core.js';
import { ColumnSample1795300000000 } from './migrations/1795300000000-column-sample.js';
import { SearchIndex1795400000000 } from './migrations/1795400000000-search-index.js';
import { SearchSpeed1795500000000 } from './migrations/1795500000000-search-speed.js';
import type { QueryCounter } from './query-counter.js';
import type { Database, SqlExecutor } from './sql-executor.js';

export const MIGRATIONS = [
  CatalogCore1763700000000,
  ColumnSample1795300000000,
  SearchIndex1795400000000,
  SearchSpeed1795500000000,
];

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  counter?: QueryCounter;
  applicationName?: string;
}

class QueryRunnerExecutor implements SqlExecutor {
  constructor(private readonly runner: QueryRunner) {}

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const result = await this.runner.query(sql, [...params], true);
    return result.records as T[];
  }
}

/** PostgreSQL through TypeORM: the same driver and migrations for a server and embedded PGlite. */
export class TypeOrmDatabase implements Database {
  private constructor(readonly dataSource: DataSource) {}

  static async connect(options: DatabaseOptions): Promise<TypeOrmDatabase> {
    const dataSource = new DataSource({
      type: 'postgres',
      url: options.url,
      uuidExtension: 'pgcrypto',
      installExtensions: false,
      synchronize: false,
      migrationsRun: false,
      migrations: MIGRATIONS,
      migrationsTransactionMode: 'each',
      applicationName: options.applicationName ?? 'almanac',
      logging: options.counter ? ['query'] : false,
      ...(options.counter ? { logger: options.counter } : {}),
      extra: { max: options.poolSize ?? 10 },
    });
    await dataSource.initialize();
    return new TypeOrmDatabase(dataSource);
  }

  async migrate(): Promise<string[]> {
    const applied = await this.dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  }

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return await new QueryRunnerExecutor(runner).query<T>(sql, params);
    } finally {
      await runner.release();
    }
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const result = await work(new QueryRunnerExecutor(runner));
      await runner.commitTransaction();
      return result;
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
