import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { isRole } from '@almanac/policies';
import { DomainError } from '../../common/domain-error.js';
import { AuditRepository } from '../audit/audit.repository.js';
import type { GraphQLContext } from '../catalog/graphql-context.js';
import { AuthService } from './auth.service.js';
import { ApiToken, IssuedApiToken, Viewer } from './models/token.model.js';
import { Requires } from './requires.decorator.js';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly audit: AuditRepository,
  ) {}

  @Query(() => Viewer, { description: 'Who the token belongs to and what roles it holds.' })
  @Requires('catalog.read')
  me(@Context() ctx: GraphQLContext): Viewer {
    const principal = ctx.req.principal!;
    return { name: principal.name, roles: principal.roles };
  }

  @Query(() => [ApiToken])
  @Requires('token.list')
  async tokens(): Promise<ApiToken[]> {
    const tokens = await this.auth.listTokens();
    return tokens.map((t) => ({
      id: t.id,
      name: t.name,
      userName: t.userName,
      roles: t.roles,
      createdAt: t.createdAt,
      lastUsedAt: t.lastUsedAt,
    }));
  }

  @Mutation(() => IssuedApiToken, {
    description: 'Creates a user with one role and a token for it.',
  })
  @Requires('token.create')
  async createToken(
    @Args('name') name: string,
    @Args('role') role: string,
    @Context() ctx: GraphQLContext,
  ): Promise<IssuedApiToken> {
    if (!isRole(role)) {
      throw new DomainError(
        'BAD_INPUT',
        `unknown role "${role}" (expected Admin, DataSteward, DataEngineer, ComplianceOfficer, DataConsumer or Bot)`,
      );
    }
    const issued = await this.auth.createToken(name, role);
    await this.audit.record({
      actor: ctx.req.principal!.name,
      action: 'createToken',
      target: `token:${issued.id}`,
      after: { name, role },
      requestId: ctx.req.requestId,
    });
    return issued;
  }

  @Mutation(() => Boolean)
  @Requires('token.revoke')
  async revokeToken(
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: GraphQLContext,
  ): Promise<boolean> {
    await this.auth.revokeToken(id);
    await this.audit.record({
      actor: ctx.req.principal!.name,
      action: 'revokeToken',
      target: `token:${id}`,
      requestId: ctx.req.requestId,
    });
    return true;
  }
}
