import { type QualityResult } from '../report/run-report.js';
import { type Queryable } from '../transform/warehouse-catalog.js';
import { wrapFailures } from './check-sql.js';
import { type PlannedCheck } from './plan-checks.js';

type Sample = Record<string, string | null>;

function text(value: unknown, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  if (Array.isArray(value)) return value.map((item: unknown) => text(item, 'null')).join(', ');
  return typeof value === 'string' || typeof value === 'number'
    ? String(value)
    : JSON.stringify(value);
}

function describeFailure(check: PlannedCheck, failingRows: number, samples: Sample[]): string {
  const column = check.column ?? '';
  const p = check.parameters;
  switch (check.check) {
    case 'not_null':
      return `${failingRows} row(s) where ${column} is null`;
    case 'unique':
      return `${failingRows} duplicated value(s) of (${text(p['columns'], '?')})`;
    case 'accepted_values':
      return `${failingRows} row(s) with ${column} outside the accepted values`;
    case 'range':
      return `${failingRows} row(s) with ${column} outside [${text(p['min'], '-∞')}, ${text(p['max'], '∞')}]`;
    case 'relationships':
      return `${failingRows} row(s) whose ${column} has no match in ${text(p['to'], '?')}.${text(p['field'], '?')}`;
    case 'freshness':
      return samples[0]?.['latest'] == null
        ? `no ${column} values at all`
        : `newest ${column} is ${samples[0]['age'] ?? '?'} old`;
    case 'row_count':
      return `row count ${samples[0]?.['row_count'] ?? '?'} is outside [${text(p['min'], '0')}, ${text(p['max'], '∞')}]`;
    case 'custom_sql':
      return `${failingRows} failing row(s)`;
  }
}

type Verdict = Pick<QualityResult, 'status' | 'message' | 'failingRows'>;

function judge(check: PlannedCheck, failingRows: number, samples: Sample[]): Verdict {
  if (failingRows === 0) return { status: 'pass', failingRows };
  const message = describeFailure(check, failingRows, samples);
  // A freshness warning is worth reporting but is not a failure that should open an incident.
  if (check.check === 'freshness' && samples[0]?.['severity'] === 'warn') {
    return { status: 'pass', failingRows: 0, message: `warning: ${message} (past warn_after)` };
  }
  return { status: 'fail', failingRows, message };
}

function base(
  check: PlannedCheck,
  sql: string,
  executedAt: string,
): Omit<QualityResult, 'status' | 'failingRows' | 'sampleFailures'> {
  return {
    id: check.id,
    relation: check.relation,
    ...(check.column === undefined ? {} : { column: check.column }),
    check: check.check,
    parameters: check.parameters,
    sql,
    executedAt,
    ...(check.increment === undefined ? {} : { increment: check.increment }),
  };
}

/** Runs one check; a check whose SQL fails is an error, never a pass. */
export async function runCheck(db: Queryable, check: PlannedCheck): Promise<QualityResult> {
  const sql = wrapFailures(check.failuresSql);
  const executedAt = new Date().toISOString();
  try {
    const result = await db.query<{ failing_rows: string; samples: Sample[] }>(sql);
    const row = result.rows[0];
    const failingRows = Number(row?.failing_rows ?? 0);
    const samples = row?.samples ?? [];
    return {
      ...base(check, sql, executedAt),
      ...judge(check, failingRows, samples),
      sampleFailures: samples,
    };
  } catch (error) {
    return {
      ...base(check, sql, executedAt),
      status: 'error',
      failingRows: 0,
      sampleFailures: [],
      message: (error as Error).message,
    };
  }
}

/** A check that could not run because a model it reads did not build. */
export function blockedCheck(check: PlannedCheck, reason: string): QualityResult {
  return {
    ...base(check, wrapFailures(check.failuresSql), new Date().toISOString()),
    status: 'error',
    failingRows: 0,
    sampleFailures: [],
    message: reason,
  };
}

export async function runChecks(
  db: Queryable,
  checks: readonly PlannedCheck[],
): Promise<QualityResult[]> {
  const results: QualityResult[] = [];
  for (const check of checks) results.push(await runCheck(db, check));
  return results;
}

/** Checks that can share one scan of their relation: row filters, not narrowed to an increment. */
function shareable(check: PlannedCheck): boolean {
  return check.rowFilter !== undefined && check.increment === undefined;
}

/**
 * Counts the failing rows of several row-filter checks of one relation in a single scan; null
 * when that query fails, so that each check then runs (and errors) on its own.
 */
async function countInOneScan(
  db: Queryable,
  relation: string,
  checks: readonly PlannedCheck[],
): Promise<number[] | null> {
  const counts = checks.map((check, i) => `count(*) FILTER (WHERE ${check.rowFilter}) AS c${i}`);
  try {
    const result = await db.query<Record<string, string>>(
      `SELECT ${counts.join(', ')} FROM ${relation}`,
    );
    const row = result.rows[0] ?? {};
    return checks.map((_, i) => Number(row[`c${i}`] ?? 0));
  } catch {
    return null;
  }
}

function passed(check: PlannedCheck, executedAt: string): QualityResult {
  return {
    ...base(check, wrapFailures(check.failuresSql), executedAt),
    status: 'pass',
    failingRows: 0,
    sampleFailures: [],
  };
}

/**
 * Runs checks, in order. Row-filter checks of the same relation share one scan (on a table of
 * millions of rows, a scan per check is most of the cost); only those that fail are run again on
 * their own, for their sample rows.
 */
export async function runChecksSharingScans(
  db: Queryable,
  checks: readonly PlannedCheck[],
): Promise<QualityResult[]> {
  const byRelation = new Map<string, PlannedCheck[]>();
  for (const check of checks.filter(shareable))
    byRelation.set(check.relation, [...(byRelation.get(check.relation) ?? []), check]);
  const shared = new Map<PlannedCheck, number>();
  for (const [relation, group] of byRelation) {
    if (group.length < 2) continue;
    const counts = await countInOneScan(db, relation, group);
    group.forEach((check, i) => {
      const count = counts?.[i];
      if (count !== undefined) shared.set(check, count);
    });
  }
  const results: QualityResult[] = [];
  for (const check of checks) {
    const failing = shared.get(check);
    results.push(
      failing === 0 ? passed(check, new Date().toISOString()) : await runCheck(db, check),
    );
  }
  return results;
}
