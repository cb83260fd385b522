import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { ApiError, graphql } from './graphql';

/** The httpOnly cookie that carries the API token. */
export const TOKEN_COOKIE = 'almanac_token';

/** Cookie options: httpOnly, SameSite=Lax, Secure when the app is served over HTTPS. */
export function tokenCookieOptions() {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: (process.env.ALMANAC_WEB_URL ?? '').startsWith('https://'),
    path: '/',
    // The API's web sessions last 7 days; a pasted token is kept as long.
    maxAge: 7 * 24 * 60 * 60,
  };
}

/** The signed-in user's token, or a redirect to /signin when there is none. */
export async function sessionToken(): Promise<string> {
  const token = (await cookies()).get(TOKEN_COOKIE)?.value;
  if (!token) redirect('/signin');
  return token;
}

export type QueryResult<TData> = { ok: true; data: TData } | { ok: false; error: ApiError };

/**
 * Runs a query as the signed-in user. No cookie, or a token the API refuses, redirects to /signin;
 * any other API error is returned so the page can show its message.
 */
export async function query<TData, TVariables extends object = Record<string, never>>(
  document: string,
  variables: TVariables,
): Promise<QueryResult<TData>> {
  const token = await sessionToken();
  try {
    return { ok: true, data: await graphql<TData, TVariables>(document, variables, token) };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.unauthenticated) redirect('/signin');
    return { ok: false, error };
  }
}
