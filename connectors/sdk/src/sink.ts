import { SinkError } from './errors.js';
import { ingestSummarySchema, type IngestMode, type IngestSummary } from './ingest-summary.js';
import { serializeRecords } from './ndjson.js';
import { type MetadataRecordInput } from './records.js';
import { formatIssues } from './validate.js';

/** Options of {@link CatalogSink.send}. */
export interface SendOptions {
  readonly mode: IngestMode;
  /** Name of the source; the catalog scopes `full` runs (deletions) to it. */
  readonly source?: string;
  /** Called with the running total of records handed to the transport. */
  readonly onProgress?: (sentRecords: number) => void;
}

/** Where connectors deliver their records. */
export interface CatalogSink {
  /**
   * Delivers all records as one ingest run and resolves with the server's summary.
   * Rejects with the source's own error if iterating `records` throws.
   */
  send(
    records: AsyncIterable<MetadataRecordInput> | Iterable<MetadataRecordInput>,
    options: SendOptions,
  ): Promise<IngestSummary>;
}

/** Options of {@link HttpCatalogSink}. */
export interface HttpCatalogSinkOptions {
  /** Base URL of the catalog API, e.g. `http://localhost:3000`; a path prefix is kept. */
  readonly apiUrl: string;
  /** API token, sent as `Authorization: Bearer <token>`. */
  readonly token: string;
  /** Defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Records per body chunk; defaults to 1000. */
  readonly recordsPerChunk?: number;
}

const DEFAULT_RECORDS_PER_CHUNK = 1000;
const MAX_SERVER_MESSAGE_LENGTH = 500;

function describeError(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  // undici wraps the useful detail (ECONNREFUSED, ENOTFOUND…) in `cause`. Errors may come from
  // another realm (test VMs, workers), so they are duck-typed rather than checked with instanceof.
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth += 1) {
    if (typeof current === 'string' || typeof current === 'number') {
      messages.push(String(current));
      break;
    }
    if (typeof current !== 'object') break;
    const { message, code, cause } = current as {
      message?: unknown;
      code?: unknown;
      cause?: unknown;
    };
    const text = typeof message === 'string' ? message : '';
    if (typeof code === 'string' && !text.includes(code)) {
      messages.push(text === '' ? code : `${text} (${code})`);
    } else if (text !== '') {
      messages.push(text);
    }
    current = cause;
  }
  return messages.join(': ') || 'unknown error';
}

function serverMessageOf(text: string): string | undefined {
  try {
    const body: unknown = JSON.parse(text);
    if (body !== null && typeof body === 'object') {
      const { message, error } = body as { message?: unknown; error?: unknown };
      if (typeof message === 'string' && message !== '') return message;
      if (Array.isArray(message) && message.length > 0) return message.map(String).join('; ');
      if (typeof error === 'string' && error !== '') return error;
    }
  } catch {
    // Not JSON: fall back to the raw text.
  }
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return trimmed.length > MAX_SERVER_MESSAGE_LENGTH
    ? `${trimmed.slice(0, MAX_SERVER_MESSAGE_LENGTH)}…`
    : trimmed;
}

/**
 * Sends records to the catalog API: one streamed `POST {apiUrl}/api/v1/ingest` request whose body
 * is NDJSON, so memory use stays flat however many records the source yields.
 */
export class HttpCatalogSink implements CatalogSink {
  private readonly apiUrl: string;
  private readonly token: string;
  private readonly fetchImpl: typeof fetch;
  private readonly recordsPerChunk: number;

