import { diffSpecs, hasChanges, nextVersion } from './change-description.js';

const table = {
  kind: 'table',
  fqn: 'shop.db.public.orders',
  description: 'Orders',
  columns: [
    { name: 'id', dataType: 'bigint', nullable: false },
    { name: 'total', dataType: 'numeric', nullable: true },
  ],
};

describe('diffSpecs', () => {
  it('reports nothing for identical specs', () => {
    const diff = diffSpecs(table, structuredClone(table));
    expect(hasChanges(diff)).toBe(false);
    expect(diff.breaking).toBe(false);
  });

  it('reports an updated description as a compatible change', () => {
    const diff = diffSpecs(table, { ...table, description: 'All orders' });
    expect(diff.changes.fieldsUpdated).toEqual([
      { name: 'description', oldValue: 'Orders', newValue: 'All orders' },
    ]);
    expect(diff.breaking).toBe(false);
  });

  it('reports an added column as compatible and a dropped column as breaking', () => {
    const added = diffSpecs(table, {
      ...table,
      columns: [...table.columns, { name: 'note', dataType: 'text', nullable: true }],
    });
    expect(added.changes.fieldsAdded.map((f) => f.name)).toEqual(['columns.note']);
    expect(added.breaking).toBe(false);

    const dropped = diffSpecs(table, { ...table, columns: [table.columns[0]] });
    expect(dropped.changes.fieldsDeleted.map((f) => f.name)).toEqual(['columns.total']);
    expect(dropped.breaking).toBe(true);
  });

  it('treats a changed column type as breaking and names the field', () => {
    const diff = diffSpecs(table, {
      ...table,
      columns: [table.columns[0], { name: 'total', dataType: 'text', nullable: true }],
    });
    expect(diff.changes.fieldsUpdated).toEqual([
      { name: 'columns.total.dataType', oldValue: 'numeric', newValue: 'text' },
    ]);
    expect(diff.breaking).toBe(true);
  });

  it('ignores column order', () => {
    const diff = diffSpecs(table, { ...table, columns: [...table.columns].reverse() });
    expect(hasChanges(diff)).toBe(false);
  });

  it('reports added and deleted top-level fields', () => {
    const { description: _dropped, ...withoutDescription } = table;
    const diff = diffSpecs(table, { ...withoutDescription, tier: 'Tier.Tier1' });
    expect(diff.changes.fieldsAdded).toEqual([{ name: 'tier', newValue: 'Tier.Tier1' }]);
    expect(diff.changes.fieldsDeleted).toEqual([{ name: 'description', oldValue: 'Orders' }]);
  });
});

describe('nextVersion', () => {
  it('adds 0.1 for a compatible change and 1.0 for a breaking one', () => {
    expect(nextVersion(0.1, false)).toBe(0.2);
    expect(nextVersion(0.9, false)).toBe(1);
    expect(nextVersion(0.2, true)).toBe(1.2);
  });
});
