import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { GqlContextType } from '@nestjs/graphql';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import { BodyTooLargeError } from '../modules/ingest/ingest.service.js';
import { DomainError, httpStatusFor } from './domain-error.js';

/** Translates domain errors at the edge: HTTP statuses for REST, error codes for GraphQL. */
@Catch(DomainError, BodyTooLargeError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(error: DomainError | BodyTooLargeError, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') {
      const code = error instanceof DomainError ? error.code : 'PAYLOAD_TOO_LARGE';
      return new GraphQLError(error.message, { extensions: { code } });
    }
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof BodyTooLargeError) {
      response
        .status(413)
        .json({ error: 'PAYLOAD_TOO_LARGE', message: error.message, summary: error.summary });
      return undefined;
    }
    response.status(httpStatusFor(error.code)).json({ error: error.code, message: error.message });
    return undefined;
  }
}
