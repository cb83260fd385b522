import { z } from 'zod';
import { parseArtifact, type ArtifactKind } from './parse-artifact.js';
import { artifactMetadataSchema, optionalText } from './common-fields.js';

export const CATALOG: ArtifactKind = {
  what: 'dbt catalog',
  urlName: 'catalog',
  versions: [1],
};

const catalogColumnSchema = z.looseObject({
  name: z.string().min(1),
  type: z.string().min(1),
  index: z.number().int().nullish(),
  comment: optionalText,
});

const catalogTableSchema = z.looseObject({
  unique_id: optionalText,
  metadata: z.looseObject({ type: optionalText, comment: optionalText }).nullish(),
  columns: z.record(z.string(), catalogColumnSchema),
});

const catalogSchema = z.looseObject({
  metadata: artifactMetadataSchema,
  nodes: z.record(z.string(), catalogTableSchema),
  sources: z
    .record(z.string(), catalogTableSchema)
    .nullish()
    .transform((sources) => sources ?? {}),
});

export type DbtCatalog = z.output<typeof catalogSchema>;
export type DbtCatalogTable = DbtCatalog['nodes'][string];
export type DbtCatalogColumn = DbtCatalogTable['columns'][string];

/**
 * Validates a parsed `catalog.json` (what `dbt docs generate` read from the warehouse).
 *
 * @throws {@link DbtArtifactError} naming `file` and the unsupported version or the invalid fields.
 */
export function parseCatalog(value: unknown, file = 'catalog.json'): DbtCatalog {
  return parseArtifact(catalogSchema, value, file, CATALOG);
}
