import { readFile } from 'node:fs/promises';
import type { IngestMode, MetadataRecordInput, Source } from '@almanac/sdk';
import { parseCatalog } from './artifacts/catalog.schema.js';
import { parseManifest } from './artifacts/manifest.schema.js';
import { DbtArtifactError } from './artifacts/parse-artifact.js';
import { parseRunResults } from './artifacts/run-results.schema.js';
import { resolveConfig, type DbtConnectorConfig } from './dbt-config.js';
import { recordsFromDbtArtifacts, type DbtArtifacts } from './dbt-records.js';

/** An artifact given as the path of its JSON file or as the already parsed JSON. */
export type DbtArtifactInput = string | object;

export interface DbtSourceConfig extends Partial<DbtConnectorConfig> {
  manifest: DbtArtifactInput;
  catalog?: DbtArtifactInput;
  runResults?: DbtArtifactInput;
}

async function readArtifact(
  input: DbtArtifactInput,
  defaultName: string,
): Promise<{ value: unknown; file: string }> {
  if (typeof input !== 'string') return { value: input, file: defaultName };
  let text: string;
  try {
    text = await readFile(input, 'utf8');
  } catch (error) {
    throw new DbtArtifactError('DBT_ARTIFACT_UNREADABLE', input, `cannot read: ${String(error)}`);
  }
  try {
    return { value: JSON.parse(text) as unknown, file: input };
  } catch (error) {
    throw new DbtArtifactError('DBT_ARTIFACT_UNREADABLE', input, `not JSON: ${String(error)}`);
  }
}

async function readOptional<T>(
  input: DbtArtifactInput | undefined,
  defaultName: string,
  parse: (value: unknown, file: string) => T,
): Promise<T | undefined> {
  if (input === undefined) return undefined;
  const { value, file } = await readArtifact(input, defaultName);
  return parse(value, file);
}

/**
 * The dbt connector: reads a manifest and, when given, catalog.json and run_results.json, and
 * yields catalog records. The manifest describes the whole project, so every run is `full`.
 * The artifacts are read and mapped by {@link DbtSource.fromConfig}, so invalid files fail there
 * and {@link DbtSource.warnings} is complete before the records are read.
 */
export class DbtSource implements Source {
  readonly mode: IngestMode = 'full';

  private constructor(
    /**
     * `dbt.<service>.<project>` (letters, digits, `.`, `-`, `_`, as the ingest endpoint takes them):
     * a full run only replaces what this project wrote.
     */
    readonly name: string,
    private readonly mapped: readonly MetadataRecordInput[],
    /** What could not be mapped (dangling references, unanalysable SQL, unknown run results). */
    readonly warnings: readonly string[],
  ) {}

  /** @throws {@link DbtArtifactError} when an artifact is unreadable, of an unknown version or invalid. */
  static async fromConfig(config: DbtSourceConfig): Promise<DbtSource> {
    const { manifest, catalog, runResults, ...connectorConfig } = config;
    const manifestFile = await readArtifact(manifest, 'manifest.json');
    const artifacts: DbtArtifacts = {
      manifest: parseManifest(manifestFile.value, manifestFile.file),
    };
    const parsedCatalog = await readOptional(catalog, 'catalog.json', parseCatalog);
    if (parsedCatalog) artifacts.catalog = parsedCatalog;
    const parsedRunResults = await readOptional(runResults, 'run_results.json', parseRunResults);
    if (parsedRunResults) artifacts.runResults = parsedRunResults;
    const { records, warnings } = await recordsFromDbtArtifacts(artifacts, connectorConfig);
    const { serviceName, projectName } = resolveConfig(connectorConfig, artifacts.manifest);
    const name = `dbt.${serviceName}.${projectName}`.replace(/[^\w.-]/g, '_').slice(0, 100);
    return new DbtSource(name, records, warnings);
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async *records(): AsyncIterable<MetadataRecordInput> {
    yield* this.mapped;
  }
}
