import pg from 'pg';
import { freshDatabase, median, parseSize, startApi } from './support.js';

/**
 * Lineage benchmark: a synthetic graph written straight into the catalog's tables of a real
 * PostgreSQL (TABLES tables, 3 edges out of each, about 3.3 column mappings per edge), then the
 * `lineage` GraphQL query at depths 3, 5 and 10 in both directions, with and without columns, and
 * `impact` from a root table, each timed over HTTP from many random roots.
 */
const args = process.argv.slice(2);
const TABLES = parseSize(args, 'tables', 100_000);
const SAMPLES = parseSize(args, 'samples', 50);
// Each table feeds three tables among the next WINDOW: lineage stays local, as in real warehouses.
const WINDOW = 50;
const PREFIX = 'bench.db.s.t';

async function seedGraph(url: string): Promise<{ edges: number; columns: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO entity (type, fqn, name, parent_fqn, spec, updated_by, owners)
       SELECT 'table', $1 || i, 't' || i, 'bench.db.s', '{}', 'bench',
              jsonb_build_array(jsonb_build_object('type', 'team', 'name', 'team' || (i % 40)))
         FROM generate_series(0, $2 - 1) AS i`,
      [PREFIX, TABLES],
    );
    await client.query(
      `INSERT INTO lineage_edge (from_fqn, to_fqn, pipeline_fqn, source, content_hash, origin)
       SELECT $1 || i, $1 || (i + 1 + (i * 31 + k * 17) % $3), 'etl.p' || (i % 100), 'sql', md5(i || ':' || k), 'bench'
         FROM generate_series(0, $2 - 1) AS i, generate_series(1, 3) AS k
        WHERE i + 1 + (i * 31 + k * 17) % $3 < $2
       ON CONFLICT DO NOTHING`,
      [PREFIX, TABLES, WINDOW],
    );
    await client.query(
      `INSERT INTO column_lineage (edge_id, from_column, to_column, transformation)
       SELECT e.id, e.from_fqn || '.c' || c, e.to_fqn || '.c' || ((c + length(e.to_fqn)) % 10),
              '{"type":"DIRECT","subtype":"IDENTITY"}'::jsonb
         FROM lineage_edge e, generate_series(0, 3) AS c
        WHERE c < 3 OR hashtext(e.to_fqn) % 3 = 0
       ON CONFLICT DO NOTHING`,
    );
    await client.query('ANALYZE entity, lineage_edge, column_lineage');
    const counts = await client.query<{ edges: string; columns: string }>(
      `SELECT (SELECT count(*) FROM lineage_edge) AS edges, (SELECT count(*) FROM column_lineage) AS columns`,
    );
    return { edges: Number(counts.rows[0]?.edges), columns: Number(counts.rows[0]?.columns) };
  } finally {
    await client.end();
  }
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] ?? NaN;
}

/** Deterministic roots spread over the graph, away from its ends. */
function roots(count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `${PREFIX}${Math.floor(TABLES * 0.1 + ((i * 7919) % (TABLES * 0.8)))}`,
  );
}

async function timeQuery(
  api: { url: string; token: string },
  query: string,
  variables: Record<string, unknown>,
): Promise<{ ms: number; size: number }> {
  const started = performance.now();
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${api.token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    data?: Record<string, { nodes?: unknown[]; assets?: unknown[] }>;
    errors?: unknown;
  };
  const ms = performance.now() - started;
  if (body.errors) throw new Error(`query failed: ${JSON.stringify(body.errors)}`);
  const result = Object.values(body.data ?? {})[0];
  return { ms, size: (result?.nodes ?? result?.assets ?? []).length };
}

const LINEAGE = `query($fqn: String!, $up: Int, $down: Int, $cols: Boolean) {
  lineage(fqn: $fqn, upstreamDepth: $up, downstreamDepth: $down, columnLevel: $cols) {
    nodes { fqn depth type owners { name } }
    edges { from to pipeline columns { from to type } }
  } }`;
const IMPACT = `query($fqn: String!, $depth: Int) {
  impact(fqn: $fqn, depth: $depth) { assets { fqn depth owners { name } } columns { fqn } } }`;

async function measure(
  api: { url: string; token: string },
  label: string,
  query: string,
  variables: (fqn: string) => Record<string, unknown>,
): Promise<void> {
  await timeQuery(api, query, variables(roots(1)[0] ?? PREFIX)); // warm-up
  const times: number[] = [];
  const sizes: number[] = [];
  for (const fqn of roots(SAMPLES)) {
    const { ms, size } = await timeQuery(api, query, variables(fqn));
    times.push(ms);
    sizes.push(size);
  }
  console.log(
    `${label.padEnd(44)} p50 ${median(times).toFixed(1).padStart(7)} ms  p95 ${percentile(times, 0.95).toFixed(1).padStart(7)} ms  (median ${median(sizes)} nodes)`,
  );
}

async function main(): Promise<void> {
  console.log(`lineage benchmark: ${TABLES} tables, ${SAMPLES} roots per figure`);
  const db = await freshDatabase('almanac_bench_lineage');
  const api = await startApi(db.url);
  try {
    const seeded = performance.now();
    const counts = await seedGraph(db.url);
    console.log(
      `graph: ${TABLES} tables, ${counts.edges} table edges, ${counts.columns} column edges (seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s)`,
    );
    for (const depth of [3, 5, 10]) {
      for (const cols of [false, true]) {
        const level = cols ? 'column level' : 'table level';
        await measure(api, `lineage downstream depth ${depth}, ${level}`, LINEAGE, (fqn) => ({
          fqn,
          up: 0,
          down: depth,
          cols,
        }));
        await measure(api, `lineage upstream depth ${depth}, ${level}`, LINEAGE, (fqn) => ({
          fqn,
          up: depth,
          down: 0,
          cols,
        }));
      }
      await measure(api, `lineage both ways depth ${depth}, column level`, LINEAGE, (fqn) => ({
        fqn,
        up: depth,
        down: depth,
        cols: true,
      }));
    }
    for (const depth of [3, 5, 10])
      await measure(api, `impact depth ${depth}`, IMPACT, (fqn) => ({ fqn, depth }));
  } finally {
    await api.stop();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
