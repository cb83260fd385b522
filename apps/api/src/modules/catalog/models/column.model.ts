import { Field, Int, ObjectType } from '@nestjs/graphql';
import { TagLabel } from './tag-label.model.js';

@ObjectType()
export class ForeignKey {
  @Field({ description: 'FQN of the referenced table' })
  table!: string;

  @Field()
  column!: string;
}

@ObjectType({ description: 'A column of a table or view.' })
export class Column {
  @Field()
  fqn!: string;

  @Field()
  name!: string;

  @Field()
  dataType!: string;

  @Field(() => Int)
  ordinal!: number;

  @Field()
  nullable!: boolean;

  @Field(() => String, { nullable: true })
  defaultValue!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true, description: 'PRIMARY_KEY, UNIQUE or NOT_NULL' })
  constraint!: string | null;

  @Field(() => ForeignKey, { nullable: true })
  foreignKey!: ForeignKey | null;

  @Field(() => [TagLabel])
  tags!: TagLabel[];

  tableId!: string;
}
