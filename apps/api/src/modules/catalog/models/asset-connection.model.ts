import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Asset } from './asset.model.js';

@ObjectType()
export class AssetEdge {
  @Field()
  cursor!: string;

  @Field(() => Asset)
  node!: Asset;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType()
export class AssetConnection {
  @Field(() => Int)
  totalCount!: number;

  @Field(() => [AssetEdge])
  edges!: AssetEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
