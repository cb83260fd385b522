import type { MetadataRecordInput } from '@almanac/sdk';

type Input<K extends MetadataRecordInput['kind']> = Extract<MetadataRecordInput, { kind: K }>;

/** A service, database and schema: the parents every table needs. */
export function warehouse(
  service = 'shop',
  database = 'db',
  schema = 'public',
): MetadataRecordInput[] {
  return [
    { kind: 'service', fqn: service, serviceType: 'Postgres' },
    { kind: 'database', fqn: `${service}.${database}` },
    { kind: 'schema', fqn: `${service}.${database}.${schema}` },
  ];
}

export function table(fqn: string, overrides: Partial<Input<'table'>> = {}): Input<'table'> {
  return {
    kind: 'table',
    fqn,
    columns: [
      { name: 'id', dataType: 'bigint', nullable: false, constraint: 'PRIMARY_KEY' },
      { name: 'email', dataType: 'text', description: 'Customer e-mail' },
    ],
    ...overrides,
  };
}

export function classification(name: string, tags: string[]): MetadataRecordInput[] {
  return [
    { kind: 'classification', fqn: name },
    ...tags.map((tag): MetadataRecordInput => ({ kind: 'tag', fqn: `${name}.${tag}` })),
  ];
}
