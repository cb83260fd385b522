import { requireMediaType } from '../../common/content-type.js';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { formatIssues } from '@almanac/sdk';
import { DomainError } from '../../common/domain-error.js';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import { Requires } from '../auth/requires.decorator.js';
import { sampleBatchSchema } from './dto/sample-batch.input.js';
import type { SampleBatchSummary } from './dto/sample-batch.summary.js';
import { SamplesService } from './samples.service.js';

/** `POST /api/v1/samples`: sampled column values, one JSON body of tables. */
@Controller('api/v1')
export class SamplesController {
  constructor(private readonly samples: SamplesService) {}

  @Post('samples')
  @HttpCode(200)
  @Requires('catalog.ingest')
  async storeSamples(
    @Req() request: AuthenticatedRequest,
    @Body() body: unknown,
  ): Promise<SampleBatchSummary> {
    requireMediaType(request, ['application/json'], 'application/json');
    const parsed = sampleBatchSchema.safeParse(body);
    if (!parsed.success) {
      throw new DomainError(
        'BAD_INPUT',
        `invalid samples, nothing was stored: ${formatIssues(parsed.error.issues)}`,
      );
    }
    return this.samples.store(parsed.data, {
      actor: request.principal!.name,
      requestId: request.requestId,
    });
  }
}
