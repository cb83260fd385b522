import { requireMediaType } from '../../common/content-type.js';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { parseOpenLineageEvent } from '@almanac/connector-openlineage';
import { DomainError } from '../../common/domain-error.js';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import { Requires } from '../auth/requires.decorator.js';
import type { LineageResponse } from './lineage-response.js';
import { OpenLineageService } from './openlineage.service.js';

/** `POST /api/v1/lineage`: one OpenLineage event, as Marquez accepts it. */
@Controller('api/v1')
export class OpenLineageController {
  constructor(private readonly openLineage: OpenLineageService) {}

  // Marquez answers 201, and OpenLineage clients accept any 2xx.
  @Post('lineage')
  @HttpCode(201)
  @Requires('catalog.ingest')
  async receiveEvent(
    @Req() request: AuthenticatedRequest,
    @Body() body: unknown,
  ): Promise<LineageResponse> {
    requireMediaType(request, ['application/json'], 'application/json (one OpenLineage event)');
    const parsed = parseOpenLineageEvent(body);
    if (!parsed.ok) {
      throw new DomainError('BAD_INPUT', `invalid OpenLineage event: ${parsed.reasons.join('; ')}`);
    }
    return this.openLineage.receive({ parsed: parsed.event, actor: request.principal!.name });
  }
}
