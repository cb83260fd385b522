import { validateRecord, type MetadataRecordInput } from '@almanac/sdk';
import {
  mapEventToRecords,
  parseOpenLineageEvent,
  tablesWithoutSchema,
  type EventMapping,
} from '../src/index.js';
import { realisticEvent } from './support/realistic-event.js';

function mapped(event: unknown): EventMapping {
  const parsed = parseOpenLineageEvent(event);
  if (!parsed.ok) throw new Error(parsed.reasons.join('; '));
  return mapEventToRecords(parsed.event);
}

function ofKind<K extends MetadataRecordInput['kind']>(records: MetadataRecordInput[], kind: K) {
  return records.filter((r): r is Extract<MetadataRecordInput, { kind: K }> => r.kind === kind);
}

const ORDERS = 'postgres_db_example_com.shop.public.orders';
const REVENUE = 'postgres_db_example_com.shop.marts.daily_revenue';
const PIPELINE = 'airflow-prod."shop.daily_revenue"';

describe('mapping an OpenLineage event to catalog records', () => {
  const { records, notes } = mapped(realisticEvent());

  it('produces only records the catalog contract accepts, and nothing unmapped', () => {
    const rejected = records
      .map((record) => ({ record, result: validateRecord(record) }))
      .filter(({ result }) => !result.ok);
    expect(rejected).toEqual([]);
    expect(notes).toEqual([]);
  });

  it('registers the service, database, schemas and tables with columns and descriptions', () => {
    expect(ofKind(records, 'service')).toEqual([
      { kind: 'service', fqn: 'postgres_db_example_com', serviceType: 'Postgres' },
      { kind: 'service', fqn: 'airflow-prod', serviceType: 'OpenLineage' },
    ]);
    expect(ofKind(records, 'schema').map((s) => s.fqn)).toEqual([
      'postgres_db_example_com.shop.public',
      'postgres_db_example_com.shop.marts',
    ]);
    const [orders, revenue] = ofKind(records, 'table');
    expect(orders).toMatchObject({ fqn: ORDERS, description: 'Orders' });
    expect(orders?.columns.map((c) => [c.name, c.dataType, c.ordinal])).toEqual([
      ['id', 'bigint', 1],
      ['amount', 'numeric(12,2)', 2],
      ['customer_email', 'text', 3],
      ['ordered_at', 'timestamptz', 4],
    ]);
    expect(revenue?.fqn).toBe(REVENUE);
    expect(JSON.stringify(ofKind(records, 'table'))).not.toMatch(/insert into/);
  });

  it('keeps the SQL on the job: a pipeline with one task carrying it', () => {
    expect(ofKind(records, 'pipeline')).toEqual([
      expect.objectContaining({
        fqn: PIPELINE,
        description: 'Revenue per day',
        tasks: [{ name: 'shop.daily_revenue', sql: 'insert into marts.daily_revenue select ...' }],
      }),
    ]);
  });

  it('draws a table edge through the pipeline with column mappings per transformation', () => {
    expect(ofKind(records, 'lineage_edge')).toEqual([
      {
        kind: 'lineage_edge',
        from: ORDERS,
        to: REVENUE,
        source: 'openlineage',
        pipeline: PIPELINE,
        columns: [
          {
            from: [`${ORDERS}.ordered_at`],
            to: `${REVENUE}.day`,
            transformation: { type: 'DIRECT', subtype: 'TRANSFORMATION' },
          },
          {
            from: [`${ORDERS}.amount`],
            to: `${REVENUE}.revenue`,
            transformation: { type: 'DIRECT', subtype: 'AGGREGATION' },
          },
          {
            from: [`${ORDERS}.ordered_at`],
            to: `${REVENUE}.revenue`,
            transformation: { type: 'INDIRECT', subtype: 'GROUP_BY' },
          },
        ],
      },
    ]);
  });

  it('turns assertions into test cases and results at the event time (UTC)', () => {
    expect(ofKind(records, 'test_case')).toEqual([
      {
        kind: 'test_case',
        fqn: `${ORDERS}.id.not_null`,
        entity: `${ORDERS}.id`,
        testType: 'not_null',
      },
      {
        kind: 'test_case',
        fqn: `${ORDERS}.row_count_positive`,
        entity: ORDERS,
        testType: 'row_count_positive',
      },
    ]);
    expect(ofKind(records, 'test_result')).toEqual([
      {
        kind: 'test_result',
        testCase: `${ORDERS}.id.not_null`,
        timestamp: '2024-05-01T10:00:00.000Z',
        status: 'success',
      },
      {
        kind: 'test_result',
        testCase: `${ORDERS}.row_count_positive`,
        timestamp: '2024-05-01T10:00:00.000Z',
        status: 'failed',
        result: 'expected >0, actual 0',
      },
    ]);
  });

  it('maps ownership of datasets and jobs, and tags to registered tags', () => {
    expect(ofKind(records, 'ownership')).toEqual([]);
    expect(ofKind(records, 'table')[0]?.owners).toEqual([{ type: 'user', name: 'jdoe' }]);
    expect(ofKind(records, 'pipeline')[0]?.owners).toEqual([{ type: 'team', name: 'analytics' }]);
    expect(ofKind(records, 'tag').map((t) => t.fqn)).toEqual(['PII.Sensitive', 'Tier.Gold']);
    expect(ofKind(records, 'tag_label').map((l) => [l.target, l.tag.tagFqn])).toEqual([
      [`${ORDERS}.customer_email`, 'PII.Sensitive'],
      [PIPELINE, 'Tier.Gold'],
    ]);
  });

  it('writes parents before children and entities before relations', () => {
    const kinds = records.map((r) => r.kind);
    expect(kinds.indexOf('table')).toBeGreaterThan(kinds.lastIndexOf('schema'));
    expect(kinds.indexOf('lineage_edge')).toBeGreaterThan(kinds.lastIndexOf('test_case'));
  });

  it('leaves a catalogued table named without a schema facet as the catalog has it', () => {
    const event = realisticEvent() as { inputs: { facets?: unknown }[] };
    for (const input of event.inputs) delete input.facets;
    const parsed = parseOpenLineageEvent(event);
    if (!parsed.ok) throw new Error(parsed.reasons.join('; '));
    expect(tablesWithoutSchema(parsed.event)).toEqual([ORDERS]);
    const known = mapEventToRecords(parsed.event, new Set([ORDERS])).records;
    expect(ofKind(known, 'table').map((table) => table.fqn)).toEqual([REVENUE]);
    expect(ofKind(known, 'lineage_edge').map((edge) => edge.from)).toEqual([ORDERS]);
    const unknown = mapEventToRecords(parsed.event).records;
    expect(ofKind(unknown, 'table').find((table) => table.fqn === ORDERS)?.columns).toEqual([]);
  });

  it('gives identical records when the same event is replayed', () => {
    expect(mapped(realisticEvent())).toEqual({ records, notes });
  });

  it.each(['START', 'RUNNING', 'OTHER', 'FAIL', 'ABORT'])(
    'registers datasets and the job but draws no edge for %s',
    (eventType) => {
      const result = mapped(realisticEvent({ eventType })).records;
      expect(ofKind(result, 'lineage_edge')).toEqual([]);
      expect(ofKind(result, 'table')).toHaveLength(2);
      expect(ofKind(result, 'pipeline')).toHaveLength(1);
    },
  );

  it('draws edges for a run without a state and for a JobEvent', () => {
    const { eventType: _type, ...stateless } = realisticEvent();
    expect(ofKind(mapped(stateless).records, 'lineage_edge')).toHaveLength(1);
    const { run: _run, eventType: _t, ...jobEvent } = realisticEvent();
    const result = mapped(jobEvent).records;
    expect(ofKind(result, 'lineage_edge')).toHaveLength(1);
  });

  it('maps a DatasetEvent to its table only', () => {
    const event = realisticEvent();
    const [input] = event['inputs'] as Record<string, unknown>[];
    const result = mapped({
      eventTime: event['eventTime'],
      producer: event['producer'],
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent',
      dataset: { namespace: input['namespace'], name: input['name'], facets: input['facets'] },
    }).records;
    expect(ofKind(result, 'table').map((t) => t.fqn)).toEqual([ORDERS]);
    expect(ofKind(result, 'lineage_edge')).toEqual([]);
  });
});
