/** A table-level edge as the catalog stores it. */
export interface LineageEdge {
  id: string;
  from: string;
  to: string;
  /** The pipeline that moves the data, when known. */
  pipeline: string | null;
  /** Where the edge was learned: sql, dbt, openlineage, pipeline or manual. */
  source: string;
}

/** A column-level mapping inside a table-level edge. */
export interface ColumnEdge {
  edgeId: string;
  from: string;
  to: string;
  transformation: { type: string; subtype?: string } | null;
}

/** Read access to stored lineage, one hop at a time; implemented over the catalog database. */
export interface LineageStore {
  /** Edges leaving any of these tables (downstream). */
  edgesFrom(fqns: readonly string[]): Promise<LineageEdge[]>;
  /** Edges entering any of these tables (upstream). */
  edgesTo(fqns: readonly string[]): Promise<LineageEdge[]>;
  /** Column mappings of these edges. */
  columnEdges(edgeIds: readonly string[]): Promise<ColumnEdge[]>;
  /** Column mappings reading any of these columns. */
  columnEdgesFrom(columns: readonly string[]): Promise<ColumnEdge[]>;
  /** Column mappings writing any of these columns. */
  columnEdgesTo(columns: readonly string[]): Promise<ColumnEdge[]>;
}

export const DEFAULT_LINEAGE_DEPTH = 3;
export const MAX_LINEAGE_DEPTH = 10;

export class LineageDepthError extends Error {
  override name = 'LineageDepthError';
}

/** Checks a requested depth: a whole number from 0 to MAX_LINEAGE_DEPTH. */
export function lineageDepth(value: number | undefined, what: string): number {
  const depth = value ?? DEFAULT_LINEAGE_DEPTH;
  if (!Number.isInteger(depth) || depth < 0 || depth > MAX_LINEAGE_DEPTH)
    throw new LineageDepthError(
      `${what} must be a whole number from 0 to ${MAX_LINEAGE_DEPTH}, got ${String(value)}`,
    );
  return depth;
}
