import { Field, Float, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../../../graphql/json.scalar.js';

@ObjectType()
export class FieldChange {
  @Field({ description: 'Dotted path of the field, e.g. columns.total.dataType' })
  name!: string;

  @Field(() => JsonScalar, { nullable: true })
  oldValue!: unknown;

  @Field(() => JsonScalar, { nullable: true })
  newValue!: unknown;
}

@ObjectType()
export class ChangeDescription {
  @Field(() => [FieldChange])
  fieldsAdded!: FieldChange[];

  @Field(() => [FieldChange])
  fieldsUpdated!: FieldChange[];

  @Field(() => [FieldChange])
  fieldsDeleted!: FieldChange[];

  @Field(() => Float, { nullable: true })
  previousVersion!: number | null;
}

@ObjectType({ description: 'One version of an entity, with what changed since the previous one.' })
export class EntityVersion {
  @Field(() => Float)
  version!: number;

  @Field({ description: 'created, updated, deleted or restored' })
  changeType!: string;

  @Field(() => ChangeDescription)
  changeDescription!: ChangeDescription;

  @Field(() => JsonScalar)
  snapshot!: unknown;

  @Field()
  author!: string;

  @Field()
  createdAt!: Date;
}
