/** Queries made of query-language syntax and injection attempts: every driver must answer them safely. */
export const HOSTILE_QUERIES: readonly string[] = [
  `'; DROP TABLE entity; --`,
  '"unbalanced quote',
  'a & | ! ( ) : * <-> \\',
  'name:customers AND (',
  '{"match_all":{}}',
  'type:table OR fqn:*',
  '/.*/',
  '%_%',
  '  ',
];
