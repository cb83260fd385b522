'use client';

import { useRouter } from 'next/navigation';
import { useOptimistic, useTransition } from 'react';
import { SEARCH_SORTS, type SearchSort } from '../../../lib/search-params';

interface FacetCheckboxProps {
  field: string;
  value: string;
  label: string;
  count: number | null;
  checked: boolean;
  /** The search with this value toggled, computed on the server. */
  href: string;
}

/**
 * A facet value as a checkbox. Toggling pushes a new URL (so Back undoes it); the box shows the
 * new state at once and the server's answer confirms it.
 */
export function FacetCheckbox({ field, value, label, count, checked, href }: FacetCheckboxProps) {
  const router = useRouter();
  const [shown, setShown] = useOptimistic(checked);
  const [, startTransition] = useTransition();
  return (
    <label className="facet-option">
      <input
        type="checkbox"
        name={field}
        value={value}
        checked={shown}
        onChange={() =>
          startTransition(() => {
            setShown(!checked);
            router.push(href);
          })
        }
      />
      <span className="facet-value">{label}</span>
      {count !== null && <span className="facet-count">{count}</span>}
    </label>
  );
}

const SORT_LABELS: Record<SearchSort, string> = {
  relevance: 'Relevance',
  name: 'Name',
  updated: 'Recently updated',
};

/** The order of the results; each choice is a URL, computed on the server. */
export function SortSelect({
  current,
  hrefs,
}: {
  current: SearchSort;
  hrefs: Record<SearchSort, string>;
}) {
  const router = useRouter();
  const [shown, setShown] = useOptimistic(current);
  const [, startTransition] = useTransition();
  return (
    <label className="sort">
      Sort by{' '}
      <select
        value={shown}
        onChange={(event) => {
          const sort = SEARCH_SORTS.find((option) => option === event.target.value);
          if (!sort) return;
          startTransition(() => {
            setShown(sort);
            router.push(hrefs[sort]);
          });
        }}
      >
        {SEARCH_SORTS.map((sort) => (
          <option key={sort} value={sort}>
            {SORT_LABELS[sort]}
          </option>
        ))}
      </select>
    </label>
  );
}
