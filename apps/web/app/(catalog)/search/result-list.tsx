'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import {
  RESULT_LIST_ID,
  resultId,
  useSearchNavigation,
} from '../../../components/search-navigation';

/**
 * The results, as the list the header's search box moves through. `hrefs` are the results' pages
 * in order; a new list resets the selection.
 */
export function ResultList({
  hrefs,
  children,
}: {
  hrefs: readonly (string | null)[];
  children: ReactNode;
}) {
  const { setResults, pending } = useSearchNavigation();
  // The server sends a new array with every render; compare by content.
  const key = JSON.stringify(hrefs);
  useEffect(() => {
    setResults(JSON.parse(key) as (string | null)[]);
    return () => setResults([]);
  }, [key, setResults]);
  return (
    <ol
      id={RESULT_LIST_ID}
      className={pending ? 'hits stale' : 'hits'}
      role="listbox"
      aria-label="Search results"
      aria-busy={pending}
      data-testid="search-hits"
    >
      {children}
    </ol>
  );
}

/** One result; selected from the search box with the arrow keys. */
export function ResultOption({
  index,
  fqn,
  type,
  children,
}: {
  index: number;
  fqn: string;
  type: string;
  children: ReactNode;
}) {
  const { selected } = useSearchNavigation();
  const isSelected = selected === index;
  const item = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (isSelected) item.current?.scrollIntoView({ block: 'nearest' });
  }, [isSelected]);
  return (
    <li
      ref={item}
      id={resultId(index)}
      role="option"
      aria-selected={isSelected}
      className={isSelected ? 'hit selected' : 'hit'}
      data-testid="search-hit"
      data-fqn={fqn}
      data-type={type}
    >
      {children}
    </li>
  );
}
