import { Field, Float, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../../../graphql/json.scalar.js';

@ObjectType({ description: 'A classification tag or glossary term applied to an asset or column.' })
export class TagLabel {
  @Field()
  tagFqn!: string;

  @Field({ description: '"classification" or "glossary"' })
  labelType!: string;

  @Field({ description: 'manual, automated, propagated or glossary' })
  source!: string;

  @Field({ description: 'suggested, confirmed or rejected' })
  state!: string;

  @Field(() => Float, { nullable: true })
  confidence!: number | null;

  @Field(() => JsonScalar, { nullable: true })
  provenance!: unknown;
}
