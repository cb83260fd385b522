import pg from 'pg';
import { type QualityResult } from '../report/run-report.js';
import { type CheckConfig } from './check-config.js';

export interface CheckTarget {
  /** schema.table the check runs on. */
  relation: string;
  column?: string;
}

export interface CompiledCheck {
  check: QualityResult['check'];
  parameters: Record<string, unknown>;
  /** A query returning the failing rows (or keys). */
  failuresSql: string;
  /**
   * For checks of single rows (`SELECT * FROM relation WHERE rowFilter`): the condition alone, so
   * that the checks of one relation can share one scan.
   */
  rowFilter?: string;
}

export interface CheckResolver {
  /** schema.table of a model name or a source.table. */
  relation(to: string): string;
  /** Renders ref/source/this in custom SQL. */
  template(sql: string): string;
}

const ident = (name: string): string => pg.escapeIdentifier(name);

function literal(value: string | number | boolean): string {
  return pg.escapeLiteral(String(value));
}

function requireColumn(target: CheckTarget, kind: string): string {
  if (target.column === undefined) throw new Error(`${kind} needs a column`);
  return ident(target.column);
}

function boundsSql(expression: string, min?: number, max?: number): string {
  const parts = [
    ...(min === undefined ? [] : [`${expression} < ${min}`]),
    ...(max === undefined ? [] : [`${expression} > ${max}`]),
  ];
  return parts.join(' OR ');
}

function definedOnly(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

function freshnessSql(
  relation: string,
  column: string,
  warn: string | undefined,
  error: string,
): string {
  const stale = (after: string): string => `latest < now() - interval ${literal(after)}`;
  return [
    `SELECT latest, now() - latest AS age,`,
    `  CASE WHEN latest IS NULL OR ${stale(error)} THEN 'error' ELSE 'warn' END AS severity`,
    `FROM (SELECT max(${column}) AS latest FROM ${relation}) newest`,
    `WHERE latest IS NULL OR ${stale(warn ?? error)}`,
  ].join('\n');
}

function uniqueSql(relation: string, columns: string[]): string {
  const list = columns.map(ident).join(', ');
  const present = columns.map((column) => `${ident(column)} IS NOT NULL`).join(' AND ');
  return `SELECT ${list}, count(*) AS occurrences FROM ${relation} WHERE ${present} GROUP BY ${list} HAVING count(*) > 1`;
}

/** Turns a declared check into the SQL returning its failing rows. */
export function compileCheck(
  config: CheckConfig,
  target: CheckTarget,
  resolver: CheckResolver,
): CompiledCheck {
  const { relation } = target;
  switch (config.kind) {
    case 'not_null': {
      const column = requireColumn(target, config.kind);
      return {
        check: 'not_null',
        parameters: {},
        failuresSql: `SELECT * FROM ${relation} WHERE ${column} IS NULL`,
        rowFilter: `${column} IS NULL`,
      };
    }
    case 'unique': {
      const columns = config.columns ?? [target.column ?? ''];
      return {
        check: 'unique',
        parameters: { columns },
        failuresSql: uniqueSql(relation, columns),
      };
    }
    case 'accepted_values': {
      const column = requireColumn(target, config.kind);
      const values = config.values.map(literal).join(', ');
      return {
        check: 'accepted_values',
        parameters: { values: config.values },
        // Compared as text so one list serves text, numeric and boolean columns.
        failuresSql: `SELECT * FROM ${relation} WHERE ${column} IS NOT NULL AND ${column}::text NOT IN (${values})`,
        rowFilter: `${column} IS NOT NULL AND ${column}::text NOT IN (${values})`,
      };
    }
    case 'range':
    case 'non_negative': {
      const column = requireColumn(target, config.kind);
      const min = config.kind === 'range' ? config.min : 0;
      const max = config.kind === 'range' ? config.max : undefined;
      return {
        check: 'range',
        parameters: definedOnly({ min, max }),
        failuresSql: `SELECT * FROM ${relation} WHERE ${boundsSql(column, min, max)}`,
        rowFilter: boundsSql(column, min, max),
      };
    }
    case 'relationships': {
      const column = requireColumn(target, config.kind);
      const parent = resolver.relation(config.to);
      return {
        check: 'relationships',
        parameters: { to: parent, field: config.field },
        failuresSql: [
          `SELECT child.* FROM ${relation} AS child`,
          `WHERE child.${column} IS NOT NULL`,
          `  AND NOT EXISTS (SELECT 1 FROM ${parent} AS parent WHERE parent.${ident(config.field)} = child.${column})`,
        ].join('\n'),
      };
    }
    case 'freshness': {
      const column = requireColumn(target, config.kind);
      return {
        check: 'freshness',
        parameters: definedOnly({ warn_after: config.warn_after, error_after: config.error_after }),
        failuresSql: freshnessSql(relation, column, config.warn_after, config.error_after),
      };
    }
    case 'row_count':
      return {
        check: 'row_count',
        parameters: definedOnly({ min: config.min, max: config.max }),
        failuresSql: `SELECT row_count FROM (SELECT count(*) AS row_count FROM ${relation}) counted WHERE ${boundsSql('row_count', config.min, config.max)}`,
      };
    case 'custom_sql':
      return {
        check: 'custom_sql',
        parameters: definedOnly({ description: config.description }),
        failuresSql: resolver.template(config.sql).trim().replace(/;\s*$/, ''),
      };
  }
}

/** Wraps a failing-rows query so one round trip returns the count and five samples, values as text. */
export function wrapFailures(failuresSql: string): string {
  return [
    'WITH failures AS (',
    failuresSql,
    ')',
    'SELECT (SELECT count(*) FROM failures) AS failing_rows,',
    '  coalesce((',
    "    SELECT json_agg((SELECT json_object_agg(field.key, field.value #>> '{}') FROM json_each(row_to_json(sample)) AS field))",
    '    FROM (SELECT * FROM failures LIMIT 5) AS sample',
    "  ), '[]'::json) AS samples",
  ].join('\n');
}
