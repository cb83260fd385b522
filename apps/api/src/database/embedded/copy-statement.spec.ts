import { classifyQuery } from './copy-statement.js';

const PATH = '/almanac/copy-spool/1.copy';

function kind(sql: string): string {
  return classifyQuery(Buffer.from(sql)).kind;
}

function rewritten(sql: string | Buffer): string {
  const query = classifyQuery(typeof sql === 'string' ? Buffer.from(sql) : sql);
  if (query.kind !== 'copy-from-stdin')
    throw new Error(`not a lone COPY FROM STDIN: ${query.kind}`);
  return query.readingFrom(PATH).toString('utf8');
}

describe('classifyQuery', () => {
  it.each([
    ['COPY raw.events (id, kind) FROM STDIN', `COPY raw.events (id, kind) FROM '${PATH}'`],
    ['copy t from stdin;', `copy t from '${PATH}';`],
    ['  \n\tCoPy t\nFROM\n  StdIn  ', `  \n\tCoPy t\nFROM\n  '${PATH}'  `],
    [
      '/* load /* nested */ */ COPY "My ""Table""" ("from", "to") -- STDOUT\n FROM /* here */ STDIN',
      `/* load /* nested */ */ COPY "My ""Table""" ("from", "to") -- STDOUT\n FROM /* here */ '${PATH}'`,
    ],
    [
      "COPY t FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';', QUOTE '\"', NULL 'to')",
      `COPY t FROM '${PATH}' WITH (FORMAT csv, HEADER true, DELIMITER ';', QUOTE '"', NULL 'to')`,
    ],
    ['COPY BINARY t FROM STDIN', `COPY BINARY t FROM '${PATH}'`],
    ['COPY t FROM STDIN WITH CSV HEADER', `COPY t FROM '${PATH}' WITH CSV HEADER`],
    [
      'COPY t (a) FROM STDIN WHERE a > 0;  -- done',
      `COPY t (a) FROM '${PATH}' WHERE a > 0;  -- done`,
    ],
    ['COPY U&"d\\0061ta" FROM STDIN', `COPY U&"d\\0061ta" FROM '${PATH}'`],
    ['COPY stdin FROM STDIN', `COPY stdin FROM '${PATH}'`],
  ])('recognises %j', (sql, expected) => {
    expect(rewritten(sql)).toBe(expected);
  });

  it('keeps the bytes of other characters, whatever the client encoding', () => {
    const sql = Buffer.from('COPY "Überstunden€" FROM STDIN', 'utf8');
    expect(rewritten(sql)).toBe(`COPY "Überstunden€" FROM '${PATH}'`);
    const latin1 = Buffer.from('COPY "caf\u00e9" FROM STDIN', 'latin1');
    const query = classifyQuery(latin1);
    expect(query.kind === 'copy-from-stdin' && query.readingFrom(PATH)).toEqual(
      Buffer.from(`COPY "caf\u00e9" FROM '${PATH}'`, 'latin1'),
    );
  });

  it.each([
    'SELECT 1',
    'COPY t TO STDOUT',
    'COPY (SELECT * FROM t WHERE note = $$FROM STDIN$$) TO STDOUT',
    "COPY t FROM '/tmp/data.csv' (FORMAT csv)",
    "COPY t FROM PROGRAM 'cat stdin'",
    'COPY t FROM "stdin"',
    "SELECT 'COPY t FROM STDIN'",
    "SELECT E'it\\'s; COPY t FROM STDIN'",
    'SELECT $tag$ COPY t FROM STDIN; $tag$',
    '-- COPY t FROM STDIN\nSELECT 1',
    '/* COPY t FROM STDIN; */ SELECT 1',
    'INSERT INTO stdin SELECT * FROM copy',
    'CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2)',
  ])('leaves %j alone', (sql) => {
    expect(kind(sql)).toBe('other');
  });

  it.each([
    'BEGIN; COPY t FROM STDIN',
    'COPY t FROM STDIN; SELECT 1',
    'COPY a FROM STDIN; COPY b FROM STDIN',
  ])('spots COPY FROM STDIN among other statements in %j', (sql) => {
    expect(kind(sql)).toBe('copy-from-stdin-among-others');
  });

  it('does not mistake an unterminated quote for the end of the text', () => {
    expect(kind("COPY t FROM STDIN WITH (NULL 'x)")).toBe('copy-from-stdin');
    expect(kind("SELECT 'unterminated; COPY t FROM STDIN")).toBe('other');
  });
});
