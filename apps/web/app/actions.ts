'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { ApiError, graphql } from '../lib/graphql';
import { ME, type MeData } from '../lib/queries';
import { TOKEN_COOKIE, tokenCookieOptions } from '../lib/session';

function signInError(message: string): never {
  redirect(`/signin?error=${encodeURIComponent(message)}`);
}

/** Signs in with a pasted API token: the API must accept it for `me` before it is kept. */
export async function signInWithToken(formData: FormData): Promise<void> {
  const raw = formData.get('token');
  const token = typeof raw === 'string' ? raw.trim() : '';
  if (!token) signInError('Paste an API token first.');
  let failure: string | null = null;
  try {
    await graphql<MeData>(ME, {}, token);
  } catch (error) {
    failure = error instanceof ApiError ? error.message : 'sign-in failed';
  }
  if (failure !== null) signInError(failure);
  (await cookies()).set(TOKEN_COOKIE, token, tokenCookieOptions());
  redirect('/assets');
}

/** Forgets the token and goes back to the sign-in page. */
export async function signOut(): Promise<void> {
  (await cookies()).delete(TOKEN_COOKIE);
  redirect('/signin');
}
