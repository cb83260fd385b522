import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { isAllowed, type Action } from '@almanac/policies';
import type { Request } from 'express';
import { DomainError } from '../../common/domain-error.js';
import { AuthService } from './auth.service.js';
import type { Principal } from './principal.js';
import { PUBLIC_ENDPOINT, REQUIRED_ACTION } from './requires.decorator.js';

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
  requestId?: string;
}

function requestOf(context: ExecutionContext): AuthenticatedRequest {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: AuthenticatedRequest }>().req;
  }
  return context.switchToHttp().getRequest<AuthenticatedRequest>();
}

function bearerToken(request: Request): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match)
    throw new DomainError('UNAUTHENTICATED', 'Authorization header must be "Bearer <token>"');
  return match[1];
}

/**
 * The one guard on every handler. A handler without a declared action is refused, so a new
 * endpoint cannot be exposed by forgetting its permission.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ENDPOINT, targets)) return true;
    const action = this.reflector.getAllAndOverride<Action | undefined>(REQUIRED_ACTION, targets);
    if (!action) {
      throw new DomainError(
        'FORBIDDEN',
        `${context.getClass().name}.${context.getHandler().name} declares no permission`,
      );
    }
    const request = requestOf(context);
    const principal = await this.principalOf(request);
    if (!isAllowed(principal.roles, action)) {
      throw new DomainError(
        'FORBIDDEN',
        `role ${principal.roles.join(', ')} may not perform ${action}`,
      );
    }
    return true;
  }

  private async principalOf(request: AuthenticatedRequest): Promise<Principal> {
    if (request.principal) return request.principal;
    const token = bearerToken(request);
    if (!token)
      throw new DomainError(
        'UNAUTHENTICATED',
        'missing bearer token (Authorization: Bearer <token>)',
      );
    const principal = await this.auth.authenticate(token);
    if (!principal) throw new DomainError('UNAUTHENTICATED', 'unknown, revoked or expired token');
    request.principal = principal;
    return principal;
  }
}
