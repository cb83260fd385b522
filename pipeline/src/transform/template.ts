import { TransformError } from './errors.js';

export type TemplateCall =
  | { kind: 'ref'; model: string }
  | { kind: 'source'; source: string; table: string }
  | { kind: 'this' }
  | { kind: 'incremental_filter'; column: string };

export type TemplateNode =
  | { type: 'text'; text: string }
  | { type: 'call'; call: TemplateCall; line: number }
  | { type: 'if_incremental'; negated: boolean; then: TemplateNode[]; otherwise: TemplateNode[] };

const TAG = /\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}|\{#[\s\S]*?#\}/g;
const NAME = /^[a-z_][a-z0-9_]*$/;
const COLUMN = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;
const CALL = /^([a-z_]+)\s*\(([\s\S]*)\)$/;
const IF_INCREMENTAL = /^if\s+(not\s+)?is_incremental(\(\s*\))?$/;

interface Frame {
  negated: boolean;
  then: TemplateNode[];
  otherwise: TemplateNode[];
  inElse: boolean;
  line: number;
}

function syntaxError(file: string, line: number, message: string): TransformError {
  return new TransformError('TEMPLATE_SYNTAX', `${file}:${line}: ${message}`);
}

function parseArgs(raw: string, file: string, line: number): string[] {
  const args: string[] = [];
  let rest = raw.trim();
  while (rest.length > 0) {
    const match = /^(?:'([^']*)'|"([^"]*)")\s*(,\s*|$)/.exec(rest);
    if (!match) throw syntaxError(file, line, `arguments must be quoted strings: ${raw.trim()}`);
    args.push(match[1] ?? match[2] ?? '');
    rest = rest.slice(match[0].length);
  }
  return args;
}

function expectName(value: string, what: string, file: string, line: number): string {
  if (!NAME.test(value))
    throw syntaxError(file, line, `${what} "${value}" is not a lower-case name`);
  return value;
}

