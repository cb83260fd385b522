import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import { LOGGER, type AppLogger } from './logger.js';
import { MetricsService } from './metrics.service.js';

function routeOf(request: AuthenticatedRequest): string {
  const path = request.originalUrl.split('?')[0] ?? '/';
  // Keep label cardinality bounded: only known route prefixes become labels.
  for (const route of ['/graphql', '/api/v1/ingest', '/api/v1/auth', '/healthz', '/metrics']) {
    if (path.startsWith(route)) return route;
  }
  return 'other';
}

/** Gives every request an id, logs it when it ends, and measures it. */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  constructor(
    @Inject(LOGGER) private readonly logger: AppLogger,
    private readonly metrics: MetricsService,
  ) {}

  use(request: AuthenticatedRequest, response: Response, next: NextFunction): void {
    const header = request.headers['x-request-id'];
    const requestId =
      typeof header === 'string' && /^[\w.-]{1,64}$/.test(header) ? header : randomUUID();
    request.requestId = requestId;
    response.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(request);
      this.metrics.recordRequest(request.method, route, response.statusCode, seconds);
      this.logger.info(
        {
          requestId,
          method: request.method,
          route,
          status: response.statusCode,
          ms: Math.round(seconds * 1000),
          user: request.principal?.name,
        },
        'request',
      );
    });
    next();
  }
}
