import type { Node } from 'libpg-query';
import { messageOf } from './ast.js';
import { loadCatalog } from './catalog.js';
import { createContext, type ReportedError } from './context.js';
import { resolveQuery } from './select.js';
import { parseScript } from './split.js';
import { analyzeStatement } from './statement.js';
import type {
  SqlLineageError,
  SqlLineageOptions,
  SqlLineageResult,
  SqlRelationsResult,
  StatementLineage,
} from './types.js';

const DEFAULT_SCHEMA = 'public';

interface TaggedError extends SqlLineageError {
  hidesRelations: boolean;
}

function unknownStatement(): StatementLineage {
  return { kind: 'other', output: null, inputs: [], columns: [] };
}

async function analyze(
  sql: unknown,
  options: SqlLineageOptions | undefined,
): Promise<{ statements: StatementLineage[]; errors: TaggedError[] }> {
  if (typeof sql !== 'string') {
    return { statements: [], errors: [{ message: 'SQL must be a string', hidesRelations: true }] };
  }
  if (sql.includes('\u0000')) {
    // The parser stops at a NUL byte and would silently analyze only the text before it.
    return {
      statements: [],
      errors: [{ message: 'SQL contains a NUL character', hidesRelations: true }],
    };
  }
  const schema = options?.defaultSchema;
  const defaultSchema = typeof schema === 'string' && schema !== '' ? schema : DEFAULT_SCHEMA;
  const errors: TaggedError[] = [];
  const catalog = loadCatalog(options?.catalog, defaultSchema, (message) =>
    errors.push({ message, hidesRelations: false }),
  );
  const script = await parseScript(sql);
  if (script.error !== undefined) errors.push({ message: script.error, hidesRelations: true });
  const statements = script.statements.map((parsed, statement) => {
    if ('error' in parsed) {
      errors.push({ statement, message: parsed.error, hidesRelations: true });
      return unknownStatement();
    }
    return analyzeOne(parsed.node, defaultSchema, catalog, statement, errors);
  });
  return { statements, errors };
}

function analyzeOne(
  node: Node,
  defaultSchema: string,
  catalog: ReturnType<typeof loadCatalog>,
  statement: number,
  errors: TaggedError[],
): StatementLineage {
  const { ctx, errors: reported } = createContext(defaultSchema, catalog, resolveQuery);
  const tag = ({ message, hidesRelations }: ReportedError): TaggedError => ({
    statement,
    message,
    hidesRelations,
  });
  try {
    const lineage = analyzeStatement(node, ctx);
    errors.push(...reported.map(tag));
    return lineage;
  } catch (error) {
    // Deeply nested SQL can exhaust the stack; the statement is then reported, not thrown.
    errors.push(...reported.map(tag));
    errors.push({
      statement,
      message: `could not analyze: ${messageOf(error)}`,
      hidesRelations: true,
    });
    return unknownStatement();
  }
}

function untagged({ statement, message }: TaggedError): SqlLineageError {
  return statement === undefined ? { message } : { statement, message };
}

/**
 * Column-level lineage of PostgreSQL SQL, one entry per statement, in OpenLineage terms. Problems
 * (unparseable statements, ambiguous or unknown columns, `*` over relations outside the catalog)
 * are reported in `errors` alongside whatever could still be derived; this never rejects.
 */
export async function analyzeSqlLineage(
  sql: string,
  options?: SqlLineageOptions,
): Promise<SqlLineageResult> {
  try {
    const { statements, errors } = await analyze(sql, options);
    return { statements, errors: errors.map(untagged) };
  } catch (error) {
    return { statements: [], errors: [{ message: `could not analyze: ${messageOf(error)}` }] };
  }
}

function sortedUnion(lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())].sort();
}

/** Just the relations each statement reads and writes; column problems are not reported. */
export async function relationsOf(
  sql: string,
  options?: Pick<SqlLineageOptions, 'defaultSchema'>,
): Promise<SqlRelationsResult> {
  try {
    const { statements, errors } = await analyze(sql, { defaultSchema: options?.defaultSchema });
    const relations = statements.map(({ kind, output, inputs }) => ({ kind, output, inputs }));
    return {
      statements: relations,
      inputs: sortedUnion(relations.map((relation) => relation.inputs)),
      outputs: sortedUnion(relations.map(({ output }) => (output === null ? [] : [output]))),
      errors: errors.filter((error) => error.hidesRelations).map(untagged),
    };
  } catch (error) {
    return {
      statements: [],
      inputs: [],
      outputs: [],
      errors: [{ message: `could not analyze: ${messageOf(error)}` }],
    };
  }
}
