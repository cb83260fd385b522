import { createReadStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline as streamPipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { LocalLandingZone, generateShopData, loadLanding, runPipeline } from '@almanac/pipeline';
import { freshDatabase, median, parseSize } from './support.js';

/**
 * Pipeline benchmark: generated shop events loaded into a real PostgreSQL (rows/s, and the ratio
 * to a bare COPY of the same files), then a batch run of every model over them, then freshness:
 * how long until a purchase that lands in the landing folder shows in sales per product.
 */
const args = process.argv.slice(2);
const EVENTS = parseSize(args, 'events', 5_000_000);
const TRIALS = parseSize(args, 'trials', 20);

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

async function landPurchase(dir: string, productId: number, at: Date, seq: number): Promise<void> {
  const time = at
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  const line = `${time},purchase,${productId},2053013555631882655,electronics.smartphone,bench,99.00,900000${seq},bench-${seq}`;
  const header =
    'event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session';
  const { writeFile, rename } = await import('node:fs/promises');
  const temp = join(dir, `.events-fresh-${seq}.tmp`);
  await writeFile(temp, `${header}\n${line}\n`);
  await rename(temp, join(dir, `events-fresh-${String(seq).padStart(4, '0')}.csv`));
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

    const freshness: number[] = [];
    for (let trial = 0; trial < TRIALS; trial += 1) {
      const productId = 990_000_000 + trial;
      const landed = performance.now();
      await landPurchase(landing, productId, new Date(), trial);
      await runPipeline({
        warehouseUrl: db.url,
        landing: new LocalLandingZone(landing),
        mode: 'micro-batch',
        select: ['stg_events'],
      });
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const seen = await client.query(
        'SELECT 1 FROM marts.sales_per_product_minute WHERE product_id = $1',
        [productId],
      );
      await client.end();
      if (seen.rowCount === 0)
        throw new Error(`trial ${trial}: the purchase did not reach sales per product`);
      freshness.push((performance.now() - landed) / 1000);
    }
    const sorted = [...freshness].sort((a, b) => a - b);
    const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
    console.log(
      `freshness (purchase landed -> in sales per product, micro-batch): median ${median(freshness).toFixed(2)} s, p95 ${p95.toFixed(2)} s over ${TRIALS} trials`,
    );
  } finally {
    await db.drop();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
