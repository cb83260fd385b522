import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { HttpCatalogSink, type MetadataRecordInput } from '@almanac/sdk';
import { freshDatabase, median, parseSize, startApi, type ApiProcess } from './support.js';

/**
 * Search benchmark on the PostgreSQL driver: a synthetic catalog of N tables x M columns and K tags
 * ingested through the API, then mixed queries with 0–3 facets from concurrent clients on the index
 * the change events built, the lag from a change and from a connector-sized ingest to their
 * appearance in results, a full reindex through the CLI, and the same queries after it.
 */
const args = process.argv.slice(2);
const TABLES = parseSize(args, 'tables', 10_000);
const COLUMNS = parseSize(args, 'columns', 50);
const TAGS = parseSize(args, 'tags', 1_000);
const QUERIES = parseSize(args, 'queries', 200);
const CLIENTS = parseSize(args, 'clients', 16);
const LAG_TRIALS = parseSize(args, 'lag-trials', 10);
/** Tables (with their columns) of each connector-sized ingest whose lag is measured. */
const BATCH_TABLES = parseSize(args, 'batch-tables', 100);
/** Keeps the benchmark database afterwards, for EXPLAIN ANALYZE. */
const KEEP = args.includes('--keep');
const SCHEMAS = Math.max(1, Math.ceil(TABLES / 500));
const CLI = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'apps',
  'api',
  'bin',
  'almanac.js',
);

const SUBJECTS = [
  'customer',
  'order',
  'product',
  'session',
  'cart',
  'inventory',
  'payment',
  'shipment',
  'refund',
  'campaign',
  'supplier',
  'warehouse',
  'invoice',
  'review',
  'coupon',
];
const MEASURES = [
  'daily',
  'weekly',
  'revenue',
  'margin',
  'conversion',
  'retention',
  'churn',
  'lifetime',
  'turnover',
  'abandonment',
  'forecast',
  'segments',
  'events',
  'snapshot',
  'summary',
];
const COLUMN_WORDS = [
  'id',
  'amount',
  'created_at',
  'status',
  'email',
  'country',
  'quantity',
  'price',
  'discount',
  'channel',
  'currency',
  'category',
  'score',
  'region',
  'updated_at',
];
const TIERS = ['Tier.Tier1', 'Tier.Tier2', 'Tier.Tier3'];

/** A deterministic pseudo-random sequence, so every run queries the same catalog the same way. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const pick = <T>(items: readonly T[], next: () => number): T =>
  items[Math.floor(next() * items.length)];

function tableName(t: number): string {
  return `${SUBJECTS[t % SUBJECTS.length]}_${MEASURES[Math.floor(t / SUBJECTS.length) % MEASURES.length]}_${t}`;
}

function benchTable(t: number, extraWord = ''): MetadataRecordInput {
  const subject = SUBJECTS[t % SUBJECTS.length];
  const tail = extraWord ? ` ${extraWord}` : '';
  return {
    kind: 'table',
    fqn: `bench.dw.s${t % SCHEMAS}.${tableName(t)}`,
    description: `The ${subject} ${MEASURES[t % MEASURES.length]} of the shop, one row per ${subject} and day.${tail}`,
    owners: [{ type: 'team', name: `team_${t % 20}` }],
    tags: [{ tagFqn: TIERS[t % TIERS.length] }],
    columns: Array.from({ length: COLUMNS }, (_, c) => ({
      name: `${COLUMN_WORDS[c % COLUMN_WORDS.length]}_${c}`,
      dataType: 'text',
      description: `The ${COLUMN_WORDS[c % COLUMN_WORDS.length].replace('_', ' ')} of the ${subject}.${tail}`,
    })),
  };
}

function* catalog(): Generator<MetadataRecordInput> {
  yield { kind: 'service', fqn: 'bench', serviceType: 'Postgres' };
  yield { kind: 'database', fqn: 'bench.dw' };
  for (let s = 0; s < SCHEMAS; s += 1) yield { kind: 'schema', fqn: `bench.dw.s${s}` };
  yield { kind: 'classification', fqn: 'Tier' };
  for (const tier of TIERS) yield { kind: 'tag', fqn: tier };
  yield { kind: 'classification', fqn: 'Business' };
  for (let k = 0; k < TAGS; k += 1) {
    yield {
      kind: 'tag',
      fqn: `Business.term_${k}`,
      description: `Business term ${k}: ${SUBJECTS[k % SUBJECTS.length]} ${MEASURES[k % MEASURES.length]} as the business defines it.`,
    };
  }
  for (let t = 0; t < TABLES; t += 1) yield benchTable(t);
}

interface SearchVariables {
  query: string;
  filters: { field: string; values: string[] }[];
}

function typo(word: string, next: () => number): string {
  if (word.length < 5) return word;
  const at = 1 + Math.floor(next() * (word.length - 2));
  return word.slice(0, at) + word.slice(at + 1);
}

/** Mixed queries: one to three words, some misspelt, some cut to a prefix, with 0–3 facets. */
function queries(count: number, seed: number): SearchVariables[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const words = Array.from(
      { length: 1 + Math.floor(next() * 3) },
      () => pick([...SUBJECTS, ...MEASURES, ...COLUMN_WORDS], next).split('_')[0],
    );
    const shape = next();
    if (shape < 0.2) words[0] = typo(words[0], next);
    else if (shape < 0.4) words[words.length - 1] = words[words.length - 1].slice(0, 4);
    const facets = [
      { field: 'type', values: [pick(['table', 'column'], next)] },
      { field: 'schema', values: [`s${Math.floor(next() * SCHEMAS)}`] },
      { field: 'tier', values: [pick(TIERS, next)] },
      { field: 'owner', values: [`team_${Math.floor(next() * 20)}`] },
    ];
    const filters = facets.filter(() => next() < 0.35).slice(0, 3);
    return { query: words.join(' '), filters };
  });
}

