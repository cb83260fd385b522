import Link from 'next/link';
import type { SearchFacet } from '../../../lib/queries';
import { facetGroups, hasFilters, searchHref, type SearchState } from '../../../lib/search-params';
import { FacetCheckbox } from './search-controls';
import { typeLabel } from './search-hit';

const FACET_LABELS: Record<string, string> = {
  type: 'Type',
  service: 'Service',
  database: 'Database',
  schema: 'Schema',
  tag: 'Tag',
  glossaryTerm: 'Glossary term',
  owner: 'Owner',
  domain: 'Domain',
  tier: 'Tier',
  containsPii: 'Personal data',
};

function valueLabel(field: string, value: string): string {
  if (field === 'type') return typeLabel(value);
  if (field === 'containsPii') return value === 'true' ? 'contains PII' : 'no PII';
  return value;
}

/** The facet sidebar: one group of checkboxes per facet; checked values narrow the results. */
export function FacetList({ facets, state }: { facets: SearchFacet[]; state: SearchState }) {
  const groups = facetGroups(facets, state);
  return (
    <aside className="facets" aria-label="Filters">
      {hasFilters(state) && (
        <p>
          <Link href={searchHref({ q: state.q, sort: state.sort })}>Clear filters</Link>
        </p>
      )}
      {groups.map((group) => (
        <fieldset key={group.field} className="facet" data-facet={group.field}>
          <legend>{FACET_LABELS[group.field] ?? group.field}</legend>
          <ul>
            {group.options.map((option) => (
              <li key={option.value}>
                <FacetCheckbox
                  field={group.field}
                  value={option.value}
                  label={valueLabel(group.field, option.value)}
                  count={option.count}
                  checked={option.active}
                  href={option.href}
                />
              </li>
            ))}
          </ul>
        </fieldset>
      ))}
    </aside>
  );
}
