import { z } from 'zod';

/** A list dbt may write as null or leave out; read as empty. */
export const stringListSchema = z
  .array(z.string())
  .nullish()
  .transform((list) => list ?? []);

/** A free-form `meta` mapping, read as empty when absent. */
export const metaSchema = z
  .record(z.string(), z.unknown())
  .nullish()
  .transform((meta) => meta ?? {});

/** `depends_on` reduced to the unique ids of the nodes it names (seeds have no `nodes`). */
export const dependsOnSchema = z
  .looseObject({ nodes: stringListSchema })
  .nullish()
  .transform((dependsOn) => dependsOn?.nodes ?? []);

export const optionalText = z.string().nullish();

/** Artifact metadata: every dbt artifact names its schema version here. */
export const artifactMetadataSchema = z.looseObject({
  dbt_schema_version: z.string(),
  generated_at: z.string().nullish(),
});
