import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';

@InputType({ description: 'Keep results whose field has one of the values.' })
export class SearchFilterInput {
  @Field({
    description:
      'type, service, database, schema, tag, glossaryTerm, owner, domain, tier or containsPii',
  })
  field!: string;

  @Field(() => [String], { description: 'Values combine with OR; fields combine with AND.' })
  values!: string[];
}

@ObjectType({ description: 'Where a hit matched, as HTML-escaped text with matches in <em>.' })
export class SearchHighlight {
  @Field({ description: 'name, description, synonyms or columns' })
  field!: string;

  @Field(() => [String])
  fragments!: string[];
}

@ObjectType()
export class SearchHit {
  @Field()
  fqn!: string;

  @Field({
    description: 'table, view, column, pipeline, dashboard, tag, user, team or glossary_term',
  })
  type!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  displayName!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Float)
  score!: number;

  @Field(() => [SearchHighlight])
  highlights!: SearchHighlight[];
}

@ObjectType()
export class FacetBucket {
  @Field()
  value!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class SearchFacet {
  @Field()
  field!: string;

  @Field(() => [FacetBucket])
  buckets!: FacetBucket[];
}

@ObjectType({ description: 'One page of search results with the facets of every match.' })
export class SearchResults {
  @Field(() => Int)
  total!: number;

  @Field(() => [SearchHit])
  hits!: SearchHit[];

  @Field(() => [SearchFacet])
  facets!: SearchFacet[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page' })
  endCursor!: string | null;
}
