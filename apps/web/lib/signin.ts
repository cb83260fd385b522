import { apiUrl } from './graphql';

export type SignInOutcome =
  | { ok: true; token: string; user: { name: string; roles: string[] } }
  | { ok: false; message: string };

interface SignInBody {
  token?: unknown;
  user?: { name?: unknown; roles?: unknown };
  message?: unknown;
}

/** Exchanges a one-time sign-in code (from the link `npm start` prints) for a session token. */
export async function exchangeSignInCode(code: string): Promise<SignInOutcome> {
  const url = `${apiUrl()}/api/v1/auth/signin`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ code }),
      cache: 'no-store',
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `cannot reach the Almanac API at ${url}: ${reason}` };
  }
  const body = (await response.json().catch(() => ({}))) as SignInBody;
  if (response.ok && typeof body.token === 'string') {
    const name = typeof body.user?.name === 'string' ? body.user.name : '';
    const roles = Array.isArray(body.user?.roles) ? body.user.roles.map(String) : [];
    return { ok: true, token: body.token, user: { name, roles } };
  }
  const message =
    typeof body.message === 'string' ? body.message : `sign-in failed (HTTP ${response.status})`;
  return { ok: false, message };
}
