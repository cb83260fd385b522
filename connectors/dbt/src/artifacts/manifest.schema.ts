import { z } from 'zod';
import { parseArtifact, type ArtifactKind } from './parse-artifact.js';
import {
  artifactMetadataSchema,
  dependsOnSchema,
  metaSchema,
  optionalText,
  stringListSchema,
} from './common-fields.js';

/** Manifest schema versions this connector reads (dbt 1.3 to 1.10 and later). */
export const MANIFEST: ArtifactKind = {
  what: 'dbt manifest',
  urlName: 'manifest',
  versions: [7, 8, 9, 10, 11, 12],
};

const manifestColumnSchema = z.looseObject({
  name: z.string().min(1),
  description: optionalText,
  data_type: optionalText,
  tags: stringListSchema,
  meta: metaSchema,
});

const testMetadataSchema = z.looseObject({
  name: z.string().min(1),
  namespace: optionalText,
  kwargs: metaSchema,
});

/** A node or a source: only the fields the connector reads. */
const manifestNodeSchema = z.looseObject({
  unique_id: z.string().min(1),
  resource_type: z.string().min(1),
  name: z.string().min(1),
  package_name: optionalText,
  database: optionalText,
  schema: z.string().min(1),
  alias: optionalText,
  identifier: optionalText,
  source_name: optionalText,
  description: optionalText,
  tags: stringListSchema,
  meta: metaSchema,
  config: z
    .looseObject({ materialized: optionalText, meta: metaSchema, severity: optionalText })
    .nullish(),
  columns: z
    .record(z.string(), manifestColumnSchema)
    .nullish()
    .transform((columns) => columns ?? {}),
  depends_on: dependsOnSchema,
  compiled_code: optionalText,
  // dbt before 1.3 called it compiled_sql; kept for manifests written by such forks.
  compiled_sql: optionalText,
  column_name: optionalText,
  attached_node: optionalText,
  test_metadata: testMetadataSchema.nullish(),
});

const exposureSchema = z.looseObject({
  unique_id: z.string().min(1),
  name: z.string().min(1),
  label: optionalText,
  type: optionalText,
  url: optionalText,
  maturity: optionalText,
  description: optionalText,
  owner: z.looseObject({ name: optionalText, email: optionalText }).nullish(),
  tags: stringListSchema,
  meta: metaSchema,
  depends_on: dependsOnSchema,
});

const otherResources = z.record(z.string(), z.unknown()).nullish();

const manifestSchema = z.looseObject({
  metadata: artifactMetadataSchema.extend({
    adapter_type: optionalText,
    project_name: optionalText,
  }),
  nodes: z.record(z.string(), manifestNodeSchema),
  sources: z
    .record(z.string(), manifestNodeSchema)
    .nullish()
    .transform((sources) => sources ?? {}),
  exposures: z
    .record(z.string(), exposureSchema)
    .nullish()
    .transform((exposures) => exposures ?? {}),
  // Read only to tell a dangling reference from one to a resource the catalog has no place for.
  metrics: otherResources,
  semantic_models: otherResources,
  saved_queries: otherResources,
  unit_tests: otherResources,
});

export type DbtManifest = z.output<typeof manifestSchema>;
export type DbtNode = DbtManifest['nodes'][string];
export type DbtExposure = DbtManifest['exposures'][string];
export type DbtManifestColumn = DbtNode['columns'][string];

/**
 * Validates a parsed `manifest.json`.
 *
 * @throws {@link DbtArtifactError} naming `file` and the unsupported version or the invalid fields.
 */
export function parseManifest(value: unknown, file = 'manifest.json'): DbtManifest {
  return parseArtifact(manifestSchema, value, file, MANIFEST);
}
