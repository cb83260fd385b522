import { buildFqn, type Owner, type TagRefInput } from '@almanac/sdk';
import type { RecordSet } from './record-set.js';

const USER_PREFIXES = ['user:'];
const TEAM_PREFIXES = ['team:', 'group:'];

function withoutPrefix(name: string, prefixes: readonly string[]): string | null {
  const prefix = prefixes.find((p) => name.toLowerCase().startsWith(p));
  return prefix === undefined ? null : name.slice(prefix.length);
}

/**
 * An OpenLineage owner name as a catalog owner: `user:jdoe` is the user `jdoe`, `team:data` and
 * `group:data` the team `data`; any other name is kept whole, as a user when it looks like an
 * e-mail address and as a team otherwise (`application:billing` is a team).
 */
export function ownerOf(name: string): Owner | null {
  const user = withoutPrefix(name, USER_PREFIXES);
  if (user) return { type: 'user', name: user };
  const team = withoutPrefix(name, TEAM_PREFIXES);
  if (team) return { type: 'team', name: team };
  if (name.trim() === '') return null;
  return { type: name.includes('@') ? 'user' : 'team', name };
}

/**
 * The catalog owners an ownership facet names, each once; they go on the entity record itself, so
 * a replayed event hashes the same and an event without the facet keeps the stored owners.
 */
export function ownersOf(
  set: RecordSet,
  target: string,
  owners: readonly { name: string }[] | undefined,
): Owner[] {
  const unique = new Map<string, Owner>();
  for (const { name } of owners ?? []) {
    const owner = ownerOf(name);
    if (owner) unique.set(`${owner.type}:${owner.name}`, owner);
    else set.note(`owner ${JSON.stringify(name)} of ${target} has no name; skipped`);
  }
  return [...unique.values()];
}

/** A key/value tag of a tags facet; `field` names a column of the dataset. */
export interface KeyValueTag {
  key: string;
  value: string;
  source?: string;
  field?: string;
}

/**
 * Adds a tag label per tag: the tag `key.value` of the classification `key` (so `PII: Sensitive`
 * is `PII.Sensitive`), registering both; a tag with a `field` labels that column.
 */
export function addTagLabels(
  set: RecordSet,
  target: string,
  tags: readonly KeyValueTag[] | undefined,
  columnFqn: (field: string) => string | null,
): void {
  for (const tag of tags ?? []) {
    if (tag.key === '' || tag.value === '') {
      set.note(`tag ${JSON.stringify(tag)} of ${target} has an empty key or value; skipped`);
      continue;
    }
    const labelTarget = tag.field === undefined ? target : columnFqn(tag.field);
    if (labelTarget === null) {
      set.note(`tag ${tag.key}=${tag.value} names an empty field of ${target}; skipped`);
      continue;
    }
    const tagFqn = buildFqn([tag.key, tag.value]);
    const ref: TagRefInput = {
      tagFqn,
      source: 'automated',
      state: 'confirmed',
      provenance: { via: 'openlineage', ...(tag.source ? { source: tag.source } : {}) },
    };
    set.add({ kind: 'classification', fqn: buildFqn([tag.key]) });
    set.add({ kind: 'tag', fqn: tagFqn });
    set.add({ kind: 'tag_label', target: labelTarget, tag: ref });
  }
}
