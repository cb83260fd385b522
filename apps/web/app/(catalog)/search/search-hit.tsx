import Link from 'next/link';
import { Highlighted } from '../../../components/highlighted';
import { highlightText } from '../../../lib/highlight-parts';
import type { SearchHighlight, SearchHit } from '../../../lib/queries';
import { hitHref } from '../../../lib/search-hits';

/** `glossary_term` reads better as "glossary term". */
export function typeLabel(type: string): string {
  return type.replaceAll('_', ' ');
}

function fragmentsOf(highlights: SearchHighlight[], field: string): string[] {
  return highlights.find((highlight) => highlight.field === field)?.fragments ?? [];
}

/**
 * One search result: type, name (linking to its page when it has one), FQN, description and the
 * highlighted matches. A highlight of the name or the description is shown in its place; the other
 * fields' highlights are listed below.
 */
export function SearchHitView({ hit }: { hit: SearchHit }) {
  const href = hitHref(hit);
  const title = hit.displayName ?? hit.name;
  const titleField = hit.displayName ? 'displayName' : 'name';
  // A fragment is cut around its first match; use it as the title only when it is the whole title.
  const titleFragment = fragmentsOf(hit.highlights, titleField).find(
    (fragment) => highlightText(fragment) === title,
  );
  const descriptionFragments = fragmentsOf(hit.highlights, 'description');
  const shown = new Set(titleFragment ? [titleField, 'description'] : ['description']);
  const others = hit.highlights.filter(
    (highlight) => !shown.has(highlight.field) && highlight.fragments.length > 0,
  );
  const name = titleFragment ? <Highlighted fragment={titleFragment} /> : title;

  return (
    <>
      <div className="hit-title">
        <span className="badge hit-type">{typeLabel(hit.type)}</span>
        {href ? (
          // Twenty results per keystroke: prefetching each would cost more than it saves.
          <Link href={href} prefetch={false} className="hit-name">
            {name}
          </Link>
        ) : (
          <span className="hit-name">{name}</span>
        )}
      </div>
      <code className="hit-fqn">{hit.fqn}</code>
      {descriptionFragments.length > 0 ? (
        <p className="hit-description">
          {descriptionFragments.map((fragment, index) => (
            <span key={index}>
              {index > 0 && ' … '}
              <Highlighted fragment={fragment} />
            </span>
          ))}
        </p>
      ) : (
        hit.description && <p className="hit-description">{hit.description}</p>
      )}
      {others.length > 0 && (
        <ul className="hit-highlights" data-testid="hit-highlights">
          {others.map((highlight) => (
            <li key={highlight.field}>
              <span className="hit-field">{highlight.field}</span>{' '}
              {highlight.fragments.map((fragment, index) => (
                <span key={index} className="hit-fragment">
                  {index > 0 && ' · '}
                  <Highlighted fragment={fragment} />
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
