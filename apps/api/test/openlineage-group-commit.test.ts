import { randomUUID } from 'node:crypto';
import {
  mapEventToRecords,
  parseOpenLineageEvent,
  type OpenLineageEvent,
} from '@almanac/connector-openlineage';
import { recordKey } from '@almanac/sdk';
import type { LineageResponse } from '../src/modules/openlineage/lineage-response.js';
import { OpenLineageService } from '../src/modules/openlineage/openlineage.service.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const facet = { _producer: 'https://example.com/producer', _schemaURL: 'https://example.com/f' };

interface EventOptions {
  /** Host of the warehouse namespace: tests use their own, so their tables do not meet. */
  host: string;
  /** Columns of the input table `shop.public.orders`; null sends it without a schema facet. */
  inputColumns?: string[] | null;
  /** Tags of the input table, e.g. one on a column it does not have. */
  inputTags?: { key: string; value: string; field?: string }[];
  outputDescription?: string;
}

/** A COMPLETE run of `job` reading the shared table `shop.public.orders` and writing `output`. */
function runEvent(job: string, output: string, options: EventOptions): Record<string, unknown> {
  const namespace = `postgres://${options.host}:5432`;
  const fields = (names: string[]) => names.map((name) => ({ name, type: 'text' }));
  const inputFacets = {
    ...(options.inputColumns === null
      ? {}
      : { schema: { ...facet, fields: fields(options.inputColumns ?? ['id', 'amount']) } }),
    ...(options.inputTags ? { tags: { ...facet, tags: options.inputTags } } : {}),
  };
  return {
    eventType: 'COMPLETE',
    eventTime: '2024-05-01T12:00:00Z',
    producer: 'https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/airflow',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: randomUUID() },
    job: { namespace: `airflow-${options.host}`, name: job },
    inputs: [{ namespace, name: 'shop.public.orders', facets: inputFacets }],
    outputs: [
      {
        namespace,
        name: `shop.marts.${output}`,
        facets: {
          schema: { ...facet, fields: fields(['id', 'total']) },
          ...(options.outputDescription
            ? { documentation: { ...facet, description: options.outputDescription } }
            : {}),
        },
      },
    ],
  };
}

function parsed(event: Record<string, unknown>): OpenLineageEvent {
  const result = parseOpenLineageEvent(event);
  if (!result.ok) throw new Error(result.reasons.join('; '));
  return result.event;
}

/** The catalog records of the events, each once. */
function distinctRecords(events: Record<string, unknown>[]): Set<string> {
  const keys = events.flatMap((event) =>
    mapEventToRecords(parsed(event)).records.map((r) => `${r.kind}:${recordKey(r)}`),
  );
  return new Set(keys);
}

const counts = (answer: LineageResponse) => {
  const { created, updated, unchanged, rejected } = answer;
  return { created, updated, unchanged, rejected };
};

const tableOf = (host: string, name: string) =>
  `postgres_${host.replaceAll('.', '_')}.shop.${name}`;

