import {
  type DerivedColumn,
  type FromNode,
  type Resolution,
  type Scope,
  type ScopeItem,
} from './scope.js';

function ambiguous(name: string, labels: string[]): Resolution {
  return {
    status: 'error',
    message: `column reference "${name}" is ambiguous (could be ${labels.join(' or ')})`,
  };
}

/** A column of one item: listed, or vouched for by an item whose column list is incomplete. */
export function columnOf(item: ScopeItem, name: string): Resolution {
  const listed = item.columns.filter((column) => column.name === name);
  if (listed.length > 1)
    return ambiguous(
      name,
      listed.map(() => item.label),
    );
  if (listed[0] !== undefined) return { status: 'found', origins: listed[0].origins };
  if (!item.complete) return item.unlisted(name);
  return { status: 'error', message: `column ${item.label}.${name} does not exist` };
}

/**
 * An unqualified name among items of one level. A listed column wins even when other items are
 * outside the catalog: had they the column too, PostgreSQL would have rejected the query.
 */
export function lookupAmong(
  items: readonly ScopeItem[],
  name: string,
  isHidden: (item: ScopeItem) => boolean,
): Resolution {
  const visible = items.filter((item) => !isHidden(item));
  const hits = visible.filter((item) => item.columns.some((column) => column.name === name));
  if (hits.length > 1)
    return ambiguous(
      name,
      hits.map((item) => item.label),
    );
  if (hits[0] !== undefined) return columnOf(hits[0], name);
  const open = visible.filter((item) => !item.complete);
  if (open.length > 1) {
    return ambiguous(
      name,
      open.map((item) => `${item.label} (columns unknown)`),
    );
  }
  if (open[0] !== undefined) return open[0].unlisted(name);
  return { status: 'missing' };
}

function itemByName(scope: Scope, qualifier: readonly string[]): ScopeItem | undefined {
  const [table, schema] = [...qualifier].reverse();
  return scope.items.find((item) =>
    schema === undefined
      ? item.alias === table
      : item.relation?.schema === schema && item.relation.table === table,
  );
}

/** The item a qualifier names, searching outward through enclosing query levels. */
export function findItem(scope: Scope, qualifier: readonly string[]): ScopeItem | undefined {
  for (let level: Scope | null = scope; level !== null; level = level.parent) {
    const item = itemByName(level, qualifier);
    if (item !== undefined) return item;
  }
  return undefined;
}

function wholeRow(item: ScopeItem): Resolution {
  if (!item.complete) {
    return {
      status: 'error',
      message: `cannot use row ${item.label} as a value: its columns are unknown`,
    };
  }
  return {
    status: 'found',
    origins: item.columns.flatMap((column) => column.origins),
    wholeRow: true,
  };
}

/** Resolves a column reference's name parts (`col`, `t.col`, `schema.t.col`) as PostgreSQL would. */
export function resolveColumn(scope: Scope, fields: readonly string[]): Resolution {
  const name = fields[fields.length - 1];
  if (name === undefined) return { status: 'error', message: 'empty column reference' };
  const qualifier = fields.slice(0, -1);
  if (qualifier.length > 0) {
    const item = findItem(scope, qualifier);
    if (item !== undefined) return columnOf(item, name);
    return {
      status: 'error',
      message: `missing FROM-clause entry for "${qualifier.join('.')}" (column ${fields.join('.')})`,
    };
  }
  for (let level: Scope | null = scope; level !== null; level = level.parent) {
    const current = level;
    const found = lookupAmong(current.items, name, (item) => current.isHidden(item, name));
    if (found.status !== 'missing') return found;
  }
  const row = findItem(scope, [name]);
  if (row !== undefined) return wholeRow(row);
  return { status: 'error', message: `column "${name}" does not exist` };
}

/** The columns `alias.*` stands for; unknown columns are reported and left out. */
export function starOfItem(item: ScopeItem, report: (message: string) => void): DerivedColumn[] {
  if (!item.complete) {
    report(`cannot expand ${item.label}.*: its columns are unknown (add it to the catalog)`);
  }
  return item.columns;
}

/** The columns `*` stands for over one FROM entry: USING columns once, first. */
export function starOfNode(node: FromNode, report: (message: string) => void): DerivedColumn[] {
  if (node.kind === 'item') return starOfItem(node.item, report);
  const merged = node.merged?.columns ?? [];
  const mergedNames = new Set(merged.map((column) => column.name));
  const rest = [...starOfNode(node.left, report), ...starOfNode(node.right, report)];
  return [...merged, ...rest.filter((column) => !mergedNames.has(column.name))];
}
