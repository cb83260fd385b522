import { z } from 'zod';
import { parseArtifact, type ArtifactKind } from './parse-artifact.js';
import { artifactMetadataSchema, optionalText } from './common-fields.js';

export const RUN_RESULTS: ArtifactKind = {
  what: 'dbt run results',
  urlName: 'run-results',
  versions: [4, 5, 6],
};

const timingSchema = z.looseObject({
  name: z.string(),
  started_at: optionalText,
  completed_at: optionalText,
});

const runResultSchema = z.looseObject({
  unique_id: z.string().min(1),
  status: z.string().min(1),
  message: optionalText,
  failures: z.number().int().nullish(),
  timing: z
    .array(timingSchema)
    .nullish()
    .transform((timing) => timing ?? []),
});

const runResultsSchema = z.looseObject({
  metadata: artifactMetadataSchema,
  results: z.array(runResultSchema),
});

export type DbtRunResults = z.output<typeof runResultsSchema>;
export type DbtRunResult = DbtRunResults['results'][number];

/**
 * Validates a parsed `run_results.json`.
 *
 * @throws {@link DbtArtifactError} naming `file` and the unsupported version or the invalid fields.
 */
export function parseRunResults(value: unknown, file = 'run_results.json'): DbtRunResults {
  return parseArtifact(runResultsSchema, value, file, RUN_RESULTS);
}
