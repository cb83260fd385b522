import type { Node } from 'libpg-query';

/** The parser's JSON wraps every node as `{ KindName: body }`; empty objects stand for "none". */
export function isNode(value: unknown): value is Node {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && /^[A-Z]/.test(keys[0] ?? '');
}

export function nodeKind(node: Node): string {
  return Object.keys(node)[0] ?? 'unknown';
}

/** The nodes directly below a node, looking through unwrapped bodies such as a FuncCall's `over`. */
export function childNodes(node: Node): Node[] {
  const found: Node[] = [];
  const visit = (value: unknown): void => {
    if (isNode(value)) {
      found.push(value);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (typeof value === 'object' && value !== null) {
      for (const item of Object.values(value)) visit(item);
    }
  };
  for (const body of Object.values(node)) {
    if (typeof body === 'object' && body !== null) {
      for (const value of Object.values(body)) visit(value);
    }
  }
  return found;
}

export function stringOf(node: Node | undefined): string | undefined {
  return node !== undefined && 'String' in node ? node.String.sval : undefined;
}

export function stringsOf(nodes: Node[] | undefined): string[] {
  const names: string[] = [];
  for (const node of nodes ?? []) {
    const name = stringOf(node);
    if (name !== undefined) names.push(name);
  }
  return names;
}

/** The value of an integer literal (protobuf JSON leaves out a zero `ival`). */
export function integerOf(node: Node | undefined): number | undefined {
  if (node === undefined || !('A_Const' in node) || node.A_Const.ival === undefined) {
    return undefined;
  }
  return node.A_Const.ival.ival ?? 0;
}

export function lastName(nodes: Node[] | undefined): string | undefined {
  const names = stringsOf(nodes);
  return names[names.length - 1];
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'unknown error';
}
