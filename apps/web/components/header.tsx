import Link from 'next/link';
import { Suspense } from 'react';
import { signOut } from '../app/actions';
import type { Viewer } from '../lib/queries';
import { HeaderSearch, HeaderSearchFallback } from './header-search';

/** The bar on top of every page: the app name, the search box, and who is signed in with a way out. */
export function Header({ viewer }: { viewer: Viewer | null }) {
  return (
    <header className="site-header">
      <Link href="/assets" className="brand">
        Almanac
      </Link>
      {viewer && (
        // The box reads the URL, which a prerender does not have: render a plain form until then.
        <Suspense fallback={<HeaderSearchFallback />}>
          <HeaderSearch />
        </Suspense>
      )}
      {viewer && (
        <div className="viewer">
          <span className="viewer-name" data-testid="viewer-name">
            {viewer.name}
          </span>
          {viewer.roles.length > 0 && <span className="muted">({viewer.roles.join(', ')})</span>}
          <form action={signOut}>
            <button type="submit" className="link-button">
              Sign out
            </button>
          </form>
        </div>
      )}
    </header>
  );
}
