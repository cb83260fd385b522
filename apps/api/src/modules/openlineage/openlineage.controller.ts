import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  mapEventToRecords,
  parseOpenLineageEvent,
  tablesWithoutSchema,
} from '@almanac/connector-openlineage';
import { DomainError } from '../../common/domain-error.js';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import { Requires } from '../auth/requires.decorator.js';
import { IngestService } from '../ingest/ingest.service.js';
import { LineageRepository } from '../lineage/lineage.repository.js';
import { lineageResponse, type LineageResponse } from './lineage-response.js';

/** `POST /api/v1/lineage`: one OpenLineage event, as Marquez accepts it. */
@Controller('api/v1')
export class OpenLineageController {
  constructor(
    private readonly ingest: IngestService,
    private readonly catalog: LineageRepository,
  ) {}

  // Marquez answers 201, and OpenLineage clients accept any 2xx.
  @Post('lineage')
  @HttpCode(201)
  @Requires('catalog.ingest')
  async receiveEvent(
    @Req() request: AuthenticatedRequest,
    @Body() body: unknown,
  ): Promise<LineageResponse> {
    const contentType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (contentType !== 'application/json') {
      throw new DomainError(
        'BAD_INPUT',
        `content-type must be application/json (one OpenLineage event), got "${contentType || 'none'}"`,
      );
    }
    const parsed = parseOpenLineageEvent(body);
    if (!parsed.ok) {
      throw new DomainError('BAD_INPUT', `invalid OpenLineage event: ${parsed.reasons.join('; ')}`);
    }
    const unschemed = tablesWithoutSchema(parsed.event);
    const catalogued = new Set(
      unschemed.length > 0 ? (await this.catalog.nodes(unschemed)).keys() : [],
    );
    const { records, notes } = mapEventToRecords(parsed.event, catalogued);
    const summary = await this.ingest.ingestRecords(records, {
      mode: 'delta',
      source: null,
      actor: request.principal!.name,
    });
    return lineageResponse(parsed.event, records, summary, notes);
  }
}
