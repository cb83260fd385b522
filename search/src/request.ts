import { z } from 'zod';
import { SEARCH_TYPES } from './document.js';

/** The fields results can be faceted and filtered by. */
export const FACET_FIELDS = [
  'type',
  'service',
  'database',
  'schema',
  'tag',
  'glossaryTerm',
  'owner',
  'domain',
  'tier',
  'containsPii',
] as const;

export type FacetField = (typeof FACET_FIELDS)[number];

export const SEARCH_SORTS = ['relevance', 'name', 'updated'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** Longer queries are refused: no one types them, and they only cost. */
export const MAX_QUERY_LENGTH = 500;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** Buckets returned per facet. */
export const FACET_BUCKETS = 20;

const filterSchema = z.strictObject({
  field: z.enum(FACET_FIELDS, {
    error: (issue) =>
      `unknown facet ${JSON.stringify(issue.input)}: facets are ${FACET_FIELDS.join(', ')}`,
  }),
  values: z.array(z.string().min(1).max(1000)).min(1).max(100),
});

export const searchRequestSchema = z.strictObject({
  query: z
    .string()
    .max(MAX_QUERY_LENGTH, `the query is longer than ${MAX_QUERY_LENGTH} characters`)
    .default(''),
  types: z
    .array(
      z.enum(SEARCH_TYPES, {
        error: (issue) =>
          `unknown type ${JSON.stringify(issue.input)}: types are ${SEARCH_TYPES.join(', ')}`,
      }),
    )
    .default([]),
  filters: z.array(filterSchema).max(20).default([]),
  sort: z.enum(SEARCH_SORTS).default('relevance'),
  first: z
    .number()
    .int()
    .min(1, 'first must be at least 1')
    .max(MAX_PAGE_SIZE, `first must be at most ${MAX_PAGE_SIZE}`)
    .default(DEFAULT_PAGE_SIZE),
  /** Opaque cursor from a previous page's `endCursor`. */
  after: z.string().max(200).nullish(),
});

export type SearchRequestInput = z.input<typeof searchRequestSchema>;
export type SearchRequest = z.output<typeof searchRequestSchema>;

/** Values a request filters a facet by; filters on the same field combine with OR, fields with AND. */
export function filterValues(request: SearchRequest, field: FacetField): string[] {
  return request.filters.filter((f) => f.field === field).flatMap((f) => f.values);
}

/** The offset a cursor stands for; cursors are offsets so that both drivers page the same way. */
export function decodeCursor(after: string | null | undefined): number {
  if (!after) return 0;
  const match = /^o:(\d{1,7})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  if (!match) throw new SearchInputError(`invalid cursor ${JSON.stringify(after)}`);
  return Number(match[1]);
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url');
}

/** Bad input to a search: the message names what is wrong. */
export class SearchInputError extends Error {
  override readonly name = 'SearchInputError';
}

/** Validates a request, throwing {@link SearchInputError} with every problem named. */
export function parseSearchRequest(input: unknown): SearchRequest {
  const parsed = searchRequestSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) =>
    issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
  );
  throw new SearchInputError(`invalid search: ${problems.join('; ')}`);
}
