/** Thrown when a fully qualified name cannot be parsed or built. */
export class FqnError extends Error {
  /** Stable machine-readable error code. */
  readonly code = 'FQN_INVALID';

  /**
   * @param message - Full human-readable message (already names the FQN and position).
   * @param fqn - The offending FQN, or the joined parts when building.
   * @param position - Zero-based character index (or part index when building) of the problem.
   */
  constructor(
    message: string,
    readonly fqn: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'FqnError';
  }
}

/** Why a {@link SinkError} was raised. */
export type SinkErrorCode =
  /** The sink was constructed with an unusable configuration. */
  | 'SINK_CONFIG'
  /** The server could not be reached or the connection broke. */
  | 'SINK_NETWORK'
  /** The server answered with a non-2xx status. */
  | 'SINK_HTTP'
  /** The server answered 2xx but the body is not a valid ingest summary. */
  | 'SINK_BAD_RESPONSE';

/** Thrown by catalog sinks when records cannot be delivered. */
export class SinkError extends Error {
  /** Stable machine-readable error code. */
  readonly code: SinkErrorCode;
  /** The URL the sink was talking to. */
  readonly url: string;
  /** HTTP status of the answer, when there was one. */
  readonly status: number | undefined;
  /** Error message extracted from the server's answer, when there was one. */
  readonly serverMessage: string | undefined;

  constructor(
    code: SinkErrorCode,
    message: string,
    details: { url: string; status?: number; serverMessage?: string; cause?: unknown },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SinkError';
    this.code = code;
    this.url = details.url;
    this.status = details.status;
    this.serverMessage = details.serverMessage;
  }
}
