import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

export const DATA_DIR = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'data');
export const OPENLINEAGE_DIR = join(DATA_DIR, 'openlineage');
const SCHEMA_DIR = join(OPENLINEAGE_DIR, 'schema');
const CORE_ID = 'https://openlineage.io/spec/2-0-2/OpenLineage.json';
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

/** False (with a printed reason) when the shared data is absent; under CI it must be there. */
export function sharedDataPresent(): boolean {
  if (existsSync(OPENLINEAGE_DIR)) return true;
  if (process.env['CI'] === 'true')
    throw new Error(`OpenLineage data missing under CI: ${OPENLINEAGE_DIR}`);
  console.warn(`skipped: ${OPENLINEAGE_DIR} is absent`);
  return false;
}

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

export function jsonFilesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => join(dir, file));
}

/** Where facets sit in an event, named after the core schema's facet definitions. */
export type FacetLocation =
  'RunFacet' | 'JobFacet' | 'DatasetFacet' | 'InputDatasetFacet' | 'OutputDatasetFacet';

interface FacetFile {
  id: string;
  key: string;
  defs: string[];
  locations: Set<string>;
}

type Json = Record<string, unknown>;

function facetFiles(): FacetFile[] {
  return jsonFilesIn(join(SCHEMA_DIR, 'facets')).map((path) => {
    const schema = readJson(path) as {
      $id: string;
      $defs: Record<string, { allOf?: { $ref?: string }[] }>;
      properties: Json;
    };
    const locations = Object.values(schema.$defs).flatMap((def) => {
      const ref = def.allOf?.[0]?.$ref ?? '';
      return ref.startsWith(CORE_ID) ? [ref.split('/').pop()!] : [];
    });
    return {
      id: schema.$id,
      key: Object.keys(schema.properties)[0],
      defs: Object.keys(schema.$defs),
      locations: new Set(locations),
    };
  });
}

/** Result of the reference validation: the JSON paths of facet problems (dot-separated). */
export interface ReferenceResult {
  valid: boolean;
  facetErrorPaths: string[];
}

/**
 * The reference validator: ajv with the official core schema and, for every standard facet key
 * at its place in the event, the official schema of that facet.
 */
export class ReferenceValidator {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly files = facetFiles();

  constructor() {
    addFormats(this.ajv);
    this.ajv.addSchema(readJson(join(SCHEMA_DIR, 'OpenLineage.json')) as object);
    for (const path of jsonFilesIn(join(SCHEMA_DIR, 'facets')))
      this.ajv.addSchema(readJson(path) as object);
  }

  /** The facet key and places of a facet definition such as `NominalTimeRunFacet`. */
  facetByDefinition(definition: string): { key: string; locations: FacetLocation[] } | undefined {
    const file = this.files.find(
      (f) => f.defs.includes(definition) || f.id.endsWith(`/${definition}.json`),
    );
    return file && { key: file.key, locations: [...file.locations] as FacetLocation[] };
  }

  validate(event: unknown): ReferenceResult {
    const core = this.ajv.getSchema(CORE_ID)!;
    if (!core(event)) return { valid: false, facetErrorPaths: [] };
    const paths = this.containers(event as Json).flatMap(([location, path, facets]) =>
      this.facetErrors(location, path, facets),
    );
    return { valid: paths.length === 0, facetErrorPaths: paths };
  }

  private kindOf(event: Json): 'RunEvent' | 'DatasetEvent' | 'JobEvent' {
    for (const kind of ['RunEvent', 'DatasetEvent', 'JobEvent'] as const) {
      if (this.ajv.getSchema(`${CORE_ID}#/$defs/${kind}`)!(event)) return kind;
    }
    throw new Error('core-valid event of no kind');
  }

  private containers(event: Json): [FacetLocation, string, unknown][] {
    const kind = this.kindOf(event);
    if (kind === 'DatasetEvent')
      return [['DatasetFacet', 'dataset.facets', (event['dataset'] as Json)['facets']]];
    const found: [FacetLocation, string, unknown][] = [
      ['JobFacet', 'job.facets', (event['job'] as Json)['facets']],
    ];
    if (kind === 'RunEvent')
      found.push(['RunFacet', 'run.facets', (event['run'] as Json)['facets']]);
    ((event['inputs'] ?? []) as Json[]).forEach((input, i) => {
      found.push(['DatasetFacet', `inputs.${i}.facets`, input['facets']]);
      found.push(['InputDatasetFacet', `inputs.${i}.inputFacets`, input['inputFacets']]);
    });
    ((event['outputs'] ?? []) as Json[]).forEach((output, i) => {
      found.push(['DatasetFacet', `outputs.${i}.facets`, output['facets']]);
      found.push(['OutputDatasetFacet', `outputs.${i}.outputFacets`, output['outputFacets']]);
    });
    return found;
  }

  private facetErrors(location: FacetLocation, path: string, facets: unknown): string[] {
    if (facets === undefined) return [];
    return Object.entries(facets as Json).flatMap(([key, facet]) => {
      const file = this.files.find((f) => f.key === key && f.locations.has(location));
      if (!file) return [];
      const validate = this.ajv.getSchema(file.id)!;
      if (validate({ [key]: facet })) return [];
      return (validate.errors ?? []).map(
        (error) => `${path}${error.instancePath.replaceAll('/', '.')}`,
      );
    });
  }
}

/** A minimal valid RunEvent carrying `facets` at `location`. */
export function eventWithFacets(location: FacetLocation, facets: Json): Json {
  const output: Json = { namespace: 'postgres://db:5432', name: 'shop.public.out' };
  const input: Json = { namespace: 'postgres://db:5432', name: 'shop.public.in' };
  const run: Json = { runId: '0f8b3c52-9a1e-4c55-8a57-6c1d2f0e7b10' };
  const job: Json = { namespace: 'scheduler', name: 'load' };
  if (location === 'RunFacet') run['facets'] = facets;
  if (location === 'JobFacet') job['facets'] = facets;
  if (location === 'DatasetFacet') output['facets'] = facets;
  if (location === 'InputDatasetFacet') input['inputFacets'] = facets;
  if (location === 'OutputDatasetFacet') output['outputFacets'] = facets;
  return {
    eventType: 'COMPLETE',
    eventTime: '2024-05-01T10:00:00Z',
    producer: 'https://example.com/producer',
    schemaURL: `${CORE_ID}#/$defs/RunEvent`,
    run,
    job,
    inputs: [input],
    outputs: [output],
  };
}
