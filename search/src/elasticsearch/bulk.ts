import { createHash } from 'node:crypto';
import type { estypes } from '@elastic/elasticsearch';
import { documentId, type SearchDocument, type SearchType } from '../document.js';
import { nameKey } from './keys.js';

/** A document as the index stores it: the search document plus the keys of its names. */
export interface ElasticsearchSource {
  type: SearchType;
  fqn: string;
  fqnKey: string;
  name: string;
  displayName: string | null;
  synonyms: string[];
  nameKeys: string[];
  description: string | null;
  columnNames: string[];
  columnDescriptions: string[];
  tags: string[];
  glossaryTerms: string[];
  service: string | null;
  database: string | null;
  schema: string | null;
  owners: string[];
  domain: string | null;
  tier: string | null;
  containsPii: boolean;
  usage: number | null;
  updatedAt: string;
}

/** Elasticsearch refuses `_id`s longer than 512 bytes. */
const MAX_ID_BYTES = 512;

/** A document's `_id`: its {@link documentId}, or a hash of it when that is too long for one. */
export function elasticsearchId(document: Pick<SearchDocument, 'type' | 'fqn'>): string {
  const id = documentId(document);
  if (Buffer.byteLength(id, 'utf8') <= MAX_ID_BYTES) return id;
  return `sha256:${createHash('sha256').update(id, 'utf8').digest('hex')}`;
}

const list = (values: readonly string[] | undefined): string[] => [...(values ?? [])];

export function toElasticsearchSource(document: SearchDocument): ElasticsearchSource {
  const synonyms = list(document.synonyms);
  const names = [document.name, document.displayName ?? '', ...synonyms];
  const usage = document.usage;
  return {
    type: document.type,
    fqn: document.fqn,
    fqnKey: nameKey(document.fqn),
    name: document.name,
    displayName: document.displayName ?? null,
    synonyms,
    nameKeys: [...new Set(names.map(nameKey).filter((key) => key.length > 0))],
    description: document.description ?? null,
    columnNames: list(document.columnNames),
    columnDescriptions: list(document.columnDescriptions),
    tags: list(document.tags),
    glossaryTerms: list(document.glossaryTerms),
    service: document.service ?? null,
    database: document.database ?? null,
    schema: document.schema ?? null,
    owners: list(document.owners),
    domain: document.domain ?? null,
    tier: document.tier ?? null,
    containsPii: document.containsPii ?? false,
    // log1p of a negative usage would fail the whole search.
    usage: typeof usage === 'number' && Number.isFinite(usage) ? Math.max(0, usage) : null,
    updatedAt: document.updatedAt,
  };
}

/** One line of a bulk request: an action, or the source that follows an `index` action. */
export type BulkOperation =
  | { index: estypes.BulkIndexOperation }
  | { delete: estypes.BulkDeleteOperation }
  | ElasticsearchSource;

/** `index` operations (add or replace by `_id`) for `documents`, into `index`. */
export function indexOperations(
  index: string,
  documents: readonly SearchDocument[],
): BulkOperation[] {
  return documents.flatMap((document) => [
    { index: { _index: index, _id: elasticsearchId(document) } },
    toElasticsearchSource(document),
  ]);
}

/** `delete` operations for `keys` in `index`. */
export function deleteOperations(
  index: string,
  keys: readonly Pick<SearchDocument, 'type' | 'fqn'>[],
): BulkOperation[] {
  return keys.map((key) => ({ delete: { _index: index, _id: elasticsearchId(key) } }));
}

/** Splits `items` into runs of at most `size`. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size ${size}`);
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    out.push(items.slice(start, start + size));
  return out;
}

export interface BulkFailure {
  /** Position of the failed item in the request's items. */
  item: number;
  id: string | null;
  status: number;
  reason: string;
}

/** Statuses worth sending again: the cluster was busy. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/**
 * The items of a bulk response that failed, split into those worth retrying (the cluster pushed
 * back) and those that will fail again (a mapping error, for example). Deleting a document that
 * is not there is not a failure.
 */
export function bulkFailures(response: estypes.BulkResponse): {
  retryable: BulkFailure[];
  failed: BulkFailure[];
} {
  const retryable: BulkFailure[] = [];
  const failed: BulkFailure[] = [];
  if (!response.errors) return { retryable, failed };
  response.items.forEach((entry, item) => {
    for (const [operation, result] of Object.entries(entry)) {
      if (!result?.error) continue;
      if (operation === 'delete' && result.status === 404) continue;
      const failure: BulkFailure = {
        item,
        id: result._id ?? null,
        status: result.status,
        reason: `${result.error.type}: ${result.error.reason ?? 'no reason given'}`,
      };
      (RETRYABLE_STATUSES.has(result.status) ? retryable : failed).push(failure);
    }
  });
  return { retryable, failed };
}

/**
 * The operations of the failed items, to send again: one line per `delete`, two per `index`.
 * `items` are positions in the response, which follow the order of the operations.
 */
export function operationsOfItems(
  operations: readonly BulkOperation[],
  items: readonly number[],
): BulkOperation[] {
  const wanted = new Set(items);
  const out: BulkOperation[] = [];
  let item = 0;
  for (let line = 0; line < operations.length; item += 1) {
    const lines = 'delete' in operations[line] ? 1 : 2;
    if (wanted.has(item)) out.push(...operations.slice(line, line + lines));
    line += lines;
  }
  return out;
}
