'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import {
  useEffect,
  useRef,
  useState,
  useTransition,
  type ChangeEvent,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import { parseSearchParams, SEARCH_PATH, searchHref } from '../lib/search-params';
import { RESULT_LIST_ID, resultId, useSearchNavigation } from './search-navigation';

/** Long enough to skip the keystrokes of a word typed at speed, short enough to feel live. */
const DEBOUNCE_MS = 150;

const NON_TEXT_INPUTS = new Set([
  'button',
  'checkbox',
  'color',
  'file',
  'image',
  'radio',
  'range',
  'reset',
  'submit',
]);

/** Whether a key pressed in `target` types text, so that `/` belongs to it. */
function typesText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * The search box in the header. On the search page it is the page's input: typing replaces the
 * URL's `q` (debounced) and the server renders the results; elsewhere typing or Enter opens the
 * search page. Arrow keys move through the results, Enter opens the selected one, Escape clears,
 * and `/` focuses the box from anywhere.
 */
export function HeaderSearch() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const onSearchPage = pathname === SEARCH_PATH;
  const urlQuery = onSearchPage ? (params.get('q') ?? '') : '';
  const [value, setValue] = useState(urlQuery);
  // The query this box last put in the URL: when the URL catches up with it, the box must not be
  // reset to it, since the user may have typed on meanwhile.
  const sent = useRef(urlQuery);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);
  const [pending, startTransition] = useTransition();
  const { selected, results, select, setPending } = useSearchNavigation();

  useEffect(() => {
    // The URL changed under the box (back button, a link): show what it says.
    if (urlQuery !== sent.current) {
      sent.current = urlQuery;
      setValue(urlQuery);
    }
  }, [urlQuery]);

  useEffect(() => setPending(pending), [pending, setPending]);

  useEffect(() => () => clearTimeout(timer.current), []);

  useEffect(() => {
    const focusOnSlash = (event: globalThis.KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.defaultPrevented || typesText(event.target)) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', focusOnSlash);
    return () => document.removeEventListener('keydown', focusOnSlash);
  }, []);

  const search = (q: string) => {
    clearTimeout(timer.current);
    sent.current = q;
    // Read the location now rather than from render: a facet may have been clicked meanwhile.
    const here = window.location;
    startTransition(() => {
      if (here.pathname === SEARCH_PATH) {
        const state = parseSearchParams(new URLSearchParams(here.search));
        // Typing refines one search: replace, so Back leaves the search instead of untyping it.
        router.replace(searchHref({ ...state, q, after: null }));
      } else {
        router.push(searchHref({ q }));
      }
    });
  };

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const q = event.target.value;
    setValue(q);
    clearTimeout(timer.current);
    if (!onSearchPage && q.trim() === '') return;
    timer.current = setTimeout(() => search(q), DEBOUNCE_MS);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    search(value);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (results.length === 0) return;
        event.preventDefault();
        select(selected + (event.key === 'ArrowDown' ? 1 : -1));
        return;
      case 'Enter': {
        const href = selected >= 0 ? results[selected] : null;
        if (!href) return;
        event.preventDefault();
        clearTimeout(timer.current);
        router.push(href);
        return;
      }
      case 'Escape':
        event.preventDefault();
        if (value === '') {
          input.current?.blur();
          return;
        }
        setValue('');
        select(-1);
        if (onSearchPage) search('');
        else clearTimeout(timer.current);
        return;
      default:
        return;
    }
  };

  const listed = onSearchPage && results.length > 0;
  return (
    <form
      role="search"
      action={SEARCH_PATH}
      className="header-search"
      onSubmit={onSubmit}
      aria-busy={pending}
    >
      <input
        ref={input}
        type="search"
        name="q"
        value={value}
        onChange={onChange}
        onKeyDown={onKeyDown}
        placeholder="Search the catalog  ( / )"
        aria-label="Search the catalog"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={listed}
        aria-controls={RESULT_LIST_ID}
        aria-activedescendant={listed && selected >= 0 ? resultId(selected) : undefined}
        autoComplete="off"
        spellCheck={false}
        data-testid="header-search"
      />
    </form>
  );
}

/** What the header shows until the client has the URL: a plain form that still works. */
export function HeaderSearchFallback() {
  return (
    <form role="search" action={SEARCH_PATH} className="header-search">
      <input
        type="search"
        name="q"
        placeholder="Search the catalog  ( / )"
        aria-label="Search the catalog"
        autoComplete="off"
        spellCheck={false}
      />
    </form>
  );
}
