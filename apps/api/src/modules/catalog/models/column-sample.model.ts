import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    'Values sampled from a column by a connector, as text. Values of a column tagged as personal data ' +
    '(PII.Sensitive, PII.NonSensitive or PersonalData.*, on the column or its table) are masked unless ' +
    'the caller may perform pii.viewSamples.',
})
export class ColumnSample {
  @Field(() => [String], {
    nullable: 'items',
    description:
      'In row order; null for SQL NULL. When masked, every non-null value is "*****". Values longer ' +
      'than 256 characters were cut and end with "…".',
  })
  values!: (string | null)[];

  @Field({ description: 'Whether the values were masked for the caller.' })
  masked!: boolean;

  @Field(() => [String], {
    description:
      'Personal-data tags on the column or its table that call for masking (also listed when the caller may see the values).',
  })
  piiTags!: string[];

  @Field()
  sampledAt!: Date;

  @Field({ description: 'The run that sampled the values.' })
  runId!: string;
}
