import type { ReactNode } from 'react';
import { Header } from '../../components/header';
import { SearchNavigationProvider } from '../../components/search-navigation';
import { ME, type MeData } from '../../lib/queries';
import { query } from '../../lib/session';

/** Pages behind sign-in: no cookie, or a token the API refuses, sends the browser to /signin. */
export default async function CatalogLayout({ children }: { children: ReactNode }) {
  const me = await query<MeData>(ME, {});
  return (
    // The header's search box drives the selection in the search page's result list.
    <SearchNavigationProvider>
      <Header viewer={me.ok ? me.data.me : null} />
      <main>
        {!me.ok && (
          <p className="error" role="alert">
            {me.error.message}
          </p>
        )}
        {children}
      </main>
    </SearchNavigationProvider>
  );
}
