import { DomainError } from '../../common/domain-error.js';

export function encodeCursor(fqn: string, type: string): string {
  return Buffer.from(JSON.stringify([fqn, type])).toString('base64url');
}

export function decodeCursor(cursor: string): { fqn: string; type: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      return { fqn: value[0], type: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new DomainError(
    'BAD_INPUT',
    `invalid cursor "${cursor.slice(0, 40)}": pass pageInfo.endCursor of a previous page`,
  );
}
