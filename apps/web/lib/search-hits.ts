/** Where a search result leads: the asset page knows catalog entities, not every kind of hit. */

import { assetHref } from './format';

/**
 * The FQN of the parent of `fqn` (a column's table), or null for a one-part FQN. Parts may be
 * quoted and contain dots (`svc.db."raw.data".t`), so only a dot outside quotes separates; a
 * doubled quote inside a quoted part toggles twice and so changes nothing.
 */
export function parentFqn(fqn: string): string | null {
  let quoted = false;
  let lastDot = -1;
  for (let i = 0; i < fqn.length; i += 1) {
    if (fqn[i] === '"') quoted = !quoted;
    else if (fqn[i] === '.' && !quoted) lastDot = i;
  }
  return lastDot > 0 ? fqn.slice(0, lastDot) : null;
}

/**
 * The page of a hit. Tables, pipelines, dashboards, tags, users and teams are entities of the same
 * type on the asset page; a view is stored as a table, so it goes without a type; a column opens
 * its table; a glossary term has no page yet, so null.
 */
export function hitHref(hit: { fqn: string; type: string }): string | null {
  switch (hit.type) {
    case 'view':
      return assetHref(hit.fqn);
    case 'column': {
      const table = parentFqn(hit.fqn);
      return table ? assetHref(table) : null;
    }
    case 'glossary_term':
      return null;
    default:
      return assetHref(hit.fqn, hit.type);
  }
}
