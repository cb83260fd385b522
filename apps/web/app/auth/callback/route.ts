import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { NextRequest } from 'next/server';
import { TOKEN_COOKIE, tokenCookieOptions } from '../../../lib/session';
import { exchangeSignInCode } from '../../../lib/signin';

/**
 * GET /auth/callback?code=XYZ: redeems a one-time sign-in code at the API, keeps the session token
 * in the httpOnly cookie and goes to the catalog. /signin?code=XYZ sends the browser here, because
 * only route handlers and server actions may set cookies.
 */
export async function GET(request: NextRequest): Promise<never> {
  const code = request.nextUrl.searchParams.get('code');
  if (!code) redirect('/signin');
  const outcome = await exchangeSignInCode(code);
  if (!outcome.ok) redirect(`/signin?error=${encodeURIComponent(outcome.message)}`);
  (await cookies()).set(TOKEN_COOKIE, outcome.token, tokenCookieOptions());
  redirect('/assets');
}
