import { buildFqn, type MetadataRecordInput, type Owner } from '@almanac/sdk';
import type { DbtNode } from './artifacts/manifest.schema.js';
import type { ResolvedDbtConfig } from './dbt-config.js';

const OWNER_KEYS = ['owner', 'owners'] as const;

function namesIn(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value)) return value.flatMap(namesIn);
  return [];
}

/** Owner names from `meta.owner`/`meta.owners` and the same keys of `config.meta`. */
export function ownerNamesOf(node: DbtNode): string[] {
  const metas = [node.meta, node.config?.meta ?? {}];
  return [...new Set(metas.flatMap((meta) => OWNER_KEYS.flatMap((key) => namesIn(meta[key]))))];
}

export function ownerOf(name: string, config: ResolvedDbtConfig): Owner {
  return { type: config.ownerTypes[name] ?? (name.includes('@') ? 'user' : 'team'), name };
}

export function ownersField(
  names: readonly string[],
  config: ResolvedDbtConfig,
): { owners?: Owner[] } {
  return names.length > 0 ? { owners: names.map((name) => ownerOf(name, config)) } : {};
}

/** A user or team record for every owner the other records name, so the owners exist. */
export function ownerRecords(records: readonly MetadataRecordInput[]): MetadataRecordInput[] {
  const owners = new Map<string, Owner>();
  for (const record of records) {
    if (!('owners' in record)) continue;
    for (const owner of record.owners ?? []) owners.set(`${owner.type}:${owner.name}`, owner);
  }
  return [...owners.values()].map((owner) => ({ kind: owner.type, fqn: buildFqn([owner.name]) }));
}
