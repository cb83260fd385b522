import type { SqlColumnOrigin } from './types.js';

export interface DerivedColumn {
  name: string;
  origins: readonly SqlColumnOrigin[];
}

export type Resolution =
  | {
      status: 'found';
      origins: readonly SqlColumnOrigin[];
      /** The reference is to a whole row, not one column. */
      wholeRow?: boolean;
      /** Attributed to a relation outside the catalog only because nothing else could have it. */
      guessed?: boolean;
    }
  | { status: 'missing' }
  | { status: 'error'; message: string };

/** The columns a query produces, with everything they derive from. */
export interface DerivedRelation {
  columns: DerivedColumn[];
  /** Influences on every row (filters, joins, grouping), all INDIRECT. */
  indirect: readonly SqlColumnOrigin[];
  /** False when `*` over a relation outside the catalog left columns unlisted. */
  complete: boolean;
  /** Origins of a column not in `columns`; only asked of incomplete relations. */
  unlisted(name: string): Resolution;
}

/** One relation visible to column references: a table, CTE, subquery, function or join alias. */
export interface ScopeItem {
  alias: string | null;
  /** Schema and table of a base relation used without an alias, for `schema.table.column`. */
  relation: { schema: string; table: string } | null;
  columns: DerivedColumn[];
  complete: boolean;
  unlisted(name: string): Resolution;
  /** Reachable only through its alias, as a join alias is: its members stay visible too. */
  qualifiedOnly: boolean;
  /** How error messages name it. */
  label: string;
}

/** FROM-clause shape, kept for `*`, which lists USING columns once and first. */
export type FromNode =
  | { kind: 'item'; item: ScopeItem }
  | { kind: 'join'; left: FromNode; right: FromNode; merged: ScopeItem | null };

/** One query level: its FROM items, its CTEs, and the enclosing level for outer references. */
export class Scope {
  readonly items: ScopeItem[] = [];
  readonly from: FromNode[] = [];
  /** Column names an item no longer answers to unqualified (USING merges them). */
  readonly hidden = new Map<ScopeItem, Set<string>>();

  constructor(
    readonly parent: Scope | null,
    readonly ctes: Map<string, DerivedRelation> = new Map(),
  ) {}

  cte(name: string): DerivedRelation | undefined {
    return this.ctes.get(name) ?? this.parent?.cte(name);
  }

  hide(item: ScopeItem, name: string): void {
    const names = this.hidden.get(item) ?? new Set<string>();
    names.add(name);
    this.hidden.set(item, names);
  }

  isHidden(item: ScopeItem, name: string): boolean {
    return item.qualifiedOnly || (this.hidden.get(item)?.has(name) ?? false);
  }

  /**
   * What a FROM-clause subquery of this level sees: this level's CTEs and outer levels, and with
   * LATERAL the items to its left.
   */
  viewForFromItem(lateral: boolean): Scope {
    const view = new Scope(this.parent, this.ctes);
    if (lateral) {
      view.items.push(...this.items);
      for (const [item, names] of this.hidden) view.hidden.set(item, new Set(names));
    }
    return view;
  }
}

export function itemsOf(node: FromNode): ScopeItem[] {
  if (node.kind === 'item') return [node.item];
  const items = [...itemsOf(node.left), ...itemsOf(node.right)];
  return node.merged === null ? items : [node.merged, ...items];
}
