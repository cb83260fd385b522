import { createReadStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { pipeline as streamPipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  LocalLandingZone,
  generateShopData,
  loadLanding,
  runPipeline,
  watchLanding,
} from '@almanac/pipeline';
import { freshDatabase, median, parseSize } from './support.js';

/**
 * Pipeline benchmark: generated shop events loaded into a real PostgreSQL (rows/s, and the ratio
 * to a bare COPY of the same files), then a batch run of every model over them, then freshness in
 * watch mode: how long until a purchase that lands in the landing folder shows in sales per
 * product, and how long after a session with a cart expires its customer is on the retargeting list.
 */
const args = process.argv.slice(2);
const EVENTS = parseSize(args, 'events', 5_000_000);
const TRIALS = parseSize(args, 'trials', 20);
const CART_TRIALS = parseSize(args, 'cart-trials', 3);
/** How long after landing the benchmark's abandoned carts expire: longer than a micro-batch. */
const CART_EXPIRES_AFTER_MS = 20_000;
/** The watcher's idle refresh period, in seconds (`almanac pipeline watch --refresh-every`). */
const REFRESH = parseSize(args, 'refresh', 60);

async function eventFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.startsWith('events-')).sort();
}

/** NUL bytes can never enter a PostgreSQL text value; the few dirty lines with one lose them. */
function stripNul(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk);
    },
  });
}

