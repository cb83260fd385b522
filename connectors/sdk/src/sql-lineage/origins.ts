import type { DirectSubtype, IndirectSubtype, SqlColumnOrigin } from './types.js';

/** How an expression's value is used by the expression around it. */
export type Usage =
  { type: 'DIRECT'; subtype: DirectSubtype } | { type: 'INDIRECT'; subtype: IndirectSubtype };

export const IDENTITY: Usage = { type: 'DIRECT', subtype: 'IDENTITY' };

const DIRECT_RANK: Record<DirectSubtype, number> = {
  IDENTITY: 0,
  TRANSFORMATION: 1,
  AGGREGATION: 2,
};

export function indirect(subtype: IndirectSubtype): Usage {
  return { type: 'INDIRECT', subtype };
}

/** A direct usage raised to at least `subtype`; an indirect usage is kept. */
export function promote(usage: Usage, subtype: DirectSubtype): Usage {
  if (usage.type === 'INDIRECT' || DIRECT_RANK[usage.subtype] >= DIRECT_RANK[subtype]) return usage;
  return { type: 'DIRECT', subtype };
}

/**
 * The usage of a sub-expression that only influences its parent (a CASE condition, a window key).
 * Inside an expression that is itself only an influence (a WHERE clause), the outer role wins.
 */
export function nested(usage: Usage, subtype: IndirectSubtype): Usage {
  return usage.type === 'INDIRECT' ? usage : indirect(subtype);
}

export function baseOrigin(table: string, column: string): SqlColumnOrigin {
  return { table, column, type: 'DIRECT', subtype: 'IDENTITY' };
}

/**
 * An origin seen through one more level of use. Indirect origins stay what they were at their own
 * query level; direct ones take the usage's role, keeping the stronger of two direct subtypes.
 */
export function through(origin: SqlColumnOrigin, usage: Usage): SqlColumnOrigin {
  if (origin.type === 'INDIRECT') return origin;
  const { table, column } = origin;
  if (usage.type === 'INDIRECT') return { table, column, type: 'INDIRECT', subtype: usage.subtype };
  const subtype =
    DIRECT_RANK[usage.subtype] > DIRECT_RANK[origin.subtype] ? usage.subtype : origin.subtype;
  return { table, column, type: 'DIRECT', subtype };
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

export function compareOrigins(a: SqlColumnOrigin, b: SqlColumnOrigin): number {
  return (
    compareText(a.type, b.type) ||
    compareText(a.table, b.table) ||
    compareText(a.column, b.column) ||
    compareText(a.subtype, b.subtype)
  );
}

function originKey(origin: SqlColumnOrigin): string {
  return JSON.stringify([origin.type, origin.subtype, origin.table, origin.column]);
}

/** A duplicate-free collection of origins. */
export class OriginSet implements Iterable<SqlColumnOrigin> {
  private readonly byKey = new Map<string, SqlColumnOrigin>();

  add(origin: SqlColumnOrigin): void {
    this.byKey.set(originKey(origin), origin);
  }

  addAll(origins: Iterable<SqlColumnOrigin>): void {
    for (const origin of origins) this.add(origin);
  }

  addVia(origins: Iterable<SqlColumnOrigin>, usage: Usage): void {
    for (const origin of origins) this.add(through(origin, usage));
  }

  [Symbol.iterator](): Iterator<SqlColumnOrigin> {
    return this.byKey.values();
  }

  sorted(): SqlColumnOrigin[] {
    return [...this.byKey.values()].sort(compareOrigins);
  }
}

export function mergeOrigins(...groups: Iterable<SqlColumnOrigin>[]): SqlColumnOrigin[] {
  const set = new OriginSet();
  for (const group of groups) set.addAll(group);
  return set.sorted();
}

/** A stable fingerprint of a column list, to detect when recursive CTE resolution settles. */
export function signature(
  columns: readonly { name: string; origins: readonly SqlColumnOrigin[] }[],
): string {
  return JSON.stringify(columns.map((column) => [column.name, column.origins.map(originKey)]));
}
