import { Field, ID, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../../../graphql/json.scalar.js';

@ObjectType({ description: 'One mutation: who did what to which target, and when.' })
export class AuditEntry {
  @Field(() => ID)
  id!: string;

  @Field()
  actor!: string;

  @Field()
  action!: string;

  @Field(() => String, { nullable: true })
  target!: string | null;

  @Field(() => JsonScalar, { nullable: true })
  before!: unknown;

  @Field(() => JsonScalar, { nullable: true })
  after!: unknown;

  @Field(() => String, { nullable: true })
  requestId!: string | null;

  @Field()
  at!: Date;
}
