const PRODUCER = 'https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/airflow';
const facet = (name: string) => ({
  _producer: PRODUCER,
  _schemaURL: `https://openlineage.io/spec/facets/1-0-0/${name}.json#/$defs/${name}`,
});
const WAREHOUSE = 'postgres://db.example.com:5432';

/** A COMPLETE run of an Airflow task with the facets the catalog maps. */
export function realisticEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventType: 'COMPLETE',
    eventTime: '2024-05-01T12:00:00+02:00',
    producer: PRODUCER,
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: '3f5e83fa-3480-44ff-99c5-ff943904e5e8' },
    job: {
      namespace: 'airflow-prod',
      name: 'shop.daily_revenue',
      facets: {
        sql: { ...facet('SQLJobFacet'), query: 'insert into marts.daily_revenue select ...' },
        documentation: { ...facet('DocumentationJobFacet'), description: 'Revenue per day' },
        ownership: { ...facet('OwnershipJobFacet'), owners: [{ name: 'team:analytics' }] },
        tags: { ...facet('TagsJobFacet'), tags: [{ key: 'Tier', value: 'Gold' }] },
      },
    },
    inputs: [
      {
        namespace: WAREHOUSE,
        name: 'shop.public.orders',
        facets: {
          schema: {
            ...facet('SchemaDatasetFacet'),
            fields: [
              { name: 'id', type: 'bigint', ordinal_position: 1 },
              { name: 'amount', type: 'numeric(12,2)', description: 'Order total' },
              { name: 'customer_email', type: 'text' },
              { name: 'ordered_at', type: 'timestamptz' },
            ],
          },
          documentation: { ...facet('DocumentationDatasetFacet'), description: 'Orders' },
          ownership: {
            ...facet('OwnershipDatasetFacet'),
            owners: [{ name: 'user:jdoe', type: 'MAINTAINER' }],
          },
          tags: {
            ...facet('TagsDatasetFacet'),
            tags: [{ key: 'PII', value: 'Sensitive', field: 'customer_email', source: 'CONFIG' }],
          },
        },
        inputFacets: {
          dataQualityAssertions: {
            ...facet('DataQualityAssertionsDatasetFacet'),
            assertions: [
              { assertion: 'not_null', success: true, column: 'id' },
              { assertion: 'row_count_positive', success: false, expected: '>0', actual: '0' },
            ],
          },
        },
      },
    ],
    outputs: [
      {
        namespace: WAREHOUSE,
        name: 'shop.marts.daily_revenue',
        facets: {
          schema: {
            ...facet('SchemaDatasetFacet'),
            fields: [
              { name: 'day', type: 'date' },
              { name: 'revenue', type: 'numeric' },
            ],
          },
          columnLineage: {
            ...facet('ColumnLineageDatasetFacet'),
            fields: {
              day: {
                inputFields: [
                  {
                    namespace: WAREHOUSE,
                    name: 'shop.public.orders',
                    field: 'ordered_at',
                    transformations: [{ type: 'DIRECT', subtype: 'TRANSFORMATION' }],
                  },
                ],
              },
              revenue: {
                inputFields: [
                  {
                    namespace: WAREHOUSE,
                    name: 'shop.public.orders',
                    field: 'amount',
                    transformations: [{ type: 'DIRECT', subtype: 'AGGREGATION' }],
                  },
                  {
                    namespace: WAREHOUSE,
                    name: 'shop.public.orders',
                    field: 'ordered_at',
                    transformations: [{ type: 'INDIRECT', subtype: 'GROUP_BY' }],
                  },
                ],
              },
            },
          },
        },
      },
    ],
    ...overrides,
  };
}
