import { Args, Context, Field, InputType, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Requires } from '../auth/requires.decorator.js';
import type { GraphQLContext } from '../catalog/graphql-context.js';
import { LineageService } from './lineage.service.js';
import { ColumnLineageGraph, ImpactReport, LineageGraph } from './models/lineage.model.js';

@InputType({ description: 'A column of the source asset feeding a column of the target.' })
export class ColumnPairInput {
  @Field({ description: 'Column FQN in the source asset' })
  from!: string;

  @Field({ description: 'Column FQN in the target asset' })
  to!: string;
}

@Resolver()
export class LineageResolver {
  constructor(private readonly lineageService: LineageService) {}

  @Query(() => LineageGraph, {
    description: `Assets upstream and downstream of one asset (depth 0 to 10, default 3); cycle-safe.`,
  })
  @Requires('catalog.read')
  lineage(
    @Args('fqn') fqn: string,
    @Args('upstreamDepth', { type: () => Int, nullable: true }) upstreamDepth?: number,
    @Args('downstreamDepth', { type: () => Int, nullable: true }) downstreamDepth?: number,
    @Args('columnLevel', { defaultValue: false }) columnLevel?: boolean,
  ) {
    return this.lineageService.lineage({
      fqn,
      upstreamDepth: upstreamDepth ?? undefined,
      downstreamDepth: downstreamDepth ?? undefined,
      columnLevel: columnLevel === true,
    });
  }

  @Query(() => ColumnLineageGraph, {
    description: 'Where one column comes from and where it goes.',
  })
  @Requires('catalog.read')
  columnLineage(
    @Args('fqn', { description: 'Column FQN' }) fqn: string,
    @Args('depth', { type: () => Int, nullable: true }) depth?: number,
  ) {
    return this.lineageService.columnLineage(fqn, depth ?? undefined);
  }

  @Query(() => ImpactReport, {
    description: 'Every downstream asset and column of an asset, with the owners to notify.',
  })
  @Requires('catalog.read')
  impact(
    @Args('fqn') fqn: string,
    @Args('depth', { type: () => Int, nullable: true }) depth?: number,
  ) {
    return this.lineageService.impact(fqn, depth ?? undefined);
  }

  @Mutation(() => Boolean, {
    description: 'Adds (or updates the columns of) a manual lineage edge; audited.',
  })
  @Requires('lineage.edit')
  async addLineageEdge(
    @Context() ctx: GraphQLContext,
    @Args('from') from: string,
    @Args('to') to: string,
    @Args('columns', { type: () => [ColumnPairInput], defaultValue: [] })
    columns: ColumnPairInput[],
  ) {
    await this.lineageService.addManualEdge(
      { from, to, columns },
      ctx.req.principal!,
      ctx.req.requestId,
    );
    return true;
  }

  @Mutation(() => Boolean, { description: 'Removes a manual lineage edge; audited.' })
  @Requires('lineage.edit')
  async removeLineageEdge(
    @Context() ctx: GraphQLContext,
    @Args('from') from: string,
    @Args('to') to: string,
  ) {
    await this.lineageService.removeManualEdge(from, to, ctx.req.principal!, ctx.req.requestId);
    return true;
  }
}
