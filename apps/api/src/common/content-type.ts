import type { IncomingMessage } from 'node:http';
import { DomainError } from './domain-error.js';

/** The media type of a request body, lower-cased and without parameters; '' when there is none. */
export function mediaTypeOf(request: Pick<IncomingMessage, 'headers'>): string {
  return (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/** Refuses a request whose body is not one of `accepted`, naming what was expected. */
export function requireMediaType(
  request: Pick<IncomingMessage, 'headers'>,
  accepted: readonly string[],
  expected: string,
): void {
  const mediaType = mediaTypeOf(request);
  if (!accepted.includes(mediaType)) {
    throw new DomainError(
      'BAD_INPUT',
      `content-type must be ${expected}, got "${mediaType || 'none'}"`,
    );
  }
}
