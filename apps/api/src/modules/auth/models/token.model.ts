import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'An API token; the secret is shown only once, when it is created.' })
export class ApiToken {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  userName!: string;

  @Field(() => [String])
  roles!: string[];

  @Field(() => Date, { nullable: true })
  createdAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;
}

@ObjectType()
export class IssuedApiToken {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The bearer token. It is not stored and cannot be shown again.' })
  token!: string;

  @Field()
  userName!: string;

  @Field(() => [String])
  roles!: string[];
}

@ObjectType({ description: 'The caller.' })
export class Viewer {
  @Field()
  name!: string;

  @Field(() => [String])
  roles!: string[];
}
