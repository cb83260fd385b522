import { Controller, Get, Header, Query } from '@nestjs/common';
import { z } from 'zod';
import { DomainError } from '../../common/domain-error.js';
import { Requires } from '../auth/requires.decorator.js';
import { LineageService } from './lineage.service.js';

const querySchema = z.object({
  fqn: z.string({ error: 'fqn is required' }).min(1, 'fqn is required'),
  depth: z.coerce.number({ error: 'depth must be a number' }).optional(),
});

/** `GET /api/v1/impact.csv?fqn=…&depth=…`: the impact report as a CSV download. */
@Controller('api/v1')
export class ImpactController {
  constructor(private readonly lineageService: LineageService) {}

  @Get('impact.csv')
  @Requires('catalog.read')
  @Header('content-type', 'text/csv; charset=utf-8')
  async impactCsv(@Query() query: Record<string, unknown>): Promise<string> {
    const parsed = querySchema.safeParse(query);
    if (!parsed.success)
      throw new DomainError('BAD_INPUT', parsed.error.issues.map((i) => i.message).join('; '));
    return (await this.lineageService.impact(parsed.data.fqn, parsed.data.depth)).csv;
  }
}
