import { buildFqn, parseFqn, type MetadataRecordInput } from '@almanac/sdk';

function tagFqnsIn(record: MetadataRecordInput): string[] {
  const own = 'tags' in record ? (record.tags ?? []) : [];
  const columns = record.kind === 'table' ? record.columns.flatMap((c) => c.tags ?? []) : [];
  return [...own, ...columns].map((tag) => tag.tagFqn);
}

/**
 * The classification and tag records behind every tag the other records apply: dbt tags are
 * free-form, so the connector declares them rather than expecting them to exist.
 */
export function tagRecords(
  records: readonly MetadataRecordInput[],
  classification: string,
): MetadataRecordInput[] {
  const tags = [...new Set(records.flatMap(tagFqnsIn))].filter(
    (fqn) => parseFqn(fqn)[0] === classification,
  );
  if (tags.length === 0) return [];
  return [
    {
      kind: 'classification',
      fqn: buildFqn([classification]),
      description: 'Tags declared in dbt projects.',
    },
    ...tags.map((fqn): MetadataRecordInput => ({ kind: 'tag', fqn })),
  ];
}
