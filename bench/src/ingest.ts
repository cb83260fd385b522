import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { HttpCatalogSink, type MetadataRecordInput } from '@almanac/sdk';
import { freshDatabase, median, parseSize, peakRssMb, startApi } from './support.js';

/**
 * Ingestion benchmark: a synthetic warehouse of N tables x M columns (descriptions on every column,
 * two tags on 10 % of columns) streamed through POST /api/v1/ingest into a real PostgreSQL, then
 * again unchanged, then the same rows loaded with COPY into plain tables (the floor).
 */
const args = process.argv.slice(2);
const TABLES = parseSize(args, 'tables', 10_000);
const COLUMNS = parseSize(args, 'columns', 50);
const RUNS = parseSize(args, 'runs', 3);
const SCHEMAS = Math.max(1, Math.ceil(TABLES / 500));

function columnsOf(t: number) {
  return Array.from({ length: COLUMNS }, (_, c) => ({
    name: `col_${c}`,
    dataType: c % 3 === 0 ? 'bigint' : c % 3 === 1 ? 'text' : 'timestamptz',
    description: `Column ${c} of table ${t}: synthetic values for the ingestion benchmark.`,
    ...((t * COLUMNS + c) % 10 === 0
      ? { tags: [{ tagFqn: 'PII.Sensitive' }, { tagFqn: 'PersonalData.Personal' }] }
      : {}),
  }));
}

function* warehouse(): Generator<MetadataRecordInput> {
  yield { kind: 'service', fqn: 'bench', serviceType: 'Postgres' };
  yield { kind: 'database', fqn: 'bench.dw' };
  for (let s = 0; s < SCHEMAS; s += 1) yield { kind: 'schema', fqn: `bench.dw.s${s}` };
  for (let t = 0; t < TABLES; t += 1) {
    yield {
      kind: 'table',
      fqn: `bench.dw.s${t % SCHEMAS}.table_${t}`,
      description: `Synthetic table ${t}.`,
      columns: columnsOf(t),
    };
  }
}

async function timedIngest(url: string, token: string) {
  const sink = new HttpCatalogSink({ apiUrl: url, token });
  const started = performance.now();
  const summary = await sink.send(warehouse(), { mode: 'full', source: 'bench' });
  return { seconds: (performance.now() - started) / 1000, summary };
}

async function copyFloor(): Promise<number> {
  const db = await freshDatabase('almanac_bench_copy');
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE t (fqn text, description text, spec jsonb)`);
    await client.query(
      `CREATE TABLE c (fqn text, table_fqn text, name text, data_type text, ordinal int, description text)`,
    );
    await client.query(`CREATE TABLE l (target text, tag text)`);
    const started = performance.now();
    await pipeline(Readable.from(rows('t')), client.query(copyFrom('COPY t FROM STDIN')));
    await pipeline(Readable.from(rows('c')), client.query(copyFrom('COPY c FROM STDIN')));
    await pipeline(Readable.from(rows('l')), client.query(copyFrom('COPY l FROM STDIN')));
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
    await db.drop();
  }
}

function escapeCopy(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
}

function* rows(kind: 't' | 'c' | 'l'): Generator<string> {
  for (let t = 0; t < TABLES; t += 1) {
    const fqn = `bench.dw.s${t % SCHEMAS}.table_${t}`;
    const columns = columnsOf(t);
    if (kind === 't') {
      yield `${fqn}\tSynthetic table ${t}.\t${escapeCopy(JSON.stringify({ fqn, columns }))}\n`;
      continue;
    }
    for (const [i, column] of columns.entries()) {
      if (kind === 'c')
        yield `${fqn}.${column.name}\t${fqn}\t${column.name}\t${column.dataType}\t${i + 1}\t${column.description}\n`;
      else for (const tag of column.tags ?? []) yield `${fqn}.${column.name}\t${tag.tagFqn}\n`;
    }
  }
}

interface Trial {
  first: number;
  rerun: number;
  floor: number;
  rssMb: number;
}

/** One trial: a fresh database and API, a first run, an unchanged re-run, and the COPY floor. */
async function trial(): Promise<Trial> {
  const db = await freshDatabase('almanac_bench_ingest');
  const api = await startApi(db.url);
  try {
    const first = await timedIngest(api.url, api.token);
    const second = await timedIngest(api.url, api.token);
    const rssMb = peakRssMb(api.child.pid!);
    if (first.summary.rejected > 0 || second.summary.unchanged !== first.summary.created) {
      throw new Error(
        'benchmark run was not clean: records were rejected or the re-run was not fully unchanged',
      );
    }
    const floor = await copyFloor();
    return { first: first.seconds, rerun: second.seconds, floor, rssMb };
  } finally {
    await api.stop();
    await db.drop();
  }
}

async function main(): Promise<void> {
  console.log(
    `ingest benchmark: ${TABLES} tables x ${COLUMNS} columns = ${TABLES * COLUMNS} columns, ${RUNS} trial(s)`,
  );
  const trials: Trial[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t = await trial();
    trials.push(t);
    console.log(
      `trial ${i + 1}: first ${t.first.toFixed(2)} s, unchanged re-run ${t.rerun.toFixed(2)} s, COPY floor ${t.floor.toFixed(2)} s, peak API RSS ${t.rssMb.toFixed(0)} MB`,
    );
  }
  const first = median(trials.map((t) => t.first));
  const rerun = median(trials.map((t) => t.rerun));
  const floor = median(trials.map((t) => t.floor));
  const ratio = median(trials.map((t) => t.first / t.floor));
  const rate = (seconds: number) =>
    `${(TABLES / seconds).toFixed(0)} tables/s, ${((TABLES * COLUMNS) / seconds).toFixed(0)} columns/s`;
  console.log('medians:');
  console.log(`  first run        ${first.toFixed(2)} s  (${rate(first)})`);
  console.log(`  unchanged re-run ${rerun.toFixed(2)} s  (${rate(rerun)})`);
  console.log(`  COPY floor       ${floor.toFixed(2)} s`);
  console.log(`  first / floor    ${ratio.toFixed(2)}x (median of per-trial ratios)`);
  console.log(
    `  peak API RSS     ${Math.max(...trials.map((t) => t.rssMb)).toFixed(0)} MB (highest trial)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
