/** One changed field in OpenMetadata's change-description shape. */
export interface FieldChange {
  name: string;
  oldValue?: unknown;
  newValue?: unknown;
}

export interface ChangeDescription {
  fieldsAdded: FieldChange[];
  fieldsUpdated: FieldChange[];
  fieldsDeleted: FieldChange[];
  previousVersion: number | null;
}

export interface SpecDiff {
  changes: Omit<ChangeDescription, 'previousVersion'>;
  /** A change that can break a consumer: a dropped column or a changed column type. */
  breaking: boolean;
}

type Json = unknown;

interface NamedItem {
  name: string;
  [key: string]: Json;
}

function isPlainObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNamedList(value: Json): value is NamedItem[] {
  return (
    Array.isArray(value) &&
    value.every((item) => isPlainObject(item) && typeof item['name'] === 'string')
  );
}

function sameJson(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function diffInto(path: string, before: Json, after: Json, out: SpecDiff): void {
  if (sameJson(before, after)) return;
  if (before === undefined) {
    out.changes.fieldsAdded.push({ name: path, newValue: after });
    return;
  }
  if (after === undefined) {
    out.changes.fieldsDeleted.push({ name: path, oldValue: before });
    return;
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    diffObjects(path, before, after, out);
    return;
  }
  if (isNamedList(before) && isNamedList(after) && (before.length > 0 || after.length > 0)) {
    diffNamedLists(path, before, after, out);
    return;
  }
  out.changes.fieldsUpdated.push({ name: path, oldValue: before, newValue: after });
}

function diffObjects(
  path: string,
  before: Record<string, Json>,
  after: Record<string, Json>,
  out: SpecDiff,
): void {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of [...keys].sort()) {
    diffInto(path ? `${path}.${key}` : key, before[key], after[key], out);
  }
}

function diffNamedLists(
  path: string,
  before: NamedItem[],
  after: NamedItem[],
  out: SpecDiff,
): void {
  const oldByName = new Map(before.map((item) => [item.name, item]));
  const newByName = new Map(after.map((item) => [item.name, item]));
  for (const [name, oldItem] of oldByName) {
    const newItem = newByName.get(name);
    const itemPath = `${path}.${name}`;
    if (!newItem) {
      out.changes.fieldsDeleted.push({ name: itemPath, oldValue: oldItem });
      if (path === 'columns') out.breaking = true;
      continue;
    }
    if (path === 'columns' && oldItem['dataType'] !== newItem['dataType']) out.breaking = true;
    diffObjects(itemPath, oldItem, newItem, out);
  }
  for (const [name, newItem] of newByName) {
    if (!oldByName.has(name))
      out.changes.fieldsAdded.push({ name: `${path}.${name}`, newValue: newItem });
  }
}

/**
 * Compares two versions of an entity's specification field by field. Lists of named items
 * (columns, tasks, charts) are matched by name, so reordering is not reported as a change.
 */
export function diffSpecs(before: Record<string, Json>, after: Record<string, Json>): SpecDiff {
  const out: SpecDiff = {
    changes: { fieldsAdded: [], fieldsUpdated: [], fieldsDeleted: [] },
    breaking: false,
  };
  diffObjects('', before, after, out);
  return out;
}

/** OpenMetadata's numbering: +0.1 for a compatible change, +1.0 for a breaking one. */
export function nextVersion(current: number, breaking: boolean): number {
  return Math.round((current + (breaking ? 1 : 0.1)) * 10) / 10;
}

export const INITIAL_VERSION = 0.1;

export function hasChanges(diff: SpecDiff): boolean {
  const { fieldsAdded, fieldsUpdated, fieldsDeleted } = diff.changes;
  return fieldsAdded.length + fieldsUpdated.length + fieldsDeleted.length > 0;
}
