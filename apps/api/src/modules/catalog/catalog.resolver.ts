import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DomainError } from '../../common/domain-error.js';
import { Requires } from '../auth/requires.decorator.js';
import { decodeCursor, encodeCursor } from './asset-cursor.js';
import { toAsset, toEntityVersion } from './catalog.mappers.js';
import { CatalogRepository } from './catalog.repository.js';
import { CatalogService, type MutationContext } from './catalog.service.js';
import { AssetsArgs } from './dto/assets.args.js';
import { OwnerInput } from './dto/owner.input.js';
import type { GraphQLContext } from './graphql-context.js';
import { AssetConnection } from './models/asset-connection.model.js';
import { Asset } from './models/asset.model.js';
import { EntityVersion } from './models/entity-version.model.js';

const MAX_PAGE = 500;

function mutationContext(ctx: GraphQLContext): MutationContext {
  return { principal: ctx.req.principal!, requestId: ctx.req.requestId };
}

function ownerType(type: string): 'user' | 'team' {
  if (type === 'user' || type === 'team') return type;
  throw new DomainError('BAD_INPUT', `owner type must be "user" or "team", got "${type}"`);
}

@Resolver(() => Asset)
export class CatalogResolver {
  constructor(
    private readonly repository: CatalogRepository,
    private readonly catalog: CatalogService,
  ) {}

  @Query(() => Asset, {
    nullable: true,
    description: 'One entity by FQN (type narrows it when several kinds share an FQN).',
  })
  @Requires('catalog.read')
  async asset(
    @Args('fqn') fqn: string,
    @Args('type', { nullable: true, type: () => String }) type?: string,
  ) {
    const row = await this.repository.findEntity(fqn, type ?? undefined);
    return row ? toAsset(row) : null;
  }

  @Query(() => Asset, { nullable: true, description: 'A table or view, with its columns.' })
  @Requires('catalog.read')
  async table(@Args('fqn') fqn: string) {
    const row = await this.repository.findEntity(fqn, 'table');
    return row ? toAsset(row) : null;
  }

  @Query(() => AssetConnection, { description: 'Entities in FQN order, a page at a time.' })
  @Requires('catalog.read')
  async assets(@Args() args: AssetsArgs): Promise<AssetConnection> {
    if (args.first < 1 || args.first > MAX_PAGE) {
      throw new DomainError(
        'BAD_INPUT',
        `first must be between 1 and ${MAX_PAGE}, got ${args.first}`,
      );
    }
    const after = args.after ? decodeCursor(args.after) : null;
    const { rows, totalCount } = await this.repository.listEntities(
      { type: args.type, parentFqn: args.parentFqn, includeDeleted: args.includeDeleted },
      args.first,
      after,
    );
    const page = rows.slice(0, args.first);
    const edges = page.map((row) => ({
      cursor: encodeCursor(row.fqn, row.type),
      node: toAsset(row),
    }));
    return {
      totalCount,
      edges,
      pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  @Query(() => [EntityVersion], {
    description: 'Every version of an entity, newest first, with diffs.',
  })
  @Requires('catalog.read')
  async entityVersions(
    @Args('fqn') fqn: string,
    @Args('type', { nullable: true, type: () => String }) type?: string,
  ) {
    const entity = await this.repository.findEntity(fqn, type ?? undefined);
    if (!entity) throw new DomainError('NOT_FOUND', `no entity with FQN "${fqn}"`);
    return (await this.repository.versionsOf(entity.id)).map(toEntityVersion);
  }

  @Mutation(() => Asset, {
    description: 'Sets the description of an entity or a column (column FQN).',
  })
  @Requires('catalog.updateDescription')
  async updateDescription(
    @Args('fqn') fqn: string,
    @Args('description') description: string,
    @Context() ctx: GraphQLContext,
  ) {
    return toAsset(await this.catalog.updateDescription(fqn, description, mutationContext(ctx)));
  }

  @Mutation(() => Asset)
  @Requires('catalog.setOwners')
  async setOwners(
    @Args('fqn') fqn: string,
    @Args('owners', { type: () => [OwnerInput] }) owners: OwnerInput[],
    @Context() ctx: GraphQLContext,
  ) {
    const parsed = owners.map((o) => ({ type: ownerType(o.type), name: o.name }));
    return toAsset(await this.catalog.setOwners(fqn, parsed, mutationContext(ctx)));
  }

  @Mutation(() => Asset, { description: 'Applies a tag to an entity or a column (column FQN).' })
  @Requires('catalog.addTag')
  async addTag(
    @Args('fqn') fqn: string,
    @Args('tagFqn') tagFqn: string,
    @Context() ctx: GraphQLContext,
  ) {
    return toAsset(await this.catalog.addTag(fqn, tagFqn, mutationContext(ctx)));
  }

  @Mutation(() => Asset)
  @Requires('catalog.removeTag')
  async removeTag(
    @Args('fqn') fqn: string,
    @Args('tagFqn') tagFqn: string,
    @Context() ctx: GraphQLContext,
  ) {
    return toAsset(await this.catalog.removeTag(fqn, tagFqn, mutationContext(ctx)));
  }

  @Mutation(() => Asset)
  @Requires('catalog.softDelete')
  async softDelete(
    @Args('fqn') fqn: string,
    @Context() ctx: GraphQLContext,
    @Args('type', { nullable: true, type: () => String }) type?: string,
  ) {
    return toAsset(await this.catalog.softDelete(fqn, type ?? undefined, mutationContext(ctx)));
  }

  @Mutation(() => Asset)
  @Requires('catalog.restore')
  async restore(
    @Args('fqn') fqn: string,
    @Context() ctx: GraphQLContext,
    @Args('type', { nullable: true, type: () => String }) type?: string,
  ) {
    return toAsset(await this.catalog.restore(fqn, type ?? undefined, mutationContext(ctx)));
  }
}
