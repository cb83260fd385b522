import { Inject, Injectable } from '@nestjs/common';
import { parseRole, type Role } from '@almanac/policies';
import type { Database, SqlExecutor } from '../../database/sql-executor.js';
import { DATABASE } from '../../database/database.tokens.js';
import type { Principal } from './principal.js';

export type TokenKind = 'api' | 'signin' | 'session';

export interface TokenInfo {
  id: string;
  name: string;
  kind: TokenKind;
  userName: string;
  roles: Role[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

interface PrincipalRow {
  token_id: string;
  user_id: string;
  name: string;
  roles: string[];
}

interface TokenRow {
  id: string;
  name: string;
  kind: TokenKind;
  user_name: string;
  roles: string[];
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
}

@Injectable()
export class AuthRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async upsertUser(
    name: string,
    roles: Role[],
    isBot: boolean,
    tx: SqlExecutor = this.db,
  ): Promise<string> {
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO app_user (name, roles, is_bot) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET roles = EXCLUDED.roles
       RETURNING id`,
      [name, roles, isBot],
    );
    return rows[0].id;
  }

  async insertToken(
    userId: string,
    name: string,
    kind: TokenKind,
    tokenHash: string,
    expiresAt: Date | null,
    tx: SqlExecutor = this.db,
  ): Promise<string> {
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO api_token (user_id, name, kind, token_hash, expires_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (token_hash) DO UPDATE SET revoked_at = NULL
       RETURNING id`,
      [userId, name, kind, tokenHash, expiresAt],
    );
    return rows[0].id;
  }

  async findPrincipal(tokenHash: string, kinds: TokenKind[]): Promise<Principal | null> {
    const rows = await this.db.query<PrincipalRow>(
      `SELECT t.id AS token_id, u.id AS user_id, u.name, u.roles
         FROM api_token t JOIN app_user u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.kind = ANY($2)
          AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())`,
      [tokenHash, kinds],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      tokenId: row.token_id,
      userId: row.user_id,
      name: row.name,
      roles: row.roles.map(parseRole),
    };
  }

  /** Marks a one-time token used; false when another request used it first. */
  async consumeToken(tokenId: string): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE api_token SET revoked_at = now(), last_used_at = now()
        WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
      [tokenId],
    );
    return rows.length === 1;
  }

  async revokeToken(tokenId: string): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE api_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
      [tokenId],
    );
    return rows.length === 1;
  }

  async listTokens(): Promise<TokenInfo[]> {
    const rows = await this.db.query<TokenRow>(
      `SELECT t.id, t.name, t.kind, u.name AS user_name, u.roles, t.created_at, t.expires_at, t.last_used_at
         FROM api_token t JOIN app_user u ON u.id = t.user_id
        WHERE t.revoked_at IS NULL AND t.kind = 'api'
        ORDER BY t.created_at`,
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind,
      userName: row.user_name,
      roles: row.roles.map(parseRole),
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      lastUsedAt: row.last_used_at,
    }));
  }
}
