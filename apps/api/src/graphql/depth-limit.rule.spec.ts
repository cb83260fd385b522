import { buildSchema, parse, validate } from 'graphql';
import { depthLimit } from './depth-limit.rule.js';

const schema = buildSchema(`type Node { name: String, child: Node } type Query { root: Node }`);

function errorsFor(query: string, max: number): string[] {
  return validate(schema, parse(query), [depthLimit(max)]).map((e) => e.message);
}

describe('depthLimit', () => {
  it('accepts a query at the limit', () => {
    expect(errorsFor('{ root { child { name } } }', 3)).toEqual([]);
  });

  it('refuses a deeper query, counting through fragments', () => {
    expect(errorsFor('{ root { child { child { name } } } }', 3)).toEqual([
      'query depth 4 exceeds the limit of 3',
    ]);
    const viaFragment = 'query { root { ...F } } fragment F on Node { child { child { name } } }';
    expect(errorsFor(viaFragment, 3)).toEqual(['query depth 4 exceeds the limit of 3']);
  });

  it('does not loop on a fragment that spreads itself', () => {
    const cyclic = 'query { root { ...F } } fragment F on Node { name ...F }';
    expect(errorsFor(cyclic, 5)).toEqual([]);
  });
});
