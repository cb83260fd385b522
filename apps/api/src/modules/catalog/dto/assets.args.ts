import { ArgsType, Field, Int } from '@nestjs/graphql';

@ArgsType()
export class AssetsArgs {
  @Field(() => String, { nullable: true, description: 'Entity type, e.g. table, schema, pipeline' })
  type?: string;

  @Field(() => String, { nullable: true, description: 'Only direct children of this FQN' })
  parentFqn?: string;

  @Field(() => Int, { defaultValue: 25, description: 'Page size, 1 to 500' })
  first!: number;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page' })
  after?: string;

  @Field({ defaultValue: false })
  includeDeleted!: boolean;
}
