/** Injection token of the configured `SearchIndex` driver. */
export const SEARCH_INDEX = Symbol('SEARCH_INDEX');
