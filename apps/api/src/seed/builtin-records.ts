import { BUILTIN_CLASSIFICATIONS } from '@almanac/policies';
import type { MetadataRecordInput } from '@almanac/sdk';

export const BUILTIN_SOURCE = 'almanac-builtin';

/** The built-in classifications as metadata records. */
export function builtinRecords(): MetadataRecordInput[] {
  return BUILTIN_CLASSIFICATIONS.flatMap((classification): MetadataRecordInput[] => [
    { kind: 'classification', fqn: classification.name, description: classification.description },
    ...classification.tags.map((tag): MetadataRecordInput => ({
      kind: 'tag',
      fqn: `${classification.name}.${tag.name}`,
      description: tag.description,
    })),
  ]);
}
