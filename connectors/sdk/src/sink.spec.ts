import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { SinkError } from './errors.js';
import { type IngestSummary } from './ingest-summary.js';
import { type MetadataRecordInput } from './records.js';
import { HttpCatalogSink } from './sink.js';

interface ReceivedRequest {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingMessage['headers'];
  body: string;
  aborted: boolean;
}

interface TestServer {
  baseUrl: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

type Handler = (
  request: ReceivedRequest,
  response: ServerResponse,
  incoming: IncomingMessage,
) => void;

const servers: Server[] = [];

async function startServer(
  handler: Handler,
  options: { readBody?: boolean } = {},
): Promise<TestServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((incoming, response) => {
    const request: ReceivedRequest = {
      method: incoming.method,
      url: incoming.url,
      headers: incoming.headers,
      body: '',
      aborted: false,
    };
    requests.push(request);
    if (options.readBody === false) {
      handler(request, response, incoming);
      return;
    }
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('error', () => {
      request.aborted = true;
    });
    incoming.on('aborted', () => {
      request.aborted = true;
    });
    incoming.on('end', () => {
      request.body = Buffer.concat(chunks).toString('utf8');
      handler(request, response, incoming);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function summaryFor(body: string, mode: 'delta' | 'full' = 'delta'): IngestSummary {
  const received = body.split('\n').filter((line) => line !== '').length;
  return {
    runId: 'run-42',
    mode,
    source: 'postgres:shop',
    received,
    created: received,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    rejected: 0,
    errors: [],
    durationMs: 3,
    notes: [],
  };
}

function domains(count: number): MetadataRecordInput[] {
  return Array.from({ length: count }, (_, i) => ({ kind: 'domain' as const, fqn: `d${i}` }));
}

async function sinkErrorOf(promise: Promise<unknown>): Promise<SinkError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SinkError) return error;
    throw error;
  }
  throw new Error('expected a SinkError');
}

describe('HttpCatalogSink', () => {
  it('streams all records as NDJSON in one authenticated request', async () => {
    const server = await startServer((request, response) => {
      json(response, 200, summaryFor(request.body, 'full'));
    });
    const progress: number[] = [];
    const sink = new HttpCatalogSink({ apiUrl: server.baseUrl, token: 's3cret' });

    const summary = await sink.send(domains(2500), {
      mode: 'full',
      source: 'postgres:shop',
      onProgress: (sent) => progress.push(sent),
    });

    expect(summary.received).toBe(2500);
    expect(summary.runId).toBe('run-42');
    expect(progress).toEqual([1000, 2000, 2500]);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/api/v1/ingest?mode=full&source=postgres%3Ashop');
    expect(request?.headers.authorization).toBe('Bearer s3cret');
    expect(request?.headers['content-type']).toBe('application/x-ndjson');
    expect(request?.headers['transfer-encoding']).toBe('chunked');
    const lines = request?.body.split('\n') ?? [];
    expect(lines).toHaveLength(2501);
    expect(lines[2500]).toBe('');
    expect(JSON.parse(lines[1234] ?? '')).toEqual({ kind: 'domain', fqn: 'd1234' });
  });

  it('keeps a path prefix and omits an absent source', async () => {
    const server = await startServer((request, response) =>
      json(response, 200, summaryFor(request.body)),
    );
    const sink = new HttpCatalogSink({ apiUrl: `${server.baseUrl}/almanac/`, token: 't' });
    await sink.send([], { mode: 'delta' });
    expect(server.requests[0]?.url).toBe('/almanac/api/v1/ingest?mode=delta');
    expect(server.requests[0]?.body).toBe('');
  });

  it('sends while the source is still producing', async () => {
    let firstBytesReceived!: () => void;
    const received = new Promise<void>((resolve) => {
      firstBytesReceived = resolve;
    });
    const server = await startServer(
      (request, response, incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          firstBytesReceived();
        });
        incoming.on('end', () => {
          request.body = Buffer.concat(chunks).toString('utf8');
          json(response, 200, summaryFor(request.body));
        });
      },
      { readBody: false },
    );
    async function* source(): AsyncGenerator<MetadataRecordInput> {
      yield* domains(1000);
      // Deadlocks unless the first chunk reached the server before the source finished.
      await received;
      yield { kind: 'domain', fqn: 'last' };
    }
    const sink = new HttpCatalogSink({ apiUrl: server.baseUrl, token: 't' });
    const summary = await sink.send(source(), { mode: 'delta' });
    expect(summary.received).toBe(1001);
  });

  it('throws SinkError with status and server message on a non-2xx answer', async () => {
    const server = await startServer((_request, response) => {
      json(response, 401, { statusCode: 401, message: 'Invalid token', error: 'Unauthorized' });
    });
    const sink = new HttpCatalogSink({ apiUrl: server.baseUrl, token: 'wrong' });
    const error = await sinkErrorOf(sink.send(domains(3), { mode: 'delta' }));
    expect(error.code).toBe('SINK_HTTP');
    expect(error.status).toBe(401);
    expect(error.serverMessage).toBe('Invalid token');
    expect(error.message).toBe(
      `ingest failed with HTTP 401 Unauthorized from ${server.baseUrl}/api/v1/ingest?mode=delta: Invalid token`,
    );
  });

  it('joins validation messages and falls back to the raw text', async () => {
    const validation = await startServer((_request, response) => {
      json(response, 400, {
        statusCode: 400,
        message: ['mode must be delta or full', 'bad source'],
      });
    });
    const text = await startServer((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end('upstream down\n');
    });
    const first = await sinkErrorOf(
      new HttpCatalogSink({ apiUrl: validation.baseUrl, token: 't' }).send([], { mode: 'delta' }),
    );
    expect(first.serverMessage).toBe('mode must be delta or full; bad source');
    const second = await sinkErrorOf(
      new HttpCatalogSink({ apiUrl: text.baseUrl, token: 't' }).send([], { mode: 'delta' }),
    );
    expect([second.status, second.serverMessage]).toEqual([502, 'upstream down']);
  });

  it('reports an answer sent before the body was read', async () => {
    const server = await startServer(
      (_request, response) => {
        json(response, 413, { message: 'Payload too large' });
      },
      { readBody: false },
    );
    const sink = new HttpCatalogSink({ apiUrl: server.baseUrl, token: 't' });
    const error = await sinkErrorOf(sink.send(domains(20_000), { mode: 'delta' }));
    // Depending on timing the client sees the 413 or a reset connection; both are SinkErrors.
    expect(['SINK_HTTP', 'SINK_NETWORK']).toContain(error.code);
    if (error.code === 'SINK_HTTP') expect(error.status).toBe(413);
  });

  it('names the URL and cause when the server is unreachable', async () => {
    const server = await startServer((_request, response) => json(response, 200, {}));
    await server.close();
    const sink = new HttpCatalogSink({ apiUrl: server.baseUrl, token: 't' });
    const error = await sinkErrorOf(sink.send(domains(1), { mode: 'delta' }));
    expect(error.code).toBe('SINK_NETWORK');
    expect(error.status).toBeUndefined();
    expect(error.url).toBe(`${server.baseUrl}/api/v1/ingest?mode=delta`);
    expect(error.message).toContain(`could not reach ${server.baseUrl}/api/v1/ingest?mode=delta`);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('rejects an answer that is not an ingest summary', async () => {
    const wrongShape = await startServer((_request, response) => json(response, 200, { ok: true }));
    const notJson = await startServer((_request, response) => {
      response.writeHead(200);
      response.end('<html>');
    });
    const shapeError = await sinkErrorOf(
      new HttpCatalogSink({ apiUrl: wrongShape.baseUrl, token: 't' }).send([], { mode: 'delta' }),
    );
    expect(shapeError.code).toBe('SINK_BAD_RESPONSE');
    expect(shapeError.message).toContain(
      'runId: Invalid input: expected string, received undefined',
    );
    const jsonError = await sinkErrorOf(
      new HttpCatalogSink({ apiUrl: notJson.baseUrl, token: 't' }).send([], { mode: 'delta' }),
    );
    expect(jsonError.code).toBe('SINK_BAD_RESPONSE');
    expect(jsonError.message).toContain('is not JSON');
  });

  it('aborts the request and rethrows when the source fails', async () => {
    let sawRequest!: () => void;
    const requestSeen = new Promise<void>((resolve) => {
      sawRequest = resolve;
    });
    const server = await startServer(
      (request, response, incoming) => {
        sawRequest();
        incoming.on('data', () => undefined);
        incoming.on('aborted', () => {
          request.aborted = true;
        });
        incoming.on('end', () => json(response, 200, summaryFor('')));
      },
      { readBody: false },
    );
    const failure = new Error('connector lost its database connection');
    async function* source(): AsyncGenerator<MetadataRecordInput> {
      yield* domains(1500);
      await requestSeen;
      throw failure;
    }
    const sink = new HttpCatalogSink({ apiUrl: server.baseUrl, token: 't' });
    await expect(sink.send(source(), { mode: 'full' })).rejects.toBe(failure);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.aborted).toBe(true);
  });

  it('rejects unusable configuration', () => {
    expect(() => new HttpCatalogSink({ apiUrl: 'not a url', token: 't' })).toThrow(
      'invalid apiUrl "not a url"',
    );
    expect(() => new HttpCatalogSink({ apiUrl: 'ftp://host', token: 't' })).toThrow(
      'apiUrl must be http or https, got ftp:',
    );
    expect(() => new HttpCatalogSink({ apiUrl: 'http://host', token: '' })).toThrow(
      'the API token is empty',
    );
  });
});
