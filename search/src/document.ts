/** What the catalog indexes: one document per searchable asset, column or governance object. */

export const SEARCH_TYPES = [
  'table',
  'view',
  'column',
  'pipeline',
  'dashboard',
  'tag',
  'user',
  'team',
  'glossary_term',
] as const;

export type SearchType = (typeof SEARCH_TYPES)[number];

export interface SearchDocument {
  type: SearchType;
  fqn: string;
  name: string;
  displayName?: string | null;
  /** Other names the asset is known by: glossary synonyms, for example. */
  synonyms?: readonly string[];
  description?: string | null;
  /** For tables and views: the names and descriptions of their columns. */
  columnNames?: readonly string[];
  columnDescriptions?: readonly string[];
  /** Tag FQNs, such as `PII.Sensitive`. */
  tags?: readonly string[];
  /** Glossary term FQNs linked to the asset. */
  glossaryTerms?: readonly string[];
  service?: string | null;
  database?: string | null;
  schema?: string | null;
  /** Owner names. */
  owners?: readonly string[];
  domain?: string | null;
  /** `Tier.Tier1` … `Tier.Tier5`. */
  tier?: string | null;
  containsPii?: boolean;
  /** How often the asset is used (queries, views); higher ranks higher where known. */
  usage?: number | null;
  /** ISO timestamp of the last change. */
  updatedAt: string;
}

/** A document's identity in every index. */
export function documentId(document: Pick<SearchDocument, 'type' | 'fqn'>): string {
  return `${document.type}:${document.fqn}`;
}
