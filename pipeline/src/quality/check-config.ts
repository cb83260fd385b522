import { z } from 'zod';

const DURATION = /^\d+\s*(second|minute|hour|day|week)s?$/;

const duration = z
  .string()
  .regex(DURATION, 'expected a duration such as "30 minutes", "2 hours" or "1 day"');
const literal = z.union([z.string(), z.number(), z.boolean()]);
const identifier = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'expected a lower-case column name');
const bounds = {
  min: z.number().optional(),
  max: z.number().optional(),
};

export const checkConfigSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('not_null') }),
  z.strictObject({ kind: z.literal('unique'), columns: z.array(identifier).min(1).optional() }),
  z.strictObject({ kind: z.literal('accepted_values'), values: z.array(literal).min(1) }),
  z
    .strictObject({ kind: z.literal('range'), ...bounds })
    .refine(
      (range) => range.min !== undefined || range.max !== undefined,
      'range needs min or max',
    ),
  z.strictObject({ kind: z.literal('non_negative') }),
  z.strictObject({
    kind: z.literal('relationships'),
    /** A model name, or source.table for a raw source. */
    to: z.string().regex(/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/),
    field: identifier,
  }),
  z.strictObject({
    kind: z.literal('freshness'),
    warn_after: duration.optional(),
    error_after: duration,
  }),
  z
    .strictObject({ kind: z.literal('row_count'), ...bounds })
    .refine(
      (range) => range.min !== undefined || range.max !== undefined,
      'row_count needs min or max',
    ),
  z.strictObject({
    kind: z.literal('custom_sql'),
    sql: z.string().min(1),
    description: z.string().optional(),
  }),
]);

export type CheckConfig = z.infer<typeof checkConfigSchema>;
export type CheckKind = CheckConfig['kind'];

/**
 * A check is written as a bare name (`not_null`) or a one-key map (`range: { min: 0 }`);
 * both become `{ kind, ...parameters }` before validation.
 */
export const checkEntrySchema = z
  .union([z.string(), z.record(z.string(), z.unknown())])
  .transform((entry, context) => {
    if (typeof entry === 'string') return { kind: entry };
    const keys = Object.keys(entry);
    const [kind] = keys;
    if (keys.length !== 1 || kind === undefined) {
      context.addIssue({ code: 'custom', message: 'a check is one name or a map with one key' });
      return z.NEVER;
    }
    const parameters = entry[kind] ?? {};
    if (typeof parameters !== 'object' || Array.isArray(parameters)) {
      context.addIssue({ code: 'custom', message: `parameters of ${kind} must be a map` });
      return z.NEVER;
    }
    return { ...parameters, kind };
  })
  .pipe(checkConfigSchema);

const COLUMN_ONLY: readonly CheckKind[] = [
  'not_null',
  'accepted_values',
  'range',
  'non_negative',
  'relationships',
  'freshness',
];
const MODEL_ONLY: readonly CheckKind[] = ['row_count', 'custom_sql'];

/** Why a check cannot sit where it was declared, or null when it can. */
export function misplacedCheck(check: CheckConfig, level: 'model' | 'column'): string | null {
  if (level === 'model' && COLUMN_ONLY.includes(check.kind)) {
    return `${check.kind} belongs under a column`;
  }
  if (level === 'model' && check.kind === 'unique' && !check.columns) {
    return 'unique on a model needs columns';
  }
  if (level === 'column' && MODEL_ONLY.includes(check.kind)) {
    return `${check.kind} belongs on the model, not a column`;
  }
  if (level === 'column' && check.kind === 'unique' && check.columns) {
    return 'unique on a column takes no columns; declare it on the model';
  }
  return null;
}
