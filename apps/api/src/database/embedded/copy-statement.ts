/**
 * Recognises `COPY … FROM STDIN` in a client's SQL, which the embedded server must run itself:
 * PGlite has no client connection to read COPY data from, and a COPY that waits for it ends the
 * whole PostgreSQL backend. Just enough of PostgreSQL's lexer is implemented to do this safely:
 * comments (nested ones too), quoted identifiers, string constants of every kind, dollar quoting
 * and parentheses, so that a `FROM STDIN` inside a string, a comment or a subquery is never
 * mistaken for the statement's own.
 *
 * The text is read as latin1, one character per byte: everything PostgreSQL's grammar looks at is
 * ASCII, bytes of other characters are identifier characters (as in PostgreSQL's lexer), and a
 * rewritten statement goes back to exactly the client's bytes, whatever its client_encoding.
 */

export type QueryKind =
  | {
      readonly kind: 'copy-from-stdin';
      /** The statement, with STDIN replaced by a file PostgreSQL reads the data from. */
      readonly readingFrom: (path: string) => Buffer;
    }
  /** A query of several statements, one of them COPY FROM STDIN. */
  | { readonly kind: 'copy-from-stdin-among-others' }
  | { readonly kind: 'other' };

const OTHER: QueryKind = { kind: 'other' };
/** A path we splice into SQL as a constant: nothing that would need quoting. */
const PLAIN_PATH = /^[A-Za-z0-9_./-]+$/;

type TokenKind = 'word' | 'quoted' | 'string' | 'symbol' | 'number';

interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  /** Lower-cased for words; the character for symbols; empty otherwise. */
  readonly text: string;
}

/** Classifies the SQL text of a simple Query or a Parse message. */
export function classifyQuery(sql: Buffer): QueryKind {
  const text = sql.toString('latin1');
  // Cheap pre-check: most queries never get tokenised.
  if (!/stdin/i.test(text) || !/copy/i.test(text)) return OTHER;
  const statements = splitStatements(tokenize(text));
  const stdin = statements.map(copyFromStdinTarget).find((token): token is Token => token !== null);
  if (stdin === undefined) return OTHER;
  if (statements.length > 1) return { kind: 'copy-from-stdin-among-others' };
  return {
    kind: 'copy-from-stdin',
    readingFrom: (path) => {
      if (!PLAIN_PATH.test(path)) throw new Error(`unexpected COPY spool path ${path}`);
      return Buffer.from(
        `${text.slice(0, stdin.start)}'${path}'${text.slice(stdin.end)}`,
        'latin1',
      );
    },
  };
}

/**
 * The STDIN token of `COPY [BINARY] table [(columns)] FROM STDIN …`, or null. The first `FROM` or
 * `TO` outside parentheses is the direction: table and column names cannot be these reserved
 * words unquoted, and `COPY (query)` keeps its query in parentheses.
 */
function copyFromStdinTarget(statement: readonly Token[]): Token | null {
  if (!isWord(statement[0], 'copy')) return null;
  let depth = 0;
  for (let i = 1; i < statement.length; i += 1) {
    const token = statement[i];
    if (token === undefined) break;
    if (token.kind === 'symbol') {
      depth += opens(token) ? 1 : closes(token) ? -1 : 0;
    } else if (depth === 0 && (isWord(token, 'from') || isWord(token, 'to'))) {
      const next = statement[i + 1];
      return isWord(token, 'from') && next !== undefined && isWord(next, 'stdin') ? next : null;
    }
  }
  return null;
}

/** Statements end at semicolons outside parentheses; empty ones (`;;`, comments) are dropped. */
function splitStatements(tokens: readonly Token[]): Token[][] {
  const statements: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === 'symbol' && token.text === ';' && depth === 0) {
      if (current.length > 0) statements.push(current);
      current = [];
      continue;
    }
    if (token.kind === 'symbol')
      depth = Math.max(0, depth + (opens(token) ? 1 : closes(token) ? -1 : 0));
    current.push(token);
  }
  if (current.length > 0) statements.push(current);
  return statements;
}

function isWord(token: Token | undefined, word: string): boolean {
  return token?.kind === 'word' && token.text === word;
}

function opens(token: Token): boolean {
  return token.text === '(' || token.text === '[';
}

function closes(token: Token): boolean {
  return token.text === ')' || token.text === ']';
}

