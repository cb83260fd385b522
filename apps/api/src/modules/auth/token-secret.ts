import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'alm_';

export function generateToken(): string {
  return `${PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** Tokens are high-entropy, so a fast hash is enough; only the hash is ever stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