describe('POST /api/v1/lineage group commit (real PostgreSQL)', () => {
  let t: TestApp;
  let service: OpenLineageService;
  beforeAll(async () => {
    t = await startTestApp();
    service = t.app.get(OpenLineageService);
  });
  afterAll(async () => {
    await t.close();
  });

  async function post(event: unknown): Promise<{ status: number; body: LineageResponse }> {
    const response = await fetch(`${t.url}/api/v1/lineage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminToken}` },
      body: JSON.stringify(event),
    });
    return { status: response.status, body: (await response.json()) as LineageResponse };
  }

  /** Ingests the events as one group, in order, as concurrent requests would be. */
  async function group(events: Record<string, unknown>[]): Promise<LineageResponse[]> {
    const answers = await service.ingestGroup(
      events.map((event) => ({ parsed: parsed(event), actor: 'test-admin' })),
    );
    return answers.map((answer) => {
      if (answer.status === 'rejected') throw answer.reason;
      return answer.value;
    });
  }

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const rows = await t.database.db.query<{ n: string }>(sql, params);
    return Number(rows[0]?.n);
  }

  async function columnsOf(fqn: string): Promise<string[]> {
    const rows = await t.database.db.query<{ name: string }>(
      `SELECT c.name FROM table_column c JOIN entity e ON e.id = c.table_id
        WHERE e.fqn = $1 AND e.type = 'table' ORDER BY c.ordinal`,
      [fqn],
    );
    return rows.map((row) => row.name);
  }

  const history = () =>
    Promise.all([
      count(`SELECT count(*) AS n FROM entity_version`),
      count(`SELECT count(*) AS n FROM change_event`),
      count(`SELECT count(*) AS n FROM audit_log WHERE action <> 'ingest'`),
    ]);

  it('ingests concurrent events with overlapping records, each answered with its own counts', async () => {
    const host = 'concurrent.example.com';
    const events = Array.from({ length: 8 }, (_, i) => runEvent(`job_${i}`, `out_${i}`, { host }));

    const answers = await Promise.all(events.map((event) => post(event)));

    expect(answers.map((a) => a.status)).toEqual(events.map(() => 201));
    for (const { body } of answers) {
      expect(body).toMatchObject({ updated: 0, rejected: 0, errors: [] });
      expect(body.created + body.unchanged).toBe(body.records);
      // Its own job, output table and edge are new whichever event came first.
      expect(body.created).toBeGreaterThanOrEqual(3);
    }
    // Shared records (service, database, schemas, the input table) are created once in all.
    const created = answers.reduce((sum, a) => sum + a.body.created, 0);
    expect(created).toBe(distinctRecords(events).size);
    const versions = await t.database.db.query<{ fqn: string; n: string }>(
      `SELECT e.fqn, count(v.*) AS n FROM entity e JOIN entity_version v ON v.entity_id = e.id
        WHERE e.fqn LIKE 'postgres_concurrent_example_com%' GROUP BY e.fqn HAVING count(v.*) <> 1`,
    );
    expect(versions).toEqual([]);
    expect(await columnsOf(tableOf(host, 'public.orders'))).toEqual(['id', 'amount']);
    for (let i = 0; i < events.length; i += 1) {
      expect(await columnsOf(tableOf(host, `marts.out_${i}`))).toEqual(['id', 'total']);
    }
    // They went in groups: one audit row per group, naming its runs.
    const groups = await t.database.db.query<{ runs: number }>(
      `SELECT jsonb_array_length(after->'runs') AS runs FROM audit_log
        WHERE action = 'ingest' AND after::text LIKE $1`,
      [`%airflow-${host}%`],
    );
    expect(groups.reduce((sum, g) => sum + Number(g.runs), 0)).toBe(events.length);
    expect(groups.length).toBeLessThan(events.length);

    const before = await history();
    const replay = await Promise.all(events.map((event) => post(event)));
    for (const { status, body } of replay) {
      expect(status).toBe(201);
      expect(counts(body)).toEqual({
        created: 0,
        updated: 0,
        unchanged: body.records,
        rejected: 0,
      });
    }
    expect(await history()).toEqual(before);
  });

  it('answers each event of a group as if the events had been ingested one after the other', async () => {
    // B reports the shared input with another column, C names it without a schema facet.
    const scenario = (host: string) => [
      runEvent('a', 'out_a', { host }),
      runEvent('b', 'out_b', { host, inputColumns: ['id', 'amount', 'currency'] }),
      runEvent('c', 'out_c', { host, inputColumns: null }),
      runEvent('d', 'out_a', {
        host,
        inputColumns: ['id', 'amount', 'currency'],
        outputDescription: 'Rewritten by d',
      }),
    ];
    const grouped = scenario('grouped.example.com');
    const alone = scenario('alone.example.com');

    const groupAnswers = await group(grouped);
    const aloneAnswers: LineageResponse[] = [];
    for (const event of alone) aloneAnswers.push(...(await group([event])));

    expect(groupAnswers.map(counts)).toEqual(aloneAnswers.map(counts));
    expect(groupAnswers.map(counts)).toEqual([
      { created: 9, updated: 0, unchanged: 0, rejected: 0 },
      { created: 3, updated: 1, unchanged: 5, rejected: 0 },
      { created: 3, updated: 0, unchanged: 4, rejected: 0 },
      { created: 2, updated: 1, unchanged: 6, rejected: 0 },
    ]);
    // The later version wins, and a table named without a schema keeps the columns of the group.
    const orders = tableOf('grouped.example.com', 'public.orders');
    expect(await columnsOf(orders)).toEqual(['id', 'amount', 'currency']);
    const outA = tableOf('grouped.example.com', 'marts.out_a');
    const descriptions = await t.database.db.query<{ description: string | null }>(
      `SELECT description FROM entity WHERE fqn = $1 AND type = 'table'`,
      [outA],
    );
    expect(descriptions).toEqual([{ description: 'Rewritten by d' }]);
    const versions = await t.database.db.query<{ fqn: string; version: string }>(
      `SELECT e.fqn, v.version FROM entity_version v JOIN entity e ON e.id = v.entity_id
        WHERE e.fqn = ANY($1) ORDER BY e.fqn, v.version`,
      [[orders, outA]],
    );
    expect(versions.map((v) => [v.fqn, Number(v.version)])).toEqual([
      [outA, 0.1],
      [outA, 0.2],
      [orders, 0.1],
      [orders, 0.2],
    ]);

    // The audit trail names every run of the group.
    const audited = await t.database.db.query<{ label: string }>(
      `SELECT run->>'label' AS label FROM audit_log, jsonb_array_elements(after->'runs') AS run
        WHERE action = 'ingest'`,
    );
    const labels = audited.map((row) => row.label);
    for (const event of grouped) {
      const runId = (event['run'] as { runId: string }).runId;
      expect(labels.filter((label) => label.includes(runId))).toHaveLength(1);
    }

    // Replayed, the group again does what the events do one after the other.
    const replayAlone: LineageResponse[] = [];
    for (const event of alone) replayAlone.push(...(await group([event])));
    expect((await group(grouped)).map(counts)).toEqual(replayAlone.map(counts));
    expect(await columnsOf(orders)).toEqual(['id', 'amount', 'currency']);
  });

  it('answers a bad event of a group with its own error while the others are ingested', async () => {
    const host = 'bad.example.com';
    const good = [runEvent('a', 'out_a', { host }), runEvent('b', 'out_b', { host })];
    // PostgreSQL cannot store a NUL character: this event fails the group's transaction.
    const broken = runEvent('c', 'out_c', { host, outputDescription: 'NUL \u0000 inside' });

    const answers = await group([good[0], broken, good[1]]);

    expect(answers.map(counts)).toEqual([
      { created: 9, updated: 0, unchanged: 0, rejected: 0 },
      { created: 0, updated: 0, unchanged: 0, rejected: 9 },
      { created: 3, updated: 0, unchanged: 6, rejected: 0 },
    ]);
    expect(answers[1].errors[0]?.reason).toMatch(
      /rolled back.*unsupported Unicode escape sequence/,
    );
    expect(await columnsOf(tableOf(host, 'marts.out_b'))).toEqual(['id', 'total']);
    expect(await columnsOf(tableOf(host, 'marts.out_c'))).toEqual([]);
  });

  it('answers concurrent requests on their own: an invalid event, a rejected record, good events', async () => {
    const host = 'mixed.example.com';
    const good = Array.from({ length: 4 }, (_, i) => runEvent(`job_${i}`, `out_${i}`, { host }));
    const invalid = { ...runEvent('x', 'out_x', { host }), eventTime: 'yesterday' };
    const unknownColumn = runEvent('y', 'out_y', {
      host: 'mixed-tags.example.com',
      inputTags: [{ key: 'PII', value: 'Sensitive', field: 'nope' }],
    });

    const [bad, tagged, ...answers] = await Promise.all(
      [invalid, unknownColumn, ...good].map((event) => post(event)),
    );

    expect(bad.status).toBe(400);
    expect((bad.body as unknown as { message: string }).message).toMatch(/eventTime/);
    expect(tagged.status).toBe(201);
    expect(tagged.body.rejected).toBe(1);
    expect(tagged.body.errors).toEqual([
      {
        kind: 'tag_label',
        key: `tag_label:${tableOf('mixed-tags.example.com', 'public.orders')}.nope#PII.Sensitive`,
        reason: expect.stringMatching(/does not exist/) as unknown,
      },
    ]);
    expect(tagged.body.created).toBe(tagged.body.records - 1);
    for (const { status, body } of answers) {
      expect(status).toBe(201);
      expect(body).toMatchObject({ updated: 0, rejected: 0 });
      expect(body.created + body.unchanged).toBe(body.records);
    }
    const created = answers.reduce((sum, a) => sum + a.body.created, 0);
    expect(created).toBe(distinctRecords(good).size);
  });
});