  /** @throws {@link SinkError} (`SINK_CONFIG`) if `apiUrl` is not an http(s) URL or the token is empty. */
  constructor(options: HttpCatalogSinkOptions) {
    let parsed: URL;
    try {
      parsed = new URL(options.apiUrl);
    } catch (error) {
      throw new SinkError('SINK_CONFIG', `invalid apiUrl ${JSON.stringify(options.apiUrl)}`, {
        url: options.apiUrl,
        cause: error,
      });
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new SinkError('SINK_CONFIG', `apiUrl must be http or https, got ${parsed.protocol}`, {
        url: options.apiUrl,
      });
    }
    if (options.token === '') {
      throw new SinkError('SINK_CONFIG', 'the API token is empty', { url: options.apiUrl });
    }
    this.apiUrl = options.apiUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.recordsPerChunk = Math.max(1, options.recordsPerChunk ?? DEFAULT_RECORDS_PER_CHUNK);
  }

  /**
   * Streams the records and resolves with the parsed summary.
   *
   * @throws {@link SinkError} `SINK_HTTP` (non-2xx, with `status` and `serverMessage`),
   * `SINK_NETWORK` (server unreachable or connection lost) or `SINK_BAD_RESPONSE`; or the error
   * thrown by the record iterable itself.
   */
  async send(
    records: AsyncIterable<MetadataRecordInput> | Iterable<MetadataRecordInput>,
    options: SendOptions,
  ): Promise<IngestSummary> {
    const query = new URLSearchParams({ mode: options.mode });
    if (options.source !== undefined) query.set('source', options.source);
    const url = `${this.apiUrl}/api/v1/ingest?${query.toString()}`;

    let sourceFailure: { error: unknown } | undefined;
    const body = this.bodyStream(records, options.onProgress, (error) => {
      sourceFailure = { error };
    });

    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.token}`,
          'content-type': 'application/x-ndjson',
          accept: 'application/json',
        },
        body,
        duplex: 'half',
      });
      text = await response.text();
    } catch (error) {
      if (sourceFailure !== undefined) throw sourceFailure.error;
      throw new SinkError('SINK_NETWORK', `could not reach ${url}: ${describeError(error)}`, {
        url,
        cause: error,
      });
    }
    if (sourceFailure !== undefined) throw sourceFailure.error;

    if (!response.ok) {
      const serverMessage = serverMessageOf(text);
      const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
      throw new SinkError(
        'SINK_HTTP',
        `ingest failed with ${status} from ${url}${serverMessage ? `: ${serverMessage}` : ''}`,
        serverMessage === undefined
          ? { url, status: response.status }
          : { url, status: response.status, serverMessage },
      );
    }

    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new SinkError('SINK_BAD_RESPONSE', `ingest answer from ${url} is not JSON`, {
        url,
        status: response.status,
        cause: error,
      });
    }
    const summary = ingestSummarySchema.safeParse(json);
    if (!summary.success) {
      throw new SinkError(
        'SINK_BAD_RESPONSE',
        `ingest answer from ${url} is not an ingest summary: ${formatIssues(summary.error.issues)}`,
        { url, status: response.status, cause: summary.error },
      );
    }
    return summary.data;
  }

  private bodyStream(
    records: AsyncIterable<MetadataRecordInput> | Iterable<MetadataRecordInput>,
    onProgress: ((sentRecords: number) => void) | undefined,
    onSourceError: (error: unknown) => void,
  ): ReadableStream<Uint8Array> {
    const lines = serializeRecords(records);
    const encoder = new TextEncoder();
    const recordsPerChunk = this.recordsPerChunk;
    let sent = 0;
    // Pull-based so a slow server slows the source down instead of buffering records.
    return new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const batch: string[] = [];
          let done = false;
          try {
            while (batch.length < recordsPerChunk) {
              const next = await lines.next();
              if (next.done === true) {
                done = true;
                break;
              }
              batch.push(next.value);
            }
            if (batch.length > 0) {
              controller.enqueue(encoder.encode(batch.join('')));
              sent += batch.length;
              onProgress?.(sent);
            }
          } catch (error) {
            onSourceError(error);
            // Erroring the body aborts the request, so the server never sees a complete run.
            controller.error(error);
            return;
          }
          if (done) controller.close();
        },
        async cancel() {
          await lines.return(undefined);
        },
      },
      { highWaterMark: 0 },
    );
  }
}
