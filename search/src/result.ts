import type { FacetField } from './request.js';
import type { SearchType } from './document.js';

export interface Highlight {
  /** `name`, `description`, `columns`… */
  field: string;
  /** Matched text with the matches wrapped in `<em>` and everything else HTML-escaped. */
  fragments: string[];
}

export interface SearchHit {
  fqn: string;
  type: SearchType;
  name: string;
  displayName: string | null;
  description: string | null;
  score: number;
  highlights: Highlight[];
}

export interface FacetBucket {
  value: string;
  count: number;
}

export interface Facet {
  field: FacetField;
  buckets: FacetBucket[];
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  facets: Facet[];
  /** Cursor of the next page; null on the last page. */
  endCursor: string | null;
}
