import { validRecords } from '../test/fixtures.js';
import {
  ENTITY_KINDS,
  RECORD_KINDS,
  RECORD_SCHEMAS,
  isEntityKind,
  isRecordKind,
  metadataRecordSchema,
  recordKey,
  type MetadataRecord,
} from './records.js';
import { formatIssues } from './validate.js';

function problems(value: unknown): string {
  const result = metadataRecordSchema.safeParse(value);
  if (result.success) throw new Error('expected the record to be rejected');
  return formatIssues(result.error.issues);
}

function parse(value: unknown): MetadataRecord {
  return metadataRecordSchema.parse(value);
}

describe('record kinds', () => {
  it('lists every kind once, entity kinds included', () => {
    expect(RECORD_KINDS).toHaveLength(17);
    expect(new Set(RECORD_KINDS).size).toBe(17);
    expect(ENTITY_KINDS.every((kind) => RECORD_KINDS.includes(kind))).toBe(true);
    expect([...ENTITY_KINDS].sort()).toEqual(
      RECORD_KINDS.filter((kind) => 'fqn' in RECORD_SCHEMAS[kind].shape).sort(),
    );
  });

  it('recognises kinds', () => {
    expect(isRecordKind('table')).toBe(true);
    expect(isRecordKind('toString')).toBe(false);
    expect(isRecordKind(3)).toBe(false);
    expect(isEntityKind('test_case')).toBe(true);
    expect(isEntityKind('lineage_edge')).toBe(false);
  });
});

