import {
  documentId,
  queryTerms,
  relevanceBoost,
  type FacetField,
  type SearchDocument,
} from '@almanac/search';
import { facetKey } from './postgres-search.sql.js';

/** Words shorter than this are not kept for typo correction. */
const MIN_TERM_LENGTH = 3;

/** Every facet value of a document as a `field:value` key (field names hold no colon). */
function facetKeys(document: SearchDocument): string[] {
  const values: [FacetField, readonly (string | null | undefined)[]][] = [
    ['type', [document.type]],
    ['service', [document.service]],
    ['database', [document.database]],
    ['schema', [document.schema]],
    ['tag', document.tags ?? []],
    ['glossaryTerm', document.glossaryTerms ?? []],
    ['owner', document.owners ?? []],
    ['domain', [document.domain]],
    ['tier', [document.tier]],
    ['containsPii', [String(document.containsPii ?? false)]],
  ];
  return values.flatMap(([field, fieldValues]) =>
    fieldValues.flatMap((value) => (value ? [facetKey(field, value)] : [])),
  );
}

/** A document as the upsert statement reads it (see `upsertDocuments`). */
function toRow(document: SearchDocument) {
  return {
    doc_id: documentId(document),
    type: document.type,
    name: document.name,
    display_name: document.displayName ?? null,
    description: document.description ?? null,
    synonyms: document.synonyms ?? [],
    column_names: document.columnNames ?? [],
    column_descriptions: document.columnDescriptions ?? [],
    tags: document.tags ?? [],
    glossary_terms: document.glossaryTerms ?? [],
    boost: relevanceBoost(document),
    updated_at: document.updatedAt,
    facet_keys: facetKeys(document),
  };
}

/** The words of the documents worth correcting a misspelt query word to. */
export function vocabulary(documents: readonly SearchDocument[]): string[] {
  const words = new Set<string>();
  for (const d of documents) {
    const texts = [d.name, d.displayName ?? '', d.description ?? '', ...(d.synonyms ?? [])];
    texts.push(...(d.columnNames ?? []), ...(d.tags ?? []), ...(d.glossaryTerms ?? []));
    for (const word of queryTerms(texts.join(' '))) {
      if (word.length >= MIN_TERM_LENGTH && !/^\d+$/.test(word)) words.add(word);
    }
  }
  return [...words];
}

export type DocumentRow = ReturnType<typeof toRow>;

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The rows of a batch, in id order: two writers that share documents lock them in one order. */
export function toRows(documents: readonly SearchDocument[]): DocumentRow[] {
  return documents.map(toRow).sort((a, b) => compareText(a.doc_id, b.doc_id));
}
