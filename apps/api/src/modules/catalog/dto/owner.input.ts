import { Field, InputType } from '@nestjs/graphql';

@InputType()
export class OwnerInput {
  @Field({ description: '"user" or "team"' })
  type!: string;

  @Field()
  name!: string;
}