describe('metadataRecordSchema', () => {
  it.each(Object.entries(validRecords))('accepts a valid %s record', (kind, record) => {
    expect(parse(record).kind).toBe(kind);
  });

  it('applies defaults', () => {
    const table = parse(validRecords.table);
    if (table.kind !== 'table') throw new Error('expected a table');
    expect(table.tableType).toBe('Regular');
    expect(table.columns.map((column) => column.nullable)).toEqual([false, true, true]);
    expect(table.tags).toEqual([{ tagFqn: 'PII.Sensitive', source: 'manual', state: 'confirmed' }]);
    expect(table.columns[2]?.tags).toEqual([
      { tagFqn: 'PII.Email', source: 'automated', state: 'confirmed' },
    ]);
  });

  it('rewrites FQNs in canonical form', () => {
    const schema = parse({ kind: 'schema', fqn: '"pg"."shop"."public"' });
    expect(schema.kind === 'schema' && schema.fqn).toBe('pg.shop.public');
    const user = parse(validRecords.user);
    expect(user.kind === 'user' && user.fqn).toBe('"jane.doe"');
  });

  it('rejects an unknown kind', () => {
    expect(problems({ kind: 'widget', fqn: 'a' })).toContain('Invalid discriminator value');
  });

  it('rejects unknown fields, naming them', () => {
    expect(problems({ ...validRecords.database, colour: 'red', size: 3 })).toBe(
      'Unrecognized keys: "colour", "size"',
    );
    expect(
      problems({
        ...validRecords.table,
        columns: [{ name: 'id', dataType: 'int', primary: true }],
      }),
    ).toBe('columns.0: Unrecognized key: "primary"');
  });

  it('reports invalid FQNs with the parse error', () => {
    expect(problems({ kind: 'table', fqn: 'pg..public.orders', columns: [] })).toBe(
      'fqn: Invalid FQN "pg..public.orders": empty part at position 3 (consecutive dots)',
    );
    expect(problems({ ...validRecords.tag_label, target: 'a."b' })).toBe(
      'target: Invalid FQN "a.\\"b": unterminated quote starting at position 2',
    );
  });

  it.each([
    [
      { kind: 'service', fqn: 'pg.shop', serviceType: 'Postgres' },
      'fqn: expected a service FQN with 1 part (service), got 2',
    ],
    [
      { kind: 'database', fqn: 'pg' },
      'fqn: expected a database FQN with 2 parts (service.database), got 1',
    ],
    [
      { kind: 'schema', fqn: 'pg.shop' },
      'fqn: expected a schema FQN with 3 parts (service.database.schema), got 2',
    ],
    [
      { kind: 'table', fqn: 'pg.shop.public', columns: [] },
      'fqn: expected a table FQN with 4 parts (service.database.schema.table), got 3',
    ],
    [
      { kind: 'pipeline', fqn: 'airflow', tasks: [] },
      'fqn: expected a pipeline FQN with 2 parts (service.pipeline), got 1',
    ],
    [
      { kind: 'dashboard', fqn: 'a.b.c', charts: [] },
      'fqn: expected a dashboard FQN with 2 parts (service.dashboard), got 3',
    ],
    [
      { kind: 'classification', fqn: 'PII.x' },
      'fqn: expected a classification FQN with 1 part (classification), got 2',
    ],
    [
      { kind: 'tag', fqn: 'PII' },
      'fqn: expected a tag FQN with 2 parts (classification.tag), got 1',
    ],
    [{ kind: 'user', fqn: 'jane.doe' }, 'fqn: expected a user FQN with 1 part (user), got 2'],
    [{ kind: 'team', fqn: 'a.b' }, 'fqn: expected a team FQN with 1 part (team), got 2'],
    [{ kind: 'domain', fqn: 'a.b' }, 'fqn: expected a domain FQN with 1 part (domain), got 2'],
    [
      {
        kind: 'test_case',
        fqn: 'pg.shop.public.orders',
        entity: 'pg.shop.public.orders',
        testType: 'x',
      },
      'fqn: expected a test case FQN with at least 5 parts (tested table or column FQN + test name), got 4',
    ],
  ])('checks the FQN depth of %j', (record, message) => {
    expect(problems(record)).toBe(message);
  });

  it('checks FQN depth of reference fields', () => {
    expect(problems({ ...validRecords.database, tier: 'Tier1' })).toBe(
      'tier: expected a tag FQN with 2 parts (classification.tag), got 1',
    );
    expect(problems({ ...validRecords.lineage_edge, pipeline: 'daily_orders', columns: [] })).toBe(
      'pipeline: expected a pipeline FQN with 2 parts (service.pipeline), got 1',
    );
    expect(problems({ ...validRecords.glossary_link, term: 'Order' })).toBe(
      'term: expected a glossary term FQN with at least 2 parts (glossary.term), got 1',
    );
  });

  it('rejects duplicate column names, naming the column', () => {
    const columns = [
      { name: 'id', dataType: 'int' },
      { name: 'name', dataType: 'text' },
      { name: 'id', dataType: 'bigint' },
    ];
    expect(problems({ ...validRecords.table, columns })).toBe(
      'columns.2.name: duplicate column name "id" (first at index 0)',
    );
  });

  it('rejects duplicate task and chart names', () => {
    const tasks = [{ name: 'a' }, { name: 'a' }];
    expect(problems({ ...validRecords.pipeline, tasks })).toBe(
      'tasks.1.name: duplicate task name "a" (first at index 0)',
    );
  });

  it('reports type errors with their path', () => {
    const columns = [
      { name: 'a', dataType: 'int' },
      { name: 'b', dataType: 'int' },
      { name: 'c', dataType: 42 },
    ];
    expect(problems({ ...validRecords.table, columns, rowCount: -1 })).toBe(
      'columns.2.dataType: Invalid input: expected string, received number; rowCount: Too small: expected number to be >=0',
    );
  });

  it('validates emails, enums, confidences and timestamps', () => {
    expect(problems({ ...validRecords.user, email: 'jane' })).toBe('email: Invalid email address');
    expect(problems({ ...validRecords.table, tableType: 'Table' })).toContain(
      'tableType: Invalid option',
    );
    expect(
      problems({ ...validRecords.tag_label, tag: { tagFqn: 'PII.Email', confidence: 1.5 } }),
    ).toBe('tag.confidence: Too big: expected number to be <=1');
    expect(problems({ ...validRecords.test_result, timestamp: '2024-06-11T08:30:00' })).toBe(
      'timestamp: Invalid ISO datetime',
    );
    expect(parse({ ...validRecords.test_result, timestamp: '2024-06-11T06:30:00.123Z' }).kind).toBe(
      'test_result',
    );
  });

  it('requires a test case FQN to extend the tested entity', () => {
    expect(problems({ ...validRecords.test_case, entity: 'pg.shop.public.customers' })).toBe(
      'fqn: test case FQN must be the tested entity FQN plus the test name: "pg.shop.public.orders.id" is not "pg.shop.public.customers"',
    );
    const onTable = parse({
      ...validRecords.test_case,
      fqn: 'pg.shop.public.orders.row_count_between',
      entity: 'pg.shop.public.orders',
    });
    expect(onTable.kind).toBe('test_case');
  });

  it('requires column lineage to connect columns of the edge tables', () => {
    const columns = [{ from: ['pg.shop.public.customers.id'], to: 'pg.shop.public.orders.id' }];
    expect(problems({ ...validRecords.lineage_edge, columns })).toBe(
      'columns.0.from.0: column "pg.shop.public.customers.id" is not a column of the source table "pg.shop.public.orders"; ' +
        'columns.0.to: column "pg.shop.public.orders.id" is not a column of the target "pg.shop.analytics.orders_daily"',
    );
  });

  it('lets a table feed a dashboard, without column lineage, but not a schema', () => {
    const toDashboard = { ...validRecords.lineage_edge, to: 'looker.revenue', columns: [] };
    expect(parse(toDashboard)).toMatchObject({ kind: 'lineage_edge', to: 'looker.revenue' });
    expect(
      problems({
        ...toDashboard,
        columns: [{ from: ['pg.shop.public.orders.id'], to: 'pg.shop.analytics.orders_daily.id' }],
      }),
    ).toBe(
      'columns.0.to: column "pg.shop.analytics.orders_daily.id" is not a column of the target "looker.revenue"',
    );
    expect(problems({ ...validRecords.lineage_edge, to: 'pg.shop.public' })).toBe(
      'to: expected a table or dashboard FQN (service.database.schema.table or service.dashboard), got 3 parts',
    );
  });

  it('accepts JSON attributes and rejects non-JSON values', () => {
    expect(problems({ ...validRecords.domain, attributes: { when: new Date(0) } })).toContain(
      'attributes.when',
    );
  });
});

