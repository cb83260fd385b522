import { requireMediaType } from '../../common/content-type.js';
import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { z } from 'zod';
import type { IngestSummary } from '@almanac/sdk';
import { DomainError } from '../../common/domain-error.js';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import { Requires } from '../auth/requires.decorator.js';
import { IngestService } from './ingest.service.js';

const querySchema = z
  .object({
    mode: z.enum(['delta', 'full'], { error: 'mode must be "delta" or "full"' }).default('delta'),
    source: z
      .string()
      .regex(/^[\w.-]{1,100}$/, 'source must be 1-100 letters, digits, dots, dashes or underscores')
      .optional(),
  })
  .refine((q) => q.mode !== 'full' || q.source, {
    message: "a full run needs ?source=NAME: only that source's assets may be soft-deleted",
    path: ['source'],
  });

const NDJSON_TYPES = [
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'text/plain',
];

/** `POST /api/v1/ingest`: NDJSON metadata records, streamed. */
@Controller('api/v1')
export class IngestController {
  constructor(private readonly ingest: IngestService) {}

  @Post('ingest')
  @HttpCode(200)
  @Requires('catalog.ingest')
  async ingestRecords(
    @Req() request: AuthenticatedRequest,
    @Query() query: Record<string, unknown>,
  ): Promise<IngestSummary> {
    const parsed = querySchema.safeParse(query);
    if (!parsed.success) {
      throw new DomainError('BAD_INPUT', parsed.error.issues.map((i) => i.message).join('; '));
    }
    requireMediaType(request, NDJSON_TYPES, 'application/x-ndjson (one JSON record per line)');
    return this.ingest.ingest(request, {
      mode: parsed.data.mode,
      source: parsed.data.source ?? null,
      actor: request.principal!.name,
    });
  }
}
