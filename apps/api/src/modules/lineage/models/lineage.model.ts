import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Owner } from '../../catalog/models/owner.model.js';

@ObjectType({ description: 'An asset in a lineage graph.' })
export class LineageNode {
  @Field()
  fqn!: string;

  @Field({ nullable: true, description: 'table, dashboard…; null when not in the catalog' })
  type?: string;

  @Field({ nullable: true })
  name?: string;

  @Field(() => Int, { description: 'Hops from the root: negative upstream, positive downstream' })
  depth!: number;

  @Field({ description: 'True when the asset is soft-deleted' })
  deleted!: boolean;

  @Field(() => [Owner])
  owners!: Owner[];
}

@ObjectType({ description: 'How a column derives from others (OpenLineage transformation).' })
export class ColumnMapping {
  @Field(() => [String], { description: 'Source column FQNs' })
  from!: string[];

  @Field({ description: 'Target column FQN' })
  to!: string;

  @Field({ nullable: true, description: 'DIRECT or INDIRECT' })
  type?: string;

  @Field({ nullable: true, description: 'IDENTITY, TRANSFORMATION, AGGREGATION, JOIN, FILTER…' })
  subtype?: string;
}

@ObjectType({ description: 'Data flowing from one asset to another.' })
export class LineageEdgeModel {
  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field({ nullable: true, description: 'The pipeline that moves the data' })
  pipeline?: string;

  @Field({ description: 'sql, dbt, openlineage, pipeline or manual' })
  source!: string;

  @Field(() => [ColumnMapping], { description: 'Empty unless columnLevel was asked for' })
  columns!: ColumnMapping[];
}

@ObjectType({ description: 'The lineage around one asset.' })
export class LineageGraph {
  @Field()
  root!: string;

  @Field(() => [LineageNode])
  nodes!: LineageNode[];

  @Field(() => [LineageEdgeModel])
  edges!: LineageEdgeModel[];
}

@ObjectType({ description: 'A column reached from another, with its distance.' })
export class ColumnNode {
  @Field()
  fqn!: string;

  @Field(() => Int, { description: 'Negative upstream, positive downstream' })
  depth!: number;
}

@ObjectType({ description: 'Where one column comes from and where it goes.' })
export class ColumnLineageGraph {
  @Field()
  column!: string;

  @Field(() => [ColumnNode])
  columns!: ColumnNode[];

  @Field(() => [ColumnMapping])
  mappings!: ColumnMapping[];
}

@ObjectType({ description: 'What a change to an asset breaks downstream, and whom to tell.' })
export class ImpactReport {
  @Field()
  root!: string;

  @Field(() => [LineageNode], { description: 'Downstream assets, nearest first, with owners' })
  assets!: LineageNode[];

  @Field(() => [ColumnNode], { description: "Downstream columns derived from the root's columns" })
  columns!: ColumnNode[];

  @Field({ description: 'The same as CSV: kind,depth,type,fqn,owners' })
  csv!: string;
}
