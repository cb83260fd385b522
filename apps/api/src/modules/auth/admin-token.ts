import { mkdir, readFile, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuthService } from './auth.service.js';
import { generateToken } from './token-secret.js';

export const ADMIN_TOKEN_FILE = 'admin-token';

export interface AdminTokenResult {
  token: string;
  /** True only the first time, when the token was generated and should be shown once. */
  created: boolean;
  origin: 'environment' | 'file' | 'generated';
}

async function readTokenFile(path: string): Promise<string | null> {
  try {
    const text = (await readFile(path, 'utf8')).trim();
    return text.length > 0 ? text : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Makes sure an admin token exists: ALMANAC_ADMIN_TOKEN wins; otherwise the token kept in
 * `<dataDir>/admin-token` (mode 600); otherwise a new one is generated and written there.
 */
export async function ensureAdminToken(
  auth: AuthService,
  dataDir: string,
  fromEnvironment: string | undefined,
): Promise<AdminTokenResult> {
  if (fromEnvironment) {
    await auth.ensureAdminToken(fromEnvironment);
    return { token: fromEnvironment, created: false, origin: 'environment' };
  }
  const path = join(dataDir, ADMIN_TOKEN_FILE);
  const existing = await readTokenFile(path);
  if (existing) {
    await auth.ensureAdminToken(existing);
    return { token: existing, created: false, origin: 'file' };
  }
  const token = generateToken();
  await auth.ensureAdminToken(token);
  await mkdir(dataDir, { recursive: true });
  await writeFile(path, `${token}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
  return { token, created: true, origin: 'generated' };
}
