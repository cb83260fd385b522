import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A user or team that owns an asset.' })
export class Owner {
  @Field({ description: '"user" or "team"' })
  type!: string;

  @Field()
  name!: string;
}