/**
 * PostgreSQL's tokens, as far as statement structure needs them. Text after an unterminated
 * comment or quote is dropped: PostgreSQL rejects such a query before running any of it.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const { length } = text;
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number, value = ''): void => {
    tokens.push({ kind, start, end, text: value });
    i = end;
  };
  while (i < length) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (isSpace(c)) {
      i += 1;
    } else if (c === MINUS && next === MINUS) {
      i = lineCommentEnd(text, i);
    } else if (c === SLASH && next === STAR) {
      i = blockCommentEnd(text, i);
    } else if (c === DOUBLE_QUOTE) {
      push('quoted', i, quotedEnd(text, i, DOUBLE_QUOTE, false));
    } else if (c === SINGLE_QUOTE) {
      push('string', i, quotedEnd(text, i, SINGLE_QUOTE, false));
    } else if (isIdentStart(c)) {
      const prefixed = prefixedConstantEnd(text, i);
      if (prefixed !== null) push(prefixed.kind, i, prefixed.end);
      else {
        const end = wordEnd(text, i);
        push('word', i, end, text.slice(i, end).toLowerCase());
      }
    } else if (c === DOLLAR) {
      const end = dollarQuotedEnd(text, i);
      if (end !== null) push('string', i, end);
      else push('symbol', i, digitsEnd(text, i + 1), '$'); // a parameter like $1
    } else if (isDigit(c) || (c === DOT && isDigit(next))) {
      push('number', i, numberEnd(text, i));
    } else {
      // One character at a time: an operator such as `+--` must not swallow a comment.
      push('symbol', i, i + 1, text[i]);
    }
  }
  return tokens;
}

const TAB = 9;
const CARRIAGE_RETURN = 13;
const LINE_FEED = 10;
const SPACE = 32;
const DOUBLE_QUOTE = 34;
const DOLLAR = 36;
const AMPERSAND = 38;
const SINGLE_QUOTE = 39;
const STAR = 42;
const MINUS = 45;
const DOT = 46;
const SLASH = 47;
const BACKSLASH = 92;
const UNDERSCORE = 95;

function isSpace(c: number): boolean {
  return c === SPACE || (c >= TAB && c <= CARRIAGE_RETURN);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** PostgreSQL treats every byte above 0x7F as a letter of an identifier. */
function isIdentStart(c: number): boolean {
  return isLetter(c) || c === UNDERSCORE || c >= 128;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || c === DOLLAR;
}

function lineCommentEnd(text: string, start: number): number {
  let i = start + 2;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === LINE_FEED || c === CARRIAGE_RETURN) break;
    i += 1;
  }
  return i;
}

/** Block comments nest in PostgreSQL. */
function blockCommentEnd(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    if (text.startsWith('/*', i)) {
      depth += 1;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else {
      i += 1;
    }
  }
  return text.length;
}

/**
 * End of a constant or identifier quoted with `quote`, where a doubled quote stands for itself
 * and, in E'…' strings, a backslash escapes the next character.
 */
function quotedEnd(text: string, start: number, quote: number, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (backslashEscapes && c === BACKSLASH) {
      i += 2;
    } else if (c === quote) {
      if (text.charCodeAt(i + 1) !== quote) return i + 1;
      i += 2;
    } else {
      i += 1;
    }
  }
  return text.length;
}

/** E'…', B'…', X'…', N'…', U&'…' and U&"…". */
function prefixedConstantEnd(text: string, start: number): { kind: TokenKind; end: number } | null {
  const first = text[start]?.toLowerCase();
  const second = text.charCodeAt(start + 1);
  if (second === SINGLE_QUOTE) {
    if (first === 'e')
      return { kind: 'string', end: quotedEnd(text, start + 1, SINGLE_QUOTE, true) };
    if (first === 'b' || first === 'x' || first === 'n') {
      return { kind: 'string', end: quotedEnd(text, start + 1, SINGLE_QUOTE, false) };
    }
  }
  if (first === 'u' && second === AMPERSAND) {
    const quote = text.charCodeAt(start + 2);
    if (quote === SINGLE_QUOTE || quote === DOUBLE_QUOTE) {
      const kind = quote === SINGLE_QUOTE ? 'string' : 'quoted';
      return { kind, end: quotedEnd(text, start + 2, quote, false) };
    }
  }
  return null;
}

function wordEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && isIdentPart(text.charCodeAt(i))) i += 1;
  return i;
}

/** `$tag$ … $tag$` (the tag may be empty), or null when `$` does not open a dollar quote. */
function dollarQuotedEnd(text: string, start: number): number | null {
  let i = start + 1;
  if (i < text.length && isIdentStart(text.charCodeAt(i))) {
    i += 1;
    while (i < text.length && isIdentPart(text.charCodeAt(i)) && text.charCodeAt(i) !== DOLLAR) {
      i += 1;
    }
  }
  if (text.charCodeAt(i) !== DOLLAR) return null;
  const delimiter = text.slice(start, i + 1);
  const close = text.indexOf(delimiter, i + 1);
  return close === -1 ? text.length : close + delimiter.length;
}

function digitsEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && isDigit(text.charCodeAt(i))) i += 1;
  return i;
}

/** Numbers, loosely: digits, letters, underscores and dots (1.5e-3 is three tokens, harmlessly). */
function numberEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (!isDigit(c) && !isLetter(c) && c !== UNDERSCORE && c !== DOT) break;
    i += 1;
  }
  return i;
}
