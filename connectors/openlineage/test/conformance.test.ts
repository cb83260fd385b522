import { basename, join } from 'node:path';
import { parseOpenLineageEvent } from '../src/index.js';
import {
  OPENLINEAGE_DIR,
  ReferenceValidator,
  eventWithFacets,
  jsonFilesIn,
  readJson,
  sharedDataPresent,
} from './support/openlineage-data.js';

type Json = Record<string, unknown>;

const EXPECTED_REASONS: Record<string, RegExp[]> = {
  'event_full.json': [
    /^inputs\.0\.inputFacets\.dataQualityMetrics\.columnMetrics: is required/,
    /^inputs\.0\.facets\.dataSource\.uri: must be an absolute URI/,
  ],
  'event_invalid_dataset_facet.json': [
    /^outputs\.0\.facets\.ownership\.owners\.0\.name: is required/,
  ],
  'event_invalid_input_dataset_facet.json': [
    /^inputs\.0\.inputFacets\.dataQualityMetrics\.columnMetrics: is required/,
  ],
  'event_invalid_job_facet.json': [/^job\.facets\.ownership\.owners\.0\.name: is required/],
  'event_invalid_output_dataset_facet.json': [
    /^outputs\.0\.outputFacets\.outputStatistics\.rowCount: .*expected number, received string/,
  ],
  'event_invalid_run_facet.json': [/^run\.facets\.parent\.run\.runId: is required/],
  'event_no_run_id.json': [/^run\.runId: is required/],
  'serde_example_dataset_event.json': [
    /^eventTime: must be an RFC 3339 date-time with a UTC offset/,
  ],
  'serde_example_job_event.json': [/^eventTime: must be an RFC 3339 date-time with a UTC offset/],
  'serde_example_run_event.json': [/^eventTime: must be an RFC 3339 date-time with a UTC offset/],
  'nominal_time_without_end.json': [/expected a RunEvent/],
};

function expectSameVerdict(reference: ReferenceValidator, event: unknown, label: string) {
  const expected = reference.validate(event);
  const actual = parseOpenLineageEvent(event);
  expect({ label, valid: actual.ok }).toEqual({ label, valid: expected.valid });
  if (actual.ok) return;
  expect(actual.reasons.length).toBeGreaterThan(0);
  for (const path of expected.facetErrorPaths) {
    expect({ label, path, named: actual.reasons.some((r) => r.startsWith(path)) }).toEqual({
      label,
      path,
      named: true,
    });
  }
}

/** A file holding one bare facet (`_producer` at the top) is wrapped where its schema puts it. */
function bareFacetEvents(reference: ReferenceValidator, facet: Json): Json[] {
  const definition = String(facet['_schemaURL']).split('/').pop()!;
  const found = reference.facetByDefinition(definition);
  if (!found) throw new Error(`no schema for facet ${definition}`);
  return found.locations.map((location) => eventWithFacets(location, { [found.key]: facet }));
}

describe('the zod schema accepts exactly the events the official JSON Schemas accept', () => {
  if (!sharedDataPresent()) {
    it('is skipped: the shared OpenLineage data is absent', () => undefined);
    return;
  }
  const reference = new ReferenceValidator();
  const examples = join(OPENLINEAGE_DIR, 'examples');
  const eventFiles = [
    ...jsonFilesIn(join(examples, 'client-python')),
    ...jsonFilesIn(join(examples, 'proxy-fluentd')),
    ...jsonFilesIn(join(examples, 'spark-serde')),
    join(examples, 'spec-tests', 'example_full_event.json'),
  ];

  it.each(eventFiles.map((path) => [basename(path), path]))('%s', (_name, path) => {
    const event = readJson(path) as Json;
    expectSameVerdict(reference, event, path);
    if ('_producer' in event) {
      for (const wrapped of bareFacetEvents(reference, event)) {
        expectSameVerdict(reference, wrapped, `${path} wrapped`);
      }
    }
  });

  it.each([
    'client-python/example_full_event.json',
    'proxy-fluentd/event_simple.json',
    'spec-tests/example_full_event.json',
  ])('accepts %s, which the data README calls valid', (name) => {
    expect(parseOpenLineageEvent(readJson(join(examples, name)))).toMatchObject({ ok: true });
  });

  it.each(Object.entries(EXPECTED_REASONS))('rejects %s naming the field', (name, reasons) => {
    const path = eventFiles.find((file) => basename(file) === name)!;
    const result = parseOpenLineageEvent(readJson(path));
    expect(result.ok).toBe(false);
    const actual = result.ok ? [] : result.reasons;
    for (const reason of reasons) expect(actual).toContainEqual(expect.stringMatching(reason));
  });

  it('names the field of a bare facet wrapped in an event', () => {
    const path = eventFiles.find((file) => basename(file) === 'nominal_time_without_end.json')!;
    const [wrapped] = bareFacetEvents(reference, readJson(path) as Json);
    const result = parseOpenLineageEvent(wrapped);
    expect(result).toEqual({
      ok: false,
      reasons: [
        expect.stringMatching(/^run\.facets\.nominalTime\.nominalStartTime: must be an RFC 3339/),
      ],
    });
  });

  const facetDirs = jsonFilesIn(join(examples, 'spec-tests')).filter(
    (path) => basename(path) !== 'example_full_event.json',
  );
  it.each(facetDirs.map((path) => [path.split('/').slice(-2).join('/'), path]))(
    'spec-tests facet %s, wrapped in a minimal event',
    (_name, path) => {
      const definition = path.split('/').slice(-2)[0];
      const found = reference.facetByDefinition(definition);
      expect(found).toBeDefined();
      for (const location of found!.locations) {
        const event = eventWithFacets(location, readJson(path) as Json);
        expectSameVerdict(reference, event, `${path} at ${location}`);
        expect(reference.validate(event).valid).toBe(true);
      }
    },
  );

  it('checks the validator is not vacuous: a broken standard facet fails both', () => {
    const event = eventWithFacets('JobFacet', {
      sql: { _producer: 'https://example.com', _schemaURL: 'https://example.com/s', query: 42 },
    });
    expect(reference.validate(event).valid).toBe(false);
    expect(parseOpenLineageEvent(event)).toEqual({
      ok: false,
      reasons: [expect.stringMatching(/^job\.facets\.sql\.query: /)],
    });
  });
});
