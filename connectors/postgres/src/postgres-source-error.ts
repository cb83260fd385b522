/** Why a {@link PostgresSourceError} was raised. */
export type PostgresSourceErrorCode =
  /** The configuration is invalid. */
  | 'INVALID_CONFIG'
  /** The server could not be reached, or refused the connection (login, missing database…). */
  | 'CONNECTION_FAILED'
  /** Connected, but reading the catalog failed. */
  | 'EXTRACTION_FAILED';

/**
 * Raised by the Postgres source. Messages name the server (`host:port`) but never the password.
 * The driver's error is not kept as `cause`, so no credential can leak through it into logs.
 */
export class PostgresSourceError extends Error {
  /**
   * @param code - What went wrong.
   * @param message - Full message, already free of secrets.
   * @param reason - The driver's code when there was one: a SQLSTATE (`3D000`) or a system error
   * (`ECONNREFUSED`).
   */
  constructor(
    readonly code: PostgresSourceErrorCode,
    message: string,
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'PostgresSourceError';
  }
}
