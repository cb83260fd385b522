/**
 * Search highlights arrive as HTML: the text escaped, the matches wrapped in `<em>`. Rather than
 * trusting that and injecting it as HTML, the page splits it into plain text parts and lets React
 * escape them again, so whatever the API sends can only ever show up as text.
 */

export interface HighlightPart {
  text: string;
  /** Inside an `<em>`: a match. */
  em: boolean;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** Undoes HTML escaping in one pass, so that `&amp;lt;` stays the text `&lt;`. */
export function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (entity, body: string) => {
    if (body.startsWith('#')) {
      const hex = body[1] === 'x' || body[1] === 'X';
      const code = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
      // Lone surrogates and out-of-range code points are not text; leave them as written.
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return entity;
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}

/**
 * A highlight fragment as text parts, emphasised or not. Only the exact tags `<em>` and `</em>`
 * count as markup; anything else, `<script>` included, is text. Unbalanced tags do no harm: a
 * stray `</em>` is dropped, an unclosed `<em>` emphasises the rest.
 */
export function highlightParts(fragment: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  let depth = 0;
  const push = (raw: string) => {
    const text = unescapeHtml(raw);
    if (text === '') return;
    const em = depth > 0;
    const last = parts.at(-1);
    if (last && last.em === em) last.text += text;
    else parts.push({ text, em });
  };
  let cursor = 0;
  for (const tag of fragment.matchAll(/<(\/?)em>/gi)) {
    push(fragment.slice(cursor, tag.index));
    cursor = tag.index + tag[0].length;
    if (tag[1] === '/') depth = Math.max(0, depth - 1);
    else depth += 1;
  }
  push(fragment.slice(cursor));
  return parts;
}

/** A fragment's text without the markup: what a screen reader or a tooltip should get. */
export function highlightText(fragment: string): string {
  return highlightParts(fragment)
    .map((part) => part.text)
    .join('');
}