const SEARCH = `query ($query: String!, $filters: [SearchFilterInput!]) {
  search(query: $query, filters: $filters, first: 20) {
    total hits { fqn score highlights { field fragments } } facets { field buckets { value count } }
  }
}`;

async function graphql<T>(api: ApiProcess, query: string, variables: object): Promise<T> {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${api.token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) {
    throw new Error(`GraphQL failed: ${body.errors?.[0]?.message ?? response.status}`);
  }
  return body.data;
}

const total = async (api: ApiProcess, query: string) =>
  (await graphql<{ search: { total: number } }>(api, SEARCH, { query, filters: [] })).search.total;

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (await check()) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`not indexed within ${timeoutMs} ms`);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measureQueries(api: ApiProcess, seed: number): Promise<number[]> {
  const work = queries(QUERIES, seed);
  const latencies: number[] = [];
  let nextQuery = 0;
  const client = async () => {
    while (nextQuery < work.length) {
      const variables = work[nextQuery];
      nextQuery += 1;
      const started = performance.now();
      await graphql(api, SEARCH, variables);
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return latencies;
}

/** Mixed queries from concurrent clients, after a warm-up round of other queries. */
async function reportQueries(api: ApiProcess, state: string): Promise<void> {
  await measureQueries(api, 7);
  const latencies = await measureQueries(api, 42);
  console.log(
    `queries (${state}): p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms over ${latencies.length}`,
  );
}

async function measureLag(api: ApiProcess): Promise<number[]> {
  const lags: number[] = [];
  for (let trial = 0; trial < LAG_TRIALS; trial += 1) {
    const word = `lagprobe${trial}zq`;
    const fqn = `bench.dw.s0.${tableName(trial * SCHEMAS)}`;
    await graphql(
      api,
      `
        mutation ($fqn: String!, $d: String!) {
          updateDescription(fqn: $fqn, description: $d) {
            fqn
          }
        }
      `,
      {
        fqn,
        d: `Probe ${word} for the index lag.`,
      },
    );
    lags.push(await waitFor(async () => (await total(api, word)) === 1, 30_000));
  }
  return lags;
}

/**
 * The lag of a connector-sized ingest: the time from sending new tables (with their columns) until
 * every one of their documents is found, each batch marked by a word of its own.
 */
async function measureBatchLag(api: ApiProcess): Promise<number[]> {
  const sink = new HttpCatalogSink({ apiUrl: api.url, token: api.token });
  const documents = BATCH_TABLES * (1 + COLUMNS);
  const lags: number[] = [];
  for (let trial = 0; trial < LAG_TRIALS; trial += 1) {
    const word = `batchprobe${trial}zq`;
    const first = TABLES + trial * BATCH_TABLES;
    const tables = Array.from({ length: BATCH_TABLES }, (_, t) => benchTable(first + t, word));
    const started = performance.now();
    await sink.send(tables, { mode: 'delta', source: 'bench' });
    await waitFor(async () => (await total(api, word)) === documents, 60_000);
    lags.push(performance.now() - started);
  }
  return lags;
}

async function main(): Promise<void> {
  const db = await freshDatabase('almanac_bench_search');
  const api = await startApi(db.url);
  try {
    console.log(
      `search benchmark: ${TABLES} tables x ${COLUMNS} columns, ${TAGS} business terms (as tags); ` +
        `${QUERIES} queries from ${CLIENTS} clients`,
    );
    let started = performance.now();
    const sink = new HttpCatalogSink({ apiUrl: api.url, token: api.token });
    await sink.send(catalog(), { mode: 'full', source: 'bench' });
    const ingestSeconds = (performance.now() - started) / 1000;
    const documents = TABLES * (1 + COLUMNS) + TAGS + TIERS.length;
    const catchUp = await waitFor(async () => (await total(api, '')) >= documents, 1_800_000);
    console.log(
      `ingest ${ingestSeconds.toFixed(1)} s; index caught up ${(catchUp / 1000).toFixed(1)} s later (${documents} documents)`,
    );

    await reportQueries(api, 'index built by the change events');

    const lags = await measureLag(api);
    console.log(
      `index lag after a change: median ${median(lags).toFixed(0)} ms, max ${Math.max(...lags).toFixed(0)} ms over ${lags.length}`,
    );

    const batchLags = await measureBatchLag(api);
    console.log(
      `index lag after an ingest of ${BATCH_TABLES} tables (${BATCH_TABLES * (1 + COLUMNS)} documents), from sending to all found: median ${median(batchLags).toFixed(0)} ms, max ${Math.max(...batchLags).toFixed(0)} ms over ${batchLags.length}`,
    );

    started = performance.now();
    await promisify(execFile)(process.execPath, [CLI, 'search', 'reindex'], {
      env: { ...process.env, DATABASE_URL: db.url, ELASTICSEARCH_URL: '' },
    });
    console.log(`full reindex (CLI): ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await reportQueries(api, 'after the reindex');
  } finally {
    await api.stop();
    if (KEEP) console.log(`database kept: ${db.url}`);
    else await db.drop();
  }
}

await main();
