import { Injectable } from '@nestjs/common';
import type { Role } from '@almanac/policies';
import { DomainError } from '../../common/domain-error.js';
import { AuthRepository, type TokenInfo } from './auth.repository.js';
import type { Principal } from './principal.js';
import { generateToken, hashToken } from './token-secret.js';

const SIGNIN_CODE_TTL_MS = 15 * 60 * 1000;
const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface IssuedToken {
  id: string;
  token: string;
  userName: string;
  roles: Role[];
}

@Injectable()
export class AuthService {
  constructor(private readonly repository: AuthRepository) {}

  /** Resolves a bearer token; null when it is unknown, revoked or expired. */
  async authenticate(token: string): Promise<Principal | null> {
    return this.repository.findPrincipal(hashToken(token), ['api', 'session']);
  }

  /** Creates a user holding `role` (named `name`) and an API token for it. */
  async createToken(name: string, role: Role): Promise<IssuedToken> {
    if (!/^[\w.@-]{1,100}$/.test(name)) {
      throw new DomainError(
        'BAD_INPUT',
        `token name "${name}" must be 1-100 letters, digits, . _ @ or -`,
      );
    }
    const userId = await this.repository.upsertUser(name, [role], role === 'Bot');
    const token = generateToken();
    const id = await this.repository.insertToken(userId, name, 'api', hashToken(token), null);
    return { id, token, userName: name, roles: [role] };
  }

  /** Makes sure `token` authenticates as the admin user (used for the bootstrap admin token). */
  async ensureAdminToken(token: string): Promise<void> {
    const userId = await this.repository.upsertUser('admin', ['Admin'], false);
    await this.repository.insertToken(userId, 'admin', 'api', hashToken(token), null);
  }

  /** A one-time sign-in code for the admin, exchanged by the web app for a session. */
  async createAdminSignInCode(): Promise<string> {
    const userId = await this.repository.upsertUser('admin', ['Admin'], false);
    const code = generateToken();
    const expiresAt = new Date(Date.now() + SIGNIN_CODE_TTL_MS);
    await this.repository.insertToken(userId, 'sign-in link', 'signin', hashToken(code), expiresAt);
    return code;
  }

  async redeemSignInCode(code: string): Promise<{ token: string; principal: Principal }> {
    const principal = await this.repository.findPrincipal(hashToken(code), ['signin']);
    if (!principal || !(await this.repository.consumeToken(principal.tokenId))) {
      throw new DomainError('UNAUTHENTICATED', 'sign-in link is invalid, expired or already used');
    }
    const token = generateToken();
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
    const tokenId = await this.repository.insertToken(
      principal.userId,
      'web session',
      'session',
      hashToken(token),
      expiresAt,
    );
    return { token, principal: { ...principal, tokenId } };
  }

  listTokens(): Promise<TokenInfo[]> {
    return this.repository.listTokens();
  }

  async revokeToken(id: string): Promise<void> {
    if (!(await this.repository.revokeToken(id))) {
      throw new DomainError('NOT_FOUND', `token ${id} not found or already revoked`);
    }
  }
}
