import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { maskSample } from '@almanac/policies';
import { toColumnSample } from './catalog.mappers.js';
import type { GraphQLContext } from './graphql-context.js';
import { Asset } from './models/asset.model.js';
import { ColumnSample } from './models/column-sample.model.js';
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

  @ResolveField(() => ColumnSample, {
    nullable: true,
    description:
      'The latest sampled values of the column, masked for callers without pii.viewSamples when the ' +
      'column or its table carries a personal-data tag; null when never sampled.',
  })
  async sample(
    @Parent() column: Column,
    @Context() ctx: GraphQLContext,
  ): Promise<ColumnSample | null> {
    const [row, columnTags] = await Promise.all([
      ctx.loaders.samplesByColumn.load(column.fqn),
      ctx.loaders.tagsByTarget.load(column.fqn),
    ]);
    if (row === null) return null;
    const tableTags = await ctx.loaders.tagsByTarget.load(row.table_fqn);
    const view = maskSample(
      row.sample_values,
      [...columnTags, ...tableTags],
      ctx.req.principal?.roles ?? [],
    );
    return toColumnSample(row, view);
  }
}
