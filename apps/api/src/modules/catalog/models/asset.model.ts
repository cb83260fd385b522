import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../../../graphql/json.scalar.js';
import { Owner } from './owner.model.js';

@ObjectType({
  description:
    'A catalog entity: service, database, schema, table (or view), pipeline, dashboard, classification, tag, user, team, domain or test case.',
})
export class Asset {
  @Field(() => ID)
  id!: string;

  @Field()
  fqn!: string;

  @Field()
  type!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  displayName!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true })
  parentFqn!: string | null;

  @Field(() => [Owner])
  owners!: Owner[];

  @Field(() => String, { nullable: true })
  domain!: string | null;

  @Field(() => String, { nullable: true, description: 'A tier tag such as Tier.Tier1' })
  tier!: string | null;

  @Field(() => Float)
  version!: number;

  @Field()
  deleted!: boolean;

  @Field(() => String, { nullable: true, description: 'The ingestion source that owns this asset' })
  source!: string | null;

  @Field(() => JsonScalar, {
    description: 'Kind-specific fields: tableType, tasks, charts, serviceType…',
  })
  attributes!: Record<string, unknown>;

  @Field()
  updatedAt!: Date;

  @Field()
  updatedBy!: string;
}
