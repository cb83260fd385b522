'use client';

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/**
 * What the header's search box and the search page's result list share: the box moves a selection
 * through the results with the arrow keys and opens it with Enter, the list shows it. They live in
 * different parts of the tree (the layout's header, the page), so they meet in this context.
 */
export interface SearchNavigation {
  /** The selected result, -1 for none. */
  selected: number;
  /** The pages of the results on screen, in order; null for a result without a page. */
  results: readonly (string | null)[];
  /** Whether the results on screen are about to be replaced by a newer search. */
  pending: boolean;
  select: (index: number) => void;
  /** A new result list: the selection starts over. */
  setResults: (results: readonly (string | null)[]) => void;
  setPending: (pending: boolean) => void;
}

const noop = () => undefined;
const OUTSIDE: SearchNavigation = {
  selected: -1,
  results: [],
  pending: false,
  select: noop,
  setResults: noop,
  setPending: noop,
};

const SearchNavigationContext = createContext<SearchNavigation>(OUTSIDE);

export function SearchNavigationProvider({ children }: { children: ReactNode }) {
  const [selected, setSelected] = useState(-1);
  const [results, setResultList] = useState<readonly (string | null)[]>([]);
  const [pending, setPending] = useState(false);
  const select = useCallback(
    (index: number) => setSelected(Math.max(-1, Math.min(index, results.length - 1))),
    [results.length],
  );
  const setResults = useCallback((next: readonly (string | null)[]) => {
    setResultList(next);
    setSelected(-1);
  }, []);
  const value = useMemo(
    () => ({ selected, results, pending, select, setResults, setPending }),
    [selected, results, pending, select, setResults],
  );
  return (
    <SearchNavigationContext.Provider value={value}>{children}</SearchNavigationContext.Provider>
  );
}

export function useSearchNavigation(): SearchNavigation {
  return useContext(SearchNavigationContext);
}

/** The id of a result's element, for `aria-activedescendant`. */
export function resultId(index: number): string {
  return `search-result-${index}`;
}

export const RESULT_LIST_ID = 'search-results';
