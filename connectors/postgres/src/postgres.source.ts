import { formatIssues, type IngestMode, type MetadataRecordInput, type Source } from '@almanac/sdk';
import { readCatalog, readRelations } from './catalog-reader.js';
import type { RelationRow } from './catalog-queries.js';
import { causeOf, connect, failure, type Connection } from './connection.js';
import {
  defaultServiceName,
  postgresSourceConfigSchema,
  serverAddress,
  sourceNameFor,
  type PostgresSourceConfig,
  type PostgresSourceConfigInput,
} from './postgres-config.js';
import { PostgresFqns } from './postgres-fqns.js';
import { PostgresSourceError } from './postgres-source-error.js';
import { relationLabel, sampleTable, sampledRelations, type TableSample } from './sample-rows.js';
import { recordsFromSnapshot, type ExtractedRecords } from './snapshot-records.js';

/**
 * The PostgreSQL connector: reads one database's catalog (schemas, tables, views, materialized
 * views, partitioned and foreign tables, columns, keys, comments, row estimates) and yields catalog
 * records with the lineage of its views. Runs are `full`, so the catalog soft-deletes what
 * disappeared; that is why `records()` reads everything before yielding anything and throws when
 * it cannot, rather than yield a partial picture.
 */
export class PostgresSource implements Source {
  /** `<service>.<database>`: each database is its own source, scoping soft-deletes. */
  readonly name: string;
  readonly mode: IngestMode = 'full';
  private readonly fqns: PostgresFqns;
  private readonly server: string;
  private recordWarnings: string[] = [];
  private sampleWarnings: string[] = [];

  private constructor(private readonly config: PostgresSourceConfig) {
    const address = serverAddress(config.url);
    const serviceName = config.serviceName ?? defaultServiceName(address);
    this.name = sourceNameFor(serviceName, address.database);
    this.fqns = new PostgresFqns(serviceName, address.database);
    this.server = `${address.host}:${address.port}`;
  }

  /**
   * Validates the configuration and builds the source; nothing connects yet.
   *
   * @throws {@link PostgresSourceError} `INVALID_CONFIG` naming the bad fields (never the URL).
   */
  static fromConfig(config: PostgresSourceConfigInput): PostgresSource {
    const parsed = postgresSourceConfigSchema.safeParse(config);
    if (!parsed.success) {
      const problems = formatIssues(parsed.error.issues);
      throw new PostgresSourceError(
        'INVALID_CONFIG',
        `invalid postgres source config: ${problems}`,
      );
    }
    return new PostgresSource(parsed.data);
  }

  /** Problems that did not stop the last `records()` and `samples()` runs, records' first. */
  get warnings(): readonly string[] {
    return [...this.recordWarnings, ...this.sampleWarnings];
  }

  /**
   * The database's records, parents first, then lineage edges.
   *
   * @throws {@link PostgresSourceError} before the first record when the database cannot be read.
   */
  async *records(): AsyncIterable<MetadataRecordInput> {
    this.recordWarnings = [];
    const extracted = await this.extract();
    this.recordWarnings = extracted.warnings;
    yield* extracted.records;
  }

  /**
   * Up to `sampleRows` rows of each table, materialized view and partitioned table, as text, for
   * PII classification. Yields nothing when sampling is off. A table that cannot be read is a
   * warning; an unreachable database throws.
   */
  async *samples(): AsyncIterable<TableSample> {
    this.sampleWarnings = [];
    if (this.config.sampleRows === 0) return;
    const connection = await connect(this.config.url);
    try {
      const relations = await this.readOrFail(() =>
        readRelations(connection.client, this.config.schemas),
      );
      // Sampling must never write, whatever a sampled relation's triggers or functions do.
      await connection.client.query('SET default_transaction_read_only = on');
      for (const relation of sampledRelations(relations)) {
        const sample = await this.trySample(connection, relation);
        if (sample !== null) yield sample;
      }
    } finally {
      await connection.close();
    }
  }

  private async trySample(
    connection: Connection,
    relation: RelationRow,
  ): Promise<TableSample | null> {
    try {
      return await sampleTable(connection.client, relation, this.config.sampleRows, this.fqns);
    } catch (error) {
      const cause = causeOf(this.config.url, error);
      this.sampleWarnings.push(`table ${relationLabel(relation)}: not sampled: ${cause}`);
      return null;
    }
  }

  private async extract(): Promise<ExtractedRecords> {
    const connection = await connect(this.config.url);
    try {
      const snapshot = await this.readOrFail(() =>
        readCatalog(connection.client, this.config.schemas),
      );
      return await recordsFromSnapshot(snapshot, this.fqns, {
        server: this.server,
        ...(this.config.schemas !== undefined ? { requestedSchemas: this.config.schemas } : {}),
      });
    } finally {
      await connection.close();
    }
  }

  private async readOrFail<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      throw failure('EXTRACTION_FAILED', this.config.url, error);
    }
  }
}
