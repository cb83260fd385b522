import { z } from 'zod';

type OptionalShape<S extends Record<string, z.ZodType>> = { [K in keyof S]: z.ZodOptional<S[K]> };

/**
 * The facets of one place in an event: the standard facets under their keys are checked against
 * their own schemas, any other key only against the base facet, and kept as sent.
 */
export function facetContainer<S extends Record<string, z.ZodType>, F extends z.ZodType>(
  standard: S,
  fallback: F,
) {
  const shape = Object.fromEntries(
    Object.entries(standard).map(([key, schema]) => [key, schema.optional()]),
  ) as OptionalShape<S>;
  return z.object(shape).catchall(fallback);
}
