import { z } from 'zod';
import { formatIssues } from '@almanac/sdk';
import {
  datasetEventSchema,
  jobEventSchema,
  runEventSchema,
  type OpenLineageEvent,
} from './event-schema.js';

type Candidate = OpenLineageEvent['type'];

const requiredMessage: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined;

function has(value: object, key: string): boolean {
  return Object.hasOwn(value, key);
}

/** The spec's `not` clauses: a DatasetEvent never has both job and run, a JobEvent never a run. */
function allowedKinds(value: object): Set<Candidate> {
  const kinds = new Set<Candidate>(['run']);
  if (!(has(value, 'job') && has(value, 'run'))) kinds.add('dataset');
  if (!has(value, 'run')) kinds.add('job');
  return kinds;
}

/** The kind whose problems explain a rejected event best, judged by the fields it carries. */
function intendedKind(value: object): Candidate | null {
  if (has(value, 'run')) return has(value, 'job') || !has(value, 'dataset') ? 'run' : 'dataset';
  if (has(value, 'dataset')) return 'dataset';
  if (has(value, 'job')) return 'job';
  return null;
}

const SCHEMAS = { run: runEventSchema, dataset: datasetEventSchema, job: jobEventSchema };

function tryKind(kind: Candidate, value: object) {
  return SCHEMAS[kind].safeParse(value, { error: requiredMessage });
}

/**
 * An OpenLineage event (spec 2-0-2): exactly one of RunEvent, DatasetEvent and JobEvent, as the
 * spec's `oneOf` demands, with the standard facets checked against their own schemas. Unknown
 * facets only need `_producer` and `_schemaURL` and are kept. Issues name the field path.
 */
export const openLineageEventSchema = z.unknown().transform((value, ctx): OpenLineageEvent => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: 'expected an OpenLineage event (a JSON object)' });
    return z.NEVER;
  }
  const allowed = allowedKinds(value);
  const matches = [...allowed].flatMap((kind) => {
    const parsed = tryKind(kind, value);
    return parsed.success ? [{ type: kind, event: parsed.data } as OpenLineageEvent] : [];
  });
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    ctx.addIssue({
      code: 'custom',
      message: `ambiguous event: it is both a ${matches.map((m) => m.type).join(' and a ')} event (a job with a dataset needs a run to be a RunEvent)`,
    });
    return z.NEVER;
  }
  const kind = intendedKind(value);
  if (kind === null) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected a RunEvent (run and job), a DatasetEvent (dataset) or a JobEvent (job)',
    });
    return z.NEVER;
  }
  const parsed = tryKind(kind, value);
  for (const issue of parsed.error?.issues ?? []) {
    ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path, input: value });
  }
  return z.NEVER;
});

/** Result of {@link parseOpenLineageEvent}. */
export type ParsedEventResult =
  { ok: true; event: OpenLineageEvent } | { ok: false; reasons: string[] };

/** Validates one decoded JSON value as an OpenLineage event; reasons read `path: problem`. */
export function parseOpenLineageEvent(value: unknown): ParsedEventResult {
  const parsed = openLineageEventSchema.safeParse(value);
  if (parsed.success) return { ok: true, event: parsed.data };
  return { ok: false, reasons: parsed.error.issues.map((issue) => formatIssues([issue])) };
}
