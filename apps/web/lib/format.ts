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
