import type { Logger as TypeOrmLogger } from 'typeorm';

/** Counts every SQL statement sent, so tests can prove a request costs a constant number. */
export class QueryCounter implements TypeOrmLogger {
  private count = 0;
  private readonly statements: string[] = [];

  get total(): number {
    return this.count;
  }

  recent(): readonly string[] {
    return this.statements;
  }

  reset(): void {
    this.count = 0;
    this.statements.length = 0;
  }

  logQuery(query: string): void {
    this.count += 1;
    if (this.statements.length < 200) this.statements.push(query);
  }

  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
