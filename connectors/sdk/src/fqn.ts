import { FqnError } from './errors.js';

const QUOTE = '"';
const SEPARATOR = '.';
const MAX_SHOWN_LENGTH = 120;

function show(fqn: string): string {
  const shown = fqn.length > MAX_SHOWN_LENGTH ? `${fqn.slice(0, MAX_SHOWN_LENGTH)}…` : fqn;
  return JSON.stringify(shown);
}

function fail(fqn: string, position: number, problem: string): never {
  throw new FqnError(`Invalid FQN ${show(fqn)}: ${problem}`, fqn, position);
}

/**
 * Quotes one FQN part if it needs it: a part containing a dot or a double quote is wrapped in
 * double quotes, with inner quotes doubled (`a"b` becomes `"a""b"`). Other parts are returned as is.
 *
 * @throws {@link FqnError} if the part is empty.
 */
export function quoteFqnPart(part: string): string {
  if (part.length === 0) {
    throw new FqnError('Invalid FQN part: parts must not be empty', part, 0);
  }
  if (!part.includes(SEPARATOR) && !part.includes(QUOTE)) return part;
  return `${QUOTE}${part.replaceAll(QUOTE, QUOTE + QUOTE)}${QUOTE}`;
}

/**
 * Joins name parts into a fully qualified name, e.g. `['pg', 'shop', 'public', 'orders']` becomes
 * `pg.shop.public.orders`. The result is canonical: {@link parseFqn} returns the same parts.
 *
 * @throws {@link FqnError} if there are no parts or a part is empty.
 */
export function buildFqn(parts: readonly string[]): string {
  if (parts.length === 0) {
    throw new FqnError('Invalid FQN: at least one part is required', '', 0);
  }
  return parts
    .map((part, index) => {
      if (part.length === 0) {
        throw new FqnError(
          `Invalid FQN parts ${JSON.stringify(parts)}: part ${index} is empty`,
          parts.join(SEPARATOR),
          index,
        );
      }
      return quoteFqnPart(part);
    })
    .join(SEPARATOR);
}

/**
 * Splits a fully qualified name into its unquoted parts; the inverse of {@link buildFqn}.
 * Quoting a part that does not need it is accepted (`"a".b` gives `['a', 'b']`).
 *
 * @throws {@link FqnError} naming the problem and its zero-based position: empty FQN, empty part,
 * unterminated quote, a stray quote inside an unquoted part, or characters after a closing quote.
 */
export function parseFqn(fqn: string): string[] {
  if (fqn.length === 0) fail(fqn, 0, 'the FQN is empty');
  const parts: string[] = [];
  let i = 0;
  for (;;) {
    const start = i;
    let part: string;
    if (fqn[i] === QUOTE) {
      part = '';
      i += 1;
      for (;;) {
        const close = fqn.indexOf(QUOTE, i);
        if (close === -1) fail(fqn, start, `unterminated quote starting at position ${start}`);
        part += fqn.slice(i, close);
        if (fqn[close + 1] === QUOTE) {
          part += QUOTE;
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      if (part.length === 0) fail(fqn, start, `empty quoted part at position ${start}`);
      if (i < fqn.length && fqn[i] !== SEPARATOR) {
        fail(fqn, i, `unexpected ${JSON.stringify(fqn[i])} after closing quote at position ${i}`);
      }
    } else {
      const end = fqn.indexOf(SEPARATOR, i);
      const stop = end === -1 ? fqn.length : end;
      part = fqn.slice(i, stop);
      const strayQuote = part.indexOf(QUOTE);
      if (strayQuote !== -1) {
        const at = i + strayQuote;
        fail(fqn, at, `unexpected quote at position ${at} inside an unquoted part`);
      }
      if (part.length === 0) {
        const where = start === 0 ? 'leading dot' : 'consecutive dots';
        fail(fqn, start, `empty part at position ${start} (${where})`);
      }
      i = stop;
    }
    parts.push(part);
    if (i >= fqn.length) return parts;
    // fqn[i] is a separator here; a separator at the very end leaves an empty last part.
    i += 1;
    if (i === fqn.length) fail(fqn, i, `empty part at position ${i} (trailing dot)`);
  }
}

/**
 * The FQN of the enclosing entity (`a.b.c` gives `a.b`), or `null` for a single-part FQN.
 *
 * @throws {@link FqnError} if `fqn` is not a valid FQN.
 */
export function parentFqn(fqn: string): string | null {
  const parts = parseFqn(fqn);
  return parts.length <= 1 ? null : buildFqn(parts.slice(0, -1));
}

/**
 * Number of parts in an FQN (`service.db.schema.table` gives 4).
 *
 * @throws {@link FqnError} if `fqn` is not a valid FQN.
 */
export function fqnDepth(fqn: string): number {
  return parseFqn(fqn).length;
}

/**
 * Rewrites an FQN in canonical form (quotes only where needed), e.g. `"a".b` becomes `a.b`.
 *
 * @throws {@link FqnError} if `fqn` is not a valid FQN.
 */
export function normalizeFqn(fqn: string): string {
  return buildFqn(parseFqn(fqn));
}
