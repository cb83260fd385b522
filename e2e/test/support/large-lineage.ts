/**
 * A synthetic lineage graph for the browser test: a root table feeding `layers` layers of `width`
 * tables each (all catalogued, as lineage edges require), every table fed by two tables of the layer before, with the `id`
 * column mapped along every edge.
 */
export interface LargeLineage {
  root: string;
  tableCount: number;
  edgeCount: number;
  records: object[];
}

const SCHEMA = 'lineage_scale.warehouse.layers';

function tableFqn(layer: number, index: number): string {
  return `${SCHEMA}.t_${layer}_${index}`;
}

function table(fqn: string): object {
  return { kind: 'table', fqn, columns: [{ name: 'id', dataType: 'bigint' }] };
}

function edge(from: string, to: string): object {
  return {
    kind: 'lineage_edge',
    from,
    to,
    source: 'manual',
    columns: [
      {
        from: [`${from}.id`],
        to: `${to}.id`,
        transformation: { type: 'DIRECT', subtype: 'IDENTITY' },
      },
    ],
  };
}

export function largeLineage(layers: number, width: number): LargeLineage {
  const root = `${SCHEMA}.root`;
  const records: object[] = [
    { kind: 'service', fqn: 'lineage_scale', serviceType: 'Postgres' },
    { kind: 'database', fqn: 'lineage_scale.warehouse' },
    { kind: 'schema', fqn: SCHEMA },
    table(root),
  ];
  for (let layer = 1; layer <= layers; layer += 1) {
    for (let index = 0; index < width; index += 1) records.push(table(tableFqn(layer, index)));
  }
  for (let index = 0; index < width; index += 1) records.push(edge(root, tableFqn(1, index)));
  for (let layer = 2; layer <= layers; layer += 1) {
    for (let index = 0; index < width; index += 1) {
      records.push(edge(tableFqn(layer - 1, index), tableFqn(layer, index)));
      records.push(edge(tableFqn(layer - 1, (index * 7 + 3) % width), tableFqn(layer, index)));
    }
  }
  const tableCount = 1 + layers * width;
  return { root, tableCount, edgeCount: records.length - 3 - tableCount, records };
}
