/** Injection tokens for infrastructure ports. */
export const DATABASE = Symbol('DATABASE');
export const QUERY_COUNTER = Symbol('QUERY_COUNTER');
