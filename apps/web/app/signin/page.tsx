import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Header } from '../../components/header';
import { firstParam } from '../../lib/format';
import { signInWithToken } from '../actions';

export const metadata: Metadata = { title: 'Sign in' };

interface SignInProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function SignInPage({ searchParams }: SignInProps) {
  const params = await searchParams;
  const code = firstParam(params.code);
  if (code) redirect(`/auth/callback?code=${encodeURIComponent(code)}`);
  const error = firstParam(params.error);
  return (
    <>
      <Header viewer={null} />
      <main className="narrow">
        <h1>Sign in</h1>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <p>
          Open the one-time sign-in link that <code>npm start</code> prints, or paste an API token.
        </p>
        <form action={signInWithToken} className="stack">
          <label htmlFor="token">API token</label>
          <input
            id="token"
            name="token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            required
          />
          <button type="submit">Sign in</button>
        </form>
      </main>
    </>
  );
}
