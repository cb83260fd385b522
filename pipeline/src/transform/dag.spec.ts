import { buildDag, selectWithDescendants } from './dag.js';
import { TransformError } from './errors.js';

function failure(run: () => unknown): TransformError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TransformError);
    return error as TransformError;
  }
  throw new Error('expected a TransformError');
}

describe('buildDag', () => {
  const nodes = [
    { name: 'report', refs: ['orders', 'customers'] },
    { name: 'orders', refs: ['events'] },
    { name: 'events', refs: [] },
    { name: 'customers', refs: [] },
    { name: 'audit', refs: ['events'] },
  ];

  it('orders parents before children, breaking ties by name', () => {
    const dag = buildDag(nodes);
    expect(dag.order).toEqual(['customers', 'events', 'audit', 'orders', 'report']);
    expect(dag.parents.get('report')).toEqual(['customers', 'orders']);
    expect(dag.children.get('events')).toEqual(['audit', 'orders']);
  });

  it('names the models of a cycle', () => {
    const error = failure(() =>
      buildDag([
        { name: 'a', refs: ['c'] },
        { name: 'b', refs: ['a'] },
        { name: 'c', refs: ['b'] },
        { name: 'd', refs: [] },
      ]),
    );
    expect(error.code).toBe('DAG_CYCLE');
    expect(error.message).toBe('models form a cycle: a -> b -> c -> a');
  });

  it('treats a model that refs itself as a cycle', () => {
    expect(failure(() => buildDag([{ name: 'a', refs: ['a'] }])).message).toBe(
      'models form a cycle: a -> a',
    );
  });

  it('names the model and the unknown ref', () => {
    const error = failure(() => buildDag([{ name: 'orders', refs: ['evnets'] }]));
    expect(error.code).toBe('UNKNOWN_REF');
    expect(error.message).toBe('model "orders" refers to unknown model "evnets"');
  });

  it('selects a model and its descendants in run order', () => {
    const dag = buildDag(nodes);
    expect(selectWithDescendants(dag, ['orders'])).toEqual(['orders', 'report']);
    expect(selectWithDescendants(dag, ['events'])).toEqual(['events', 'audit', 'orders', 'report']);
    expect(failure(() => selectWithDescendants(dag, ['nope'])).code).toBe('UNKNOWN_MODEL');
  });
});
