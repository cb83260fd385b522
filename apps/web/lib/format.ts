/** Small pure helpers for rendering catalog data; no React, no Next, so they are easy to test. */

/** The asset page for an FQN. FQNs contain dots and quotes, so they travel URL-encoded in the query. */
export function assetHref(fqn: string, type?: string | null): string {
  const params = new URLSearchParams({ fqn });
  if (type) params.set('type', type);
  return `/asset?${params.toString()}`;
}

export interface AssetsQuery {
  type?: string | null;
  after?: string | null;
  first?: number | null;
}

/** The asset list, optionally filtered by type, with a page size, starting after a cursor. */
export function assetsHref({ type, after, first }: AssetsQuery = {}): string {
  const params = new URLSearchParams();
  if (type) params.set('type', type);
  if (first) params.set('first', String(first));
  if (after) params.set('after', after);
  const search = params.toString();
  return search ? `/assets?${search}` : '/assets';
}

/** A page size from the query string: a whole number from 1 to `max`, else the default. */
export function pageSize(value: string | undefined, fallback: number, max = 500): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) return fallback;
  return Math.min(parsed, max);
}

/** A value from a version diff, readable in one line: strings as they are, anything else as JSON. */
export function formatChangeValue(value: unknown): string {
  if (value === undefined || value === null) return '∅';
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return JSON.stringify(value);
}

/** Versions go up by 0.1 for minor changes and 1.0 for major ones: always show one decimal. */
export function formatVersion(version: number): string {
  return version.toFixed(1);
}

/** An ISO timestamp as "2025-11-21 19:27 UTC". */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The first value of a search parameter that may be repeated. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The tabs of the asset page. */
export const ASSET_TABS = ['overview', 'lineage', 'impact'] as const;
export type AssetTab = (typeof ASSET_TABS)[number];

/** The tab named in the query string, or the overview. */
export function assetTab(value: string | undefined): AssetTab {
  return ASSET_TABS.find((tab) => tab === value) ?? 'overview';
}

/** How far the lineage graph and the impact report reach: the API accepts 0 to 10 hops. */
export const MAX_LINEAGE_DEPTH = 10;
export const DEFAULT_LINEAGE_DEPTH = 3;

/** A depth from the query string: a whole number from 0 to 10, else the default. */
export function lineageDepth(value: string | undefined, fallback = DEFAULT_LINEAGE_DEPTH): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) return fallback;
  return Math.min(parsed, MAX_LINEAGE_DEPTH);
}

export interface AssetTabQuery {
  type?: string | null;
  upstream?: number;
  downstream?: number;
  depth?: number;
}

/** A tab of the asset page, keeping the asset's type and the tab's depths in the URL. */
export function assetTabHref(fqn: string, tab: AssetTab, query: AssetTabQuery = {}): string {
  const params = new URLSearchParams({ fqn });
  if (query.type) params.set('type', query.type);
  if (tab !== 'overview') params.set('tab', tab);
  if (query.upstream !== undefined) params.set('upstream', String(query.upstream));
  if (query.downstream !== undefined) params.set('downstream', String(query.downstream));
  if (query.depth !== undefined) params.set('depth', String(query.depth));
  return `/asset?${params.toString()}`;
}

/** The impact report of an asset as a CSV download, served by the web app on the user's session. */
export function impactCsvHref(fqn: string, depth: number): string {
  return `/impact.csv?${new URLSearchParams({ fqn, depth: String(depth) }).toString()}`;
}
