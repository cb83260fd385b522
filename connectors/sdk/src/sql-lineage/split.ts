import { Buffer } from 'node:buffer';
import { parse, scan, type Node } from 'libpg-query';
import { messageOf } from './ast.js';

export type ParsedStatement = { node: Node } | { error: string };

export interface ParsedScript {
  statements: ParsedStatement[];
  /** Set when the input could not even be split into statements. */
  error?: string;
}

const COMMENT_TOKENS = new Set(['SQL_COMMENT', 'C_COMMENT']);

/**
 * Statement texts split at top-level semicolons, by the PostgreSQL scanner so that semicolons in
 * strings, dollar quotes and comments do not count. Scanner offsets are UTF-8 byte offsets.
 */
async function splitStatements(sql: string): Promise<string[]> {
  const bytes = Buffer.from(sql, 'utf8');
  const { tokens } = await scan(sql);
  const pieces: string[] = [];
  let start = 0;
  let hasCode = false;
  const cut = (end: number): void => {
    if (hasCode) pieces.push(bytes.subarray(start, end).toString('utf8'));
    hasCode = false;
  };
  for (const token of tokens) {
    if (token.text === ';') {
      cut(token.start);
      start = token.end;
    } else if (!COMMENT_TOKENS.has(token.tokenName)) {
      hasCode = true;
    }
  }
  cut(bytes.length);
  return pieces;
}

function statementsOf(tree: { stmts?: { stmt?: Node }[] }): ParsedStatement[] {
  return (tree.stmts ?? []).map(({ stmt }) =>
    stmt === undefined ? { error: 'empty statement' } : { node: stmt },
  );
}

/**
 * Parses a script. One syntax error fails the parser's whole input, so on failure each statement
 * is parsed alone and only the broken ones are lost.
 */
export async function parseScript(sql: string): Promise<ParsedScript> {
  // The parser rejects an empty string instead of returning no statements.
  if (sql.trim() === '') return { statements: [] };
  try {
    return { statements: statementsOf(await parse(sql)) };
  } catch (wholeError) {
    let pieces: string[];
    try {
      pieces = await splitStatements(sql);
    } catch {
      return { statements: [], error: messageOf(wholeError) };
    }
    if (pieces.length === 0) return { statements: [], error: messageOf(wholeError) };
    const statements: ParsedStatement[] = [];
    for (const piece of pieces) {
      try {
        statements.push(...statementsOf(await parse(piece)));
      } catch (error) {
        statements.push({ error: messageOf(error) });
      }
    }
    return { statements };
  }
}