async function bareCopy(dir: string): Promise<{ rows: number; seconds: number }> {
  // SQL_ASCII takes any bytes, so the floor pays no encoding check the loader does not pay either.
  const db = await freshDatabase(
    'almanac_bench_floor',
    "ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0",
  );
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE bare_events (line text)`);
    const started = performance.now();
    let rows = 0;
    for (const name of await eventFiles(dir)) {
      // Dirty lines would break a typed COPY, so the floor moves each line whole into one column.
      const stream = client.query(
        copyFrom(`COPY bare_events (line) FROM STDIN WITH (FORMAT text, DELIMITER E'\\x01')`),
      );
      await streamPipeline(createReadStream(join(dir, name)), stripNul(), stream);
      rows += Number(stream.rowCount ?? 0);
    }
    return { rows, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
    await db.drop();
  }
}

const HEADER =
  'event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session';

function csvTime(at: Date): string {
  return at
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
}

/** Writes a one-event file under a temporary name, then renames it, as a real producer would. */
async function landEvent(dir: string, name: string, line: string): Promise<void> {
  const temp = join(dir, `.${name}.tmp`);
  await writeFile(temp, `${HEADER}\n${line}\n`);
  await rename(temp, join(dir, name));
}

async function waitFor(url: string, sql: string, params: unknown[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const deadline = Date.now() + 10 * 60_000; Date.now() < deadline; await sleep(100)) {
      const found = await client.query(sql, params).catch(() => ({ rowCount: 0 }));
      if (found.rowCount) return Date.now();
    }
    throw new Error(`timed out waiting for: ${sql} ${JSON.stringify(params)}`);
  } finally {
    await client.end();
  }
}

function p95(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? NaN;
}

/** Consenting customers with an e-mail, who qualify for the retargeting list. */
async function reachableCustomers(url: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ customer_id: string }>(
      `SELECT customer_id FROM staging.stg_customers
        WHERE marketing_consent AND email IS NOT NULL ORDER BY customer_id LIMIT $1`,
      [count],
    );
    return result.rows.map((row) => row.customer_id);
  } finally {
    await client.end();
  }
}

/**
 * Freshness in watch mode: the watcher polls the landing folder every second and runs a
 * micro-batch per arrival, and at least every REFRESH seconds; the bench lands files and polls the
 * marts for their effect.
 */
async function watchFreshness(url: string, landing: string): Promise<void> {
  const stop = new AbortController();
  const microBatches: number[] = [];
  const watcher = watchLanding({
    landing: new LocalLandingZone(landing),
    pollMs: 1000,
    refreshMs: REFRESH * 1000,
    signal: stop.signal,
    runMicroBatch: async () => {
      const started = performance.now();
      const report = await runPipeline({
        warehouseUrl: url,
        landing: new LocalLandingZone(landing),
        mode: 'micro-batch',
      });
      if (report.status !== 'success')
        throw new Error(`micro-batch ${report.status}: ${JSON.stringify(report.errors)}`);
      microBatches.push((performance.now() - started) / 1000);
    },
    onError: (error) => console.error('micro-batch failed:', error),
  });
  try {
    const purchases: number[] = [];
    for (let trial = 0; trial < TRIALS; trial += 1) {
      // Land at varying points of the poll cycle, not in step with it.
      await sleep(500 + ((trial * 373) % 1000));
      const productId = 990_000_000 + trial;
      const line = `${csvTime(new Date())},purchase,${productId},2053013555631882655,electronics.smartphone,bench,99.00,9000000${trial},bench-${trial}`;
      const landed = Date.now();
      await landEvent(landing, `events-fresh-${String(trial).padStart(4, '0')}.csv`, line);
      const seen = await waitFor(
        url,
        'SELECT 1 FROM marts.sales_per_product_minute WHERE product_id = $1',
        [productId],
      );
      purchases.push((seen - landed) / 1000);
    }
    console.log(
      `freshness (purchase landed -> in sales per product, watch mode): median ${median(purchases).toFixed(2)} s, p95 ${p95(purchases).toFixed(2)} s over ${TRIALS} trials; micro-batch median ${median(microBatches).toFixed(2)} s`,
    );

    const expiries: number[] = [];
    const customers = await reachableCustomers(url, CART_TRIALS);
    for (const [trial, customer] of customers.entries()) {
      // A cart whose session expires after the micro-batch that loads it is over, so only a later
      // refresh (with no traffic: the scheduled one) can see it expire. Whole seconds, as files carry.
      const cartedAt = new Date(
        Math.floor((Date.now() - 30 * 60_000 + CART_EXPIRES_AFTER_MS) / 1000) * 1000,
      );
      const expiresAt = cartedAt.getTime() + 30 * 60_000;
      const line = `${csvTime(cartedAt)},cart,990000100,2053013555631882655,electronics.smartphone,bench,99.00,${customer},cart-${trial}`;
      await landEvent(landing, `events-cart-${String(trial).padStart(4, '0')}.csv`, line);
      const seen = await waitFor(
        url,
        `SELECT 1 FROM marts.retargeting_list WHERE customer_id = $1 AND abandoned_at >= $2`,
        [customer, new Date(expiresAt)],
      );
      expiries.push((seen - expiresAt) / 1000);
    }
    console.log(
      `session expiry -> on the retargeting list (watch mode, refresh every ${REFRESH} s): median ${median(expiries).toFixed(2)} s, max ${Math.max(...expiries).toFixed(2)} s over ${expiries.length} trials`,
    );
  } finally {
    stop.abort();
    await watcher;
  }
}

async function main(): Promise<void> {
  console.log(`pipeline benchmark: ${EVENTS} generated events, ${TRIALS} freshness trials`);
  const work = await mkdtemp(join(tmpdir(), 'almanac-bench-pipeline-'));
  const generated = join(work, 'generated');
  const landing = join(work, 'landing');
  const db = await freshDatabase('almanac_bench_pipeline');
  try {
    const generation = await generateShopData({ events: EVENTS, seed: 11, outDir: generated });
    console.log(
      `generated ${generation.rows.events} event lines in ${(generation.durationMs / 1000).toFixed(1)} s`,
    );
    await mkdir(landing, { recursive: true });
    for (const name of await readdir(generated))
      await copyFile(join(generated, name), join(landing, name));

    const pool = new pg.Pool({ connectionString: db.url, max: 4 });
    const loadStarted = performance.now();
    const files = await loadLanding(pool, new LocalLandingZone(landing));
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    await pool.end();
    const events = files.filter((f) => f.source === 'events');
    const eventRows = events.reduce((sum, f) => sum + f.rowsRead, 0);
    const eventSeconds = events.reduce((sum, f) => sum + f.durationMs, 0) / 1000;
    const floor = await bareCopy(generated);
    console.log(
      `load: ${eventRows} event rows in ${eventSeconds.toFixed(2)} s = ${(eventRows / eventSeconds).toFixed(0)} rows/s (all ${files.length} files: ${loadSeconds.toFixed(2)} s)`,
    );
    console.log(
      `bare COPY of the same event files: ${floor.rows} rows in ${floor.seconds.toFixed(2)} s = ${(floor.rows / floor.seconds).toFixed(0)} rows/s`,
    );
    console.log(`load time / bare COPY time: ${(eventSeconds / floor.seconds).toFixed(2)}x`);

    const batchStarted = performance.now();
    const batch = await runPipeline({
      warehouseUrl: db.url,
      landing: new LocalLandingZone(landing),
    });
    const batchSeconds = (performance.now() - batchStarted) / 1000;
    const failed = batch.models.filter((m) => m.status !== 'success').map((m) => m.name);
    console.log(
      `batch run of ${batch.models.length} models: ${batchSeconds.toFixed(2)} s (${batch.status}${failed.length ? `, failed: ${failed.join(', ')}` : ''})`,
    );

    await watchFreshness(db.url, landing);
  } finally {
    await db.drop();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
