import type { Metadata } from 'next';
import Link from 'next/link';
import { ErrorMessage } from '../../../components/tags';
import {
  SEARCH,
  type SearchData,
  type SearchResults,
  type SearchVariables,
} from '../../../lib/queries';
import { hitHref } from '../../../lib/search-hits';
import {
  filterInputs,
  parseSearchParams,
  searchHref,
  type SearchSort,
  type SearchState,
} from '../../../lib/search-params';
import { query } from '../../../lib/session';
import { FacetList } from './facet-list';
import { ResultList, ResultOption } from './result-list';
import { SortSelect } from './search-controls';
import { SearchHitView } from './search-hit';

const PAGE_SIZE = 20;

interface SearchProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ searchParams }: SearchProps): Promise<Metadata> {
  const q = parseSearchParams(await searchParams).q.trim();
  return { title: q ? `Search: ${q}` : 'Search' };
}

/**
 * Search results for the state in the URL. The header's search box is this page's input: it
 * rewrites `q` as the user types, and this server component renders the answer.
 */
export default async function SearchPage({ searchParams }: SearchProps) {
  const state = parseSearchParams(await searchParams);
  const q = state.q.trim();
  const result = await query<SearchData, SearchVariables>(SEARCH, {
    query: q,
    types: state.types,
    filters: filterInputs(state.filters),
    sort: state.sort,
    first: PAGE_SIZE,
    after: state.after,
  });
  return (
    <>
      <h1>{q ? <>Search results for “{q}”</> : 'Search'}</h1>
      <p className="muted search-hint">
        <kbd>/</kbd> focuses the search box from any page; <kbd>↓</kbd> <kbd>↑</kbd> choose a
        result, <kbd>Enter</kbd> opens it, <kbd>Esc</kbd> clears the search.
      </p>
      {result.ok ? (
        <Results state={state} results={result.data.search} />
      ) : (
        <ErrorMessage message={result.error.message} />
      )}
    </>
  );
}

function Results({ state, results }: { state: SearchState; results: SearchResults }) {
  const { total, hits, facets, endCursor } = results;
  const sortHref = (sort: SearchSort) => searchHref({ ...state, sort, after: null });
  const sortHrefs: Record<SearchSort, string> = {
    relevance: sortHref('relevance'),
    name: sortHref('name'),
    updated: sortHref('updated'),
  };
  return (
    <div className="search-layout">
      <FacetList facets={facets} state={state} />
      <section className="search-results" aria-label="Results">
        <div className="search-toolbar">
          <p className="count" data-testid="search-total">
            {total} {total === 1 ? 'result' : 'results'}
          </p>
          <SortSelect current={state.sort} hrefs={sortHrefs} />
        </div>
        {hits.length === 0 ? (
          <p className="muted" data-testid="search-empty">
            Nothing found{state.q.trim() && <> for “{state.q.trim()}”</>}.
          </p>
        ) : (
          <ResultList hrefs={hits.map(hitHref)}>
            {hits.map((hit, index) => (
              <ResultOption
                key={`${hit.type}:${hit.fqn}`}
                index={index}
                fqn={hit.fqn}
                type={hit.type}
              >
                <SearchHitView hit={hit} />
              </ResultOption>
            ))}
          </ResultList>
        )}
        <nav className="pager" aria-label="Pages">
          {state.after && <Link href={searchHref({ ...state, after: null })}>First page</Link>}
          {endCursor && <Link href={searchHref({ ...state, after: endCursor })}>Next page</Link>}
        </nav>
      </section>
    </div>
  );
}
