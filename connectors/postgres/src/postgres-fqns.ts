import { buildFqn } from '@almanac/sdk';

/** FQNs of one database's objects: `service.database.schema.table[.column]`. */
export class PostgresFqns {
  constructor(
    private readonly serviceName: string,
    private readonly databaseName: string,
  ) {}

  get service(): string {
    return buildFqn([this.serviceName]);
  }

  get database(): string {
    return buildFqn([this.serviceName, this.databaseName]);
  }

  schema(schema: string): string {
    return buildFqn([this.serviceName, this.databaseName, schema]);
  }

  table(schema: string, table: string): string {
    return buildFqn([this.serviceName, this.databaseName, schema, table]);
  }

  column(schema: string, table: string, column: string): string {
    return buildFqn([this.serviceName, this.databaseName, schema, table, column]);
  }
}
