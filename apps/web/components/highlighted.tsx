import { Fragment } from 'react';
import { highlightParts } from '../lib/highlight-parts';

/** A search highlight: the matches in `<em>`, everything else as text that React escapes. */
export function Highlighted({ fragment }: { fragment: string }) {
  return (
    <>
      {highlightParts(fragment).map((part, index) =>
        part.em ? <em key={index}>{part.text}</em> : <Fragment key={index}>{part.text}</Fragment>,
      )}
    </>
  );
}
