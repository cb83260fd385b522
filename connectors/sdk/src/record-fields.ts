import { z } from 'zod';
import { FqnError } from './errors.js';
import { buildFqn, parseFqn } from './fqn.js';

/** Any JSON value. */
export const jsonValueSchema = z.json();
/** Any JSON value. */
export type JsonValue = z.infer<typeof jsonValueSchema>;

/** A JSON object with arbitrary values, used for free-form attributes and parameters. */
export const jsonObjectSchema = z.record(z.string(), jsonValueSchema);

/** How many parts an FQN field must have, and how to describe it in error messages. */
export interface FqnRule {
  /** What the FQN names, e.g. `table`. */
  readonly what: string;
  readonly minParts: number;
  /** Omit for no upper bound. */
  readonly maxParts?: number;
  /** The expected layout, e.g. `service.database.schema.table`. */
  readonly layout: string;
}

function exactly(what: string, layout: string): FqnRule {
  const parts = layout.split('.').length;
  return { what, minParts: parts, maxParts: parts, layout };
}

/** FQN shapes of the catalog, in the OpenMetadata convention. */
export const FQN_RULES = {
  service: exactly('service', 'service'),
  database: exactly('database', 'service.database'),
  schema: exactly('schema', 'service.database.schema'),
  table: exactly('table', 'service.database.schema.table'),
  // Nested (struct) columns append further parts after the column name.
  column: { what: 'column', minParts: 5, layout: 'service.database.schema.table.column' },
  tableOrColumn: {
    what: 'table or column',
    minParts: 4,
    layout: 'service.database.schema.table[.column]',
  },
  pipeline: exactly('pipeline', 'service.pipeline'),
  dashboard: exactly('dashboard', 'service.dashboard'),
  classification: exactly('classification', 'classification'),
  tag: exactly('tag', 'classification.tag'),
  // Tag references also accept glossary terms, which may nest.
  tagRef: { what: 'tag', minParts: 2, layout: 'classification.tag or glossary.term' },
  glossaryTerm: { what: 'glossary term', minParts: 2, layout: 'glossary.term' },
  user: exactly('user', 'user'),
  team: exactly('team', 'team'),
  domain: exactly('domain', 'domain'),
  testCase: {
    what: 'test case',
    minParts: 5,
    layout: 'tested table or column FQN + test name',
  },
  any: { what: 'entity', minParts: 1, layout: 'any FQN' },
} as const satisfies Record<string, FqnRule>;

function depthProblem(parts: number, rule: FqnRule): string | null {
  if (parts >= rule.minParts && (rule.maxParts === undefined || parts <= rule.maxParts)) {
    return null;
  }
  const expected =
    rule.maxParts === rule.minParts
      ? `${rule.minParts} part${rule.minParts === 1 ? '' : 's'}`
      : `at least ${rule.minParts} parts`;
  return `expected a ${rule.what} FQN with ${expected} (${rule.layout}), got ${parts}`;
}

function depthProblemOfAny(parts: number, rules: readonly FqnRule[]): string | null {
  const problems = rules.map((rule) => depthProblem(parts, rule));
  if (problems.some((problem) => problem === null)) return null;
  if (rules.length === 1) return problems[0];
  const what = rules.map((rule) => rule.what).join(' or ');
  const layouts = rules.map((rule) => rule.layout).join(' or ');
  return `expected a ${what} FQN (${layouts}), got ${parts} parts`;
}

/**
 * A string field holding an FQN: it must parse with {@link parseFqn} and have the depth the rule
 * (or one of the rules) asks for. The parsed value is rewritten in canonical form so the same
 * entity always has the same FQN, however the producer chose to quote it.
 */
export function fqnSchema(rule: FqnRule | readonly FqnRule[]) {
  const rules: readonly FqnRule[] = 'what' in rule ? [rule] : rule;
  return z.string().transform((value, ctx) => {
    let parts: string[];
    try {
      parts = parseFqn(value);
    } catch (error) {
      if (!(error instanceof FqnError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message, input: value });
      return z.NEVER;
    }
    const problem = depthProblemOfAny(parts.length, rules);
    if (problem !== null) {
      ctx.addIssue({ code: 'custom', message: problem, input: value });
      return z.NEVER;
    }
    return buildFqn(parts);
  });
}

/** A non-empty string. */
export const nameSchema = z.string().min(1);

/** Adds an issue for every repeated name in an array, pointing at the repeat. */
export function uniqueNames<T extends { name: string }>(what: string) {
  return (items: T[], ctx: z.core.$RefinementCtx<T[]>): void => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const first = seen.get(item.name);
      if (first === undefined) {
        seen.set(item.name, index);
        return;
      }
      ctx.addIssue({
        code: 'custom',
        path: [index, 'name'],
        message: `duplicate ${what} name ${JSON.stringify(item.name)} (first at index ${first})`,
        input: item.name,
      });
    });
  };
}

/** An owner of an entity: a user or a team, by name. */
export const ownerSchema = z.strictObject({
  type: z.enum(['user', 'team']),
  name: nameSchema,
});
/** An owner of an entity: a user or a team, by name. */
export type Owner = z.infer<typeof ownerSchema>;

/** Where a tag assignment came from. */
export const TAG_SOURCES = ['manual', 'automated', 'propagated', 'glossary'] as const;
/** Review state of a tag assignment. */
export const TAG_STATES = ['suggested', 'confirmed', 'rejected'] as const;

/** A tag (or glossary term) applied to something. */
export const tagRefSchema = z.strictObject({
  tagFqn: fqnSchema(FQN_RULES.tagRef),
  source: z.enum(TAG_SOURCES).default('manual'),
  state: z.enum(TAG_STATES).default('confirmed'),
  confidence: z.number().min(0).max(1).optional(),
  provenance: jsonObjectSchema.optional(),
});
/** A tag reference after parsing (defaults applied). */
export type TagRef = z.infer<typeof tagRefSchema>;
/** A tag reference as a producer may write it (defaults optional). */
export type TagRefInput = z.input<typeof tagRefSchema>;

/** Optional fields shared by every catalog entity record. */
export const entityFields = {
  displayName: nameSchema.optional(),
  description: z.string().optional(),
  owners: z.array(ownerSchema).optional(),
  domain: fqnSchema(FQN_RULES.domain).optional(),
  tier: fqnSchema(FQN_RULES.tag).optional(),
  tags: z.array(tagRefSchema).optional(),
  attributes: jsonObjectSchema.optional(),
};
