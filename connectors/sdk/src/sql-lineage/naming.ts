import type { Node, SelectStmt, SQLValueFunctionOp } from 'libpg-query';
import { lastName, stringOf } from './ast.js';

interface Guess {
  name: string;
  /** PostgreSQL's FigureColname strength: a cast only names a column after a weak guess. */
  strength: 1 | 2;
}

const VALUE_FUNCTIONS: Record<SQLValueFunctionOp, string> = {
  SVFOP_CURRENT_DATE: 'current_date',
  SVFOP_CURRENT_TIME: 'current_time',
  SVFOP_CURRENT_TIME_N: 'current_time',
  SVFOP_CURRENT_TIMESTAMP: 'current_timestamp',
  SVFOP_CURRENT_TIMESTAMP_N: 'current_timestamp',
  SVFOP_LOCALTIME: 'localtime',
  SVFOP_LOCALTIME_N: 'localtime',
  SVFOP_LOCALTIMESTAMP: 'localtimestamp',
  SVFOP_LOCALTIMESTAMP_N: 'localtimestamp',
  SVFOP_CURRENT_ROLE: 'current_role',
  SVFOP_CURRENT_USER: 'current_user',
  SVFOP_USER: 'user',
  SVFOP_SESSION_USER: 'session_user',
  SVFOP_CURRENT_CATALOG: 'current_catalog',
  SVFOP_CURRENT_SCHEMA: 'current_schema',
};

function strong(name: string | undefined): Guess | null {
  return name === undefined ? null : { name, strength: 2 };
}

function firstTarget(select: SelectStmt): Node | undefined {
  if (select.larg !== undefined) return firstTarget(select.larg);
  const first = select.targetList?.[0];
  return first !== undefined && 'ResTarget' in first ? first : undefined;
}

/** A scalar subquery is named after its single output column. */
function subqueryName(subselect: Node | undefined): Guess | null {
  if (subselect === undefined || !('SelectStmt' in subselect)) return null;
  const target = firstTarget(subselect.SelectStmt);
  if (target === undefined || !('ResTarget' in target)) return null;
  if (target.ResTarget.name !== undefined) return strong(target.ResTarget.name);
  return guess(target.ResTarget.val);
}

function guess(node: Node | undefined): Guess | null {
  if (node === undefined) return null;
  if ('ColumnRef' in node) return strong(stringOf(node.ColumnRef.fields?.at(-1)));
  if ('A_Indirection' in node) {
    return (
      strong(stringOf(node.A_Indirection.indirection?.at(-1))) ?? guess(node.A_Indirection.arg)
    );
  }
  if ('FuncCall' in node) return strong(lastName(node.FuncCall.funcname));
  if ('A_Expr' in node) return node.A_Expr.kind === 'AEXPR_NULLIF' ? strong('nullif') : null;
  if ('TypeCast' in node) {
    const inner = guess(node.TypeCast.arg);
    if (inner !== null && inner.strength > 1) return inner;
    const typeName = lastName(node.TypeCast.typeName?.names);
    return typeName === undefined ? inner : { name: typeName, strength: 1 };
  }
  if ('CollateClause' in node) return guess(node.CollateClause.arg);
  if ('CaseExpr' in node) return { name: 'case', strength: 1 };
  if ('CoalesceExpr' in node) return strong('coalesce');
  if ('MinMaxExpr' in node) {
    return strong(node.MinMaxExpr.op === 'IS_LEAST' ? 'least' : 'greatest');
  }
  if ('A_ArrayExpr' in node) return strong('array');
  if ('RowExpr' in node) return strong('row');
  if ('GroupingFunc' in node) return strong('grouping');
  if ('SQLValueFunction' in node) {
    const op = node.SQLValueFunction.op;
    return op === undefined ? null : strong(VALUE_FUNCTIONS[op]);
  }
  if ('SubLink' in node) {
    switch (node.SubLink.subLinkType) {
      case 'EXISTS_SUBLINK':
        return strong('exists');
      case 'ARRAY_SUBLINK':
        return strong('array');
      case 'EXPR_SUBLINK':
        return subqueryName(node.SubLink.subselect);
      default:
        return null;
    }
  }
  return null;
}

/** The name PostgreSQL gives an unaliased output expression. */
export function figureColname(node: Node | undefined): string {
  return guess(node)?.name ?? '?column?';
}
