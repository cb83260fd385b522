/*
 * Duck-typed on purpose: errors raised by Node built-ins are not `instanceof Error` when the
 * checking code runs in another realm, as test code does under Jest.
 */

export function hasErrorCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}

export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String(error.message);
  }
  return String(error);
}