function parseCall(expression: string, file: string, line: number): TemplateCall {
  if (expression === 'this') return { kind: 'this' };
  const match = CALL.exec(expression);
  if (!match) throw syntaxError(file, line, `cannot read expression {{ ${expression} }}`);
  const [, fn = '', rawArgs = ''] = match;
  const args = parseArgs(rawArgs, file, line);
  const arity = (count: number): void => {
    if (args.length !== count) throw syntaxError(file, line, `${fn}() takes ${count} argument(s)`);
  };
  switch (fn) {
    case 'ref':
      arity(1);
      return { kind: 'ref', model: expectName(args[0] ?? '', 'model', file, line) };
    case 'source':
      arity(2);
      return {
        kind: 'source',
        source: expectName(args[0] ?? '', 'source', file, line),
        table: expectName(args[1] ?? '', 'table', file, line),
      };
    case 'incremental_filter': {
      arity(1);
      const column = args[0] ?? '';
      if (!COLUMN.test(column)) throw syntaxError(file, line, `"${column}" is not a column`);
      return { kind: 'incremental_filter', column };
    }
    default:
      throw syntaxError(file, line, `unknown function ${fn}()`);
  }
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

function currentTarget(stack: Frame[], root: TemplateNode[]): TemplateNode[] {
  const frame = stack.at(-1);
  if (!frame) return root;
  return frame.inElse ? frame.otherwise : frame.then;
}

function applyStatement(
  statement: string,
  stack: Frame[],
  root: TemplateNode[],
  file: string,
  line: number,
): void {
  const ifMatch = IF_INCREMENTAL.exec(statement);
  if (ifMatch) {
    stack.push({ negated: Boolean(ifMatch[1]), then: [], otherwise: [], inElse: false, line });
    return;
  }
  const frame = stack.at(-1);
  if (statement === 'else') {
    if (!frame || frame.inElse) throw syntaxError(file, line, '{% else %} without {% if %}');
    frame.inElse = true;
    return;
  }
  if (statement === 'endif') {
    if (!frame) throw syntaxError(file, line, '{% endif %} without {% if %}');
    stack.pop();
    currentTarget(stack, root).push({
      type: 'if_incremental',
      negated: frame.negated,
      then: frame.then,
      otherwise: frame.otherwise,
    });
    return;
  }
  throw syntaxError(file, line, `unknown statement {% ${statement} %}`);
}

function pushText(
  source: string,
  start: number,
  end: number,
  target: TemplateNode[],
  file: string,
): void {
  const text = source.slice(start, end);
  const stray = /\{\{|\{%|\{#/.exec(text);
  if (stray) throw syntaxError(file, lineAt(source, start + stray.index), `unclosed ${stray[0]}`);
  if (text.length > 0) target.push({ type: 'text', text });
}

/** Parses the tiny template language of model files: ref, source, this, incremental_filter and if is_incremental blocks. */
export function parseTemplate(text: string, file = '<template>'): TemplateNode[] {
  const root: TemplateNode[] = [];
  const stack: Frame[] = [];
  let cursor = 0;
  for (const match of text.matchAll(TAG)) {
    const line = lineAt(text, match.index);
    pushText(text, cursor, match.index, currentTarget(stack, root), file);
    cursor = match.index + match[0].length;
    if (match[1] !== undefined) {
      const call = parseCall(match[1].trim(), file, line);
      currentTarget(stack, root).push({ type: 'call', call, line });
    } else if (match[2] !== undefined) {
      applyStatement(match[2].trim(), stack, root, file, line);
    }
  }
  pushText(text, cursor, text.length, currentTarget(stack, root), file);
  const open = stack.at(-1);
  if (open) throw syntaxError(file, open.line, '{% if %} without {% endif %}');
  return root;
}

export interface RenderContext {
  ref(model: string): string;
  source(source: string, table: string): string;
  /** The relation the model builds. */
  self: string;
  incremental: boolean;
  /** The incremental model's watermark column; needed by incremental_filter. */
  watermark?: string;
}

function renderFilter(column: string, context: RenderContext): string {
  if (!context.incremental) return 'TRUE';
  if (!context.watermark)
    throw new TransformError('TEMPLATE_SYNTAX', 'incremental_filter needs a watermark');
  // Strictly newer: watermarks are load times, every load commits its rows at once, and pipeline
  // runs on one warehouse take turns (an advisory lock), so nothing can arrive at or below it later.
  // No "IS NULL OR" branch, which would keep the planner off indexes: a table without a
  // watermark yet is rebuilt in full instead.
  return `${column} > (SELECT max(${context.watermark}) FROM ${context.self})`;
}

function renderCall(call: TemplateCall, context: RenderContext): string {
  switch (call.kind) {
    case 'ref':
      return context.ref(call.model);
    case 'source':
      return context.source(call.source, call.table);
    case 'this':
      return context.self;
    case 'incremental_filter':
      return renderFilter(call.column, context);
  }
}

export function renderTemplate(nodes: readonly TemplateNode[], context: RenderContext): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
          return node.text;
        case 'call':
          return renderCall(node.call, context);
        case 'if_incremental':
          return renderTemplate(
            context.incremental !== node.negated ? node.then : node.otherwise,
            context,
          );
      }
    })
    .join('');
}

export interface TemplateDependencies {
  refs: string[];
  sources: { source: string; table: string }[];
  usesIncremental: boolean;
}

function collect(nodes: readonly TemplateNode[], into: TemplateDependencies): void {
  for (const node of nodes) {
    if (node.type === 'if_incremental') {
      into.usesIncremental = true;
      collect(node.then, into);
      collect(node.otherwise, into);
    } else if (node.type === 'call') {
      const { call } = node;
      if (call.kind === 'ref' && !into.refs.includes(call.model)) into.refs.push(call.model);
      if (call.kind === 'incremental_filter') into.usesIncremental = true;
      if (
        call.kind === 'source' &&
        !into.sources.some((s) => s.source === call.source && s.table === call.table)
      ) {
        into.sources.push({ source: call.source, table: call.table });
      }
    }
  }
}

/** Every model and source a template reads, in both branches of its if blocks. */
export function templateDependencies(nodes: readonly TemplateNode[]): TemplateDependencies {
  const found: TemplateDependencies = { refs: [], sources: [], usesIncremental: false };
  collect(nodes, found);
  return found;
}
