import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { freshDatabase, median, parseSize, startApi } from './support.js';

/**
 * OpenLineage throughput: N COMPLETE RunEvents, each reading one table and writing another, both
 * with a 20-column schema facet and column lineage for every output column, POSTed to
 * /api/v1/lineage by `--concurrency` clients at once (default 32: the Airflow workers and Spark jobs
 * of many producers, as a Marquez endpoint sees them). The API groups events that arrive together
 * into one transaction, so the figure depends on how many are in flight.
 */
const args = process.argv.slice(2);
const EVENTS = parseSize(args, 'events', 2000);
const RUNS = parseSize(args, 'runs', 3);
const CONCURRENCY = parseSize(args, 'concurrency', 32);
const COLUMNS = 20;
/** Jobs of the steady-state scenario: each event is a new run of one of them. */
const JOBS = parseSize(args, 'jobs', 200);
const NAMESPACE = 'postgres://warehouse.bench:5432';
const facet = {
  _producer: 'https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/airflow',
  _schemaURL: 'https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json',
};

const fields = Array.from({ length: COLUMNS }, (_, c) => ({
  name: `col_${c}`,
  type: c % 2 === 0 ? 'bigint' : 'text',
}));

function columnLineage(input: string) {
  const entries = fields.map((field) => [
    field.name,
    {
      inputFields: [
        {
          namespace: NAMESPACE,
          name: input,
          field: field.name,
          transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
        },
      ],
    },
  ]);
  return { ...facet, fields: Object.fromEntries(entries) as Record<string, unknown> };
}

function runEvent(i: number): string {
  const input = `dw.raw.source_${i}`;
  return JSON.stringify({
    eventType: 'COMPLETE',
    eventTime: new Date(Date.UTC(2024, 4, 1) + i * 1000).toISOString(),
    producer: facet._producer,
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: randomUUID() },
    job: { namespace: 'airflow-bench', name: `etl.task_${i}` },
    inputs: [{ namespace: NAMESPACE, name: input, facets: { schema: { ...facet, fields } } }],
    outputs: [
      {
        namespace: NAMESPACE,
        name: `dw.marts.target_${i}`,
        facets: { schema: { ...facet, fields }, columnLineage: columnLineage(input) },
      },
    ],
  });
}

// node:http over keep-alive sockets, one per client: fetch costs several times more CPU per request
// on the machine the client shares with the API, which would then be measured along.
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function post(url: string, token: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${url}/api/v1/lineage`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

async function postEvent(url: string, token: string, body: string): Promise<void> {
  const { status, text } = await post(url, token, body);
  const answer = JSON.parse(text) as { rejected?: number; message?: string };
  if (status !== 201 || answer.rejected !== 0) {
    throw new Error(`event not cleanly ingested (HTTP ${status}): ${text}`);
  }
}

/** Sends every event with `CONCURRENCY` clients, each taking the next unsent event. */
async function sendAll(url: string, token: string, events: string[]): Promise<number> {
  let next = 0;
  const client = async () => {
    while (next < events.length) {
      const body = events[next];
      next += 1;
      await postEvent(url, token, body);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  return (performance.now() - started) / 1000;
}

interface Rates {
  /** Every event a job and datasets never seen before. */
  discovery: number;
  /** New runs of JOBS catalogued jobs over their catalogued datasets: the daily traffic. */
  steady: number;
}

/** One trial on a fresh database and API; returns events per second of both scenarios. */
async function trial(): Promise<Rates> {
  const db = await freshDatabase('almanac_bench_openlineage');
  const api = await startApi(db.url);
  try {
    const discovery = Array.from({ length: EVENTS }, (_, i) => runEvent(i));
    const discoverySeconds = await sendAll(api.url, api.token, discovery);
    const steady = Array.from({ length: EVENTS }, (_, i) => runEvent(i % Math.min(JOBS, EVENTS)));
    const steadySeconds = await sendAll(api.url, api.token, steady);
    return { discovery: EVENTS / discoverySeconds, steady: EVENTS / steadySeconds };
  } finally {
    await api.stop();
    await db.drop();
  }
}

async function main(): Promise<void> {
  console.log(
    `openlineage benchmark: ${EVENTS} COMPLETE RunEvents (${COLUMNS}-column schemas and column lineage), ${CONCURRENCY} concurrent clients, ${RUNS} trial(s)`,
  );
  const trials: Rates[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const rates = await trial();
    trials.push(rates);
    console.log(
      `trial ${i + 1}: new jobs and datasets ${rates.discovery.toFixed(1)} events/s, new runs of ${JOBS} known jobs ${rates.steady.toFixed(1)} events/s`,
    );
  }
  console.log(
    `median: new jobs and datasets ${median(trials.map((t) => t.discovery)).toFixed(1)} events/s, new runs of known jobs ${median(trials.map((t) => t.steady)).toFixed(1)} events/s`,
  );
  agent.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