describe('recordKey', () => {
  it.each([
    ['service', 'pg'],
    ['table', 'pg.shop.public.orders'],
    ['user', '"jane.doe"'],
    ['test_case', 'pg.shop.public.orders.id.id_not_null'],
    [
      'lineage_edge',
      'lineage_edge:pg.shop.public.orders->pg.shop.analytics.orders_daily@airflow.daily_orders',
    ],
    ['tag_label', 'tag_label:pg.shop.public.orders.email#PII.Email'],
    ['glossary_link', 'glossary_link:pg.shop.public.orders#Business.Order'],
    ['ownership', 'ownership:pg.shop.public.orders'],
    ['test_result', 'test_result:pg.shop.public.orders.id.id_not_null@2024-06-11T08:30:00+02:00'],
  ] as const)('identifies a %s record', (kind, key) => {
    expect(recordKey(parse(validRecords[kind]))).toBe(key);
  });

  it('leaves the pipeline empty for direct lineage', () => {
    const direct = { ...validRecords.lineage_edge, source: 'sql', pipeline: undefined };
    expect(recordKey(parse(direct))).toBe(
      'lineage_edge:pg.shop.public.orders->pg.shop.analytics.orders_daily@',
    );
  });
});

describe('cross-field checks on otherwise invalid records', () => {
  it('report only the field problems', () => {
    expect(problems({ ...validRecords.test_case, fqn: 'a..b' })).toBe(
      'fqn: Invalid FQN "a..b": empty part at position 2 (consecutive dots)',
    );
    expect(problems({ ...validRecords.lineage_edge, from: 'x' })).toBe(
      'from: expected a table FQN with 4 parts (service.database.schema.table), got 1',
    );
    expect(
      problems({
        ...validRecords.lineage_edge,
        columns: [{ from: ['a.b'], to: 'pg.shop.analytics.orders_daily.x' }],
      }),
    ).toBe(
      'columns.0.from.0: expected a column FQN with at least 5 parts (service.database.schema.table.column), got 2',
    );
  });
});
