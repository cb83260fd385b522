import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from './graphql-context.js';
import { Asset } from './models/asset.model.js';
import { Column } from './models/column.model.js';
import { TagLabel } from './models/tag-label.model.js';

/** Nested fields, batched per request; they run under the permission of the root field. */
@Resolver(() => Asset)
export class AssetFieldsResolver {
  @ResolveField(() => [TagLabel])
  tags(@Parent() asset: Asset, @Context() ctx: GraphQLContext) {
    return ctx.loaders.tagsByTarget.load(asset.fqn);
  }

  @ResolveField(() => [Column], {
    description: 'Columns of a table or view; empty for other kinds.',
  })
  columns(@Parent() asset: Asset, @Context() ctx: GraphQLContext) {
    return asset.type === 'table' ? ctx.loaders.columnsByTable.load(asset.id) : [];
  }
}

@Resolver(() => Column)
export class ColumnFieldsResolver {
  @ResolveField(() => [TagLabel])
  tags(@Parent() column: Column, @Context() ctx: GraphQLContext) {
    return ctx.loaders.tagsByTarget.load(column.fqn);
  }
}
