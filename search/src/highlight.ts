const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/** Lower case without accents: how both drivers compare words. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a query as the index sees them: folded, split on anything but letters and digits. */
export function queryTerms(query: string): string[] {
  return [
    ...new Set(
      foldText(query)
        .split(/[^\p{L}\p{N}]+/u)
        .filter((term) => term.length > 0),
    ),
  ];
}

const FRAGMENT_CHARS = 160;

/**
 * `text` HTML-escaped with every word that starts with one of `terms` wrapped in `<em>`, cut to a
 * fragment around the first match; null when nothing matches.
 */
export function highlight(text: string, terms: readonly string[]): string | null {
  if (terms.length === 0 || text.length === 0) return null;
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  const matches = words.filter((word) => {
    const folded = foldText(word[0]);
    return terms.some((term) => folded.startsWith(term));
  });
  if (matches.length === 0) return null;
  const first = matches[0].index;
  const start = first > FRAGMENT_CHARS / 2 ? first - FRAGMENT_CHARS / 2 : 0;
  const end = Math.min(text.length, start + FRAGMENT_CHARS);
  let out = start > 0 ? '…' : '';
  let cursor = start;
  for (const match of matches) {
    const from = match.index;
    const to = from + match[0].length;
    if (from < start || to > end) continue;
    out += `${escapeHtml(text.slice(cursor, from))}<em>${escapeHtml(match[0])}</em>`;
    cursor = to;
  }
  out += escapeHtml(text.slice(cursor, end));
  return end < text.length ? `${out}…` : out;
}
