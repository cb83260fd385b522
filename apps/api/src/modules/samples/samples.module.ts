import { Module } from '@nestjs/common';
import { SamplesController } from './samples.controller.js';
import { SamplesService } from './samples.service.js';

/**
 * Sampled column values: `POST /api/v1/samples` stores them. `SamplesRepository` is provided by the
 * core module because the catalog's GraphQL loaders read samples too; masking happens there, at
 * read time, through `maskSample` from `@almanac/policies`.
 */
@Module({
  controllers: [SamplesController],
  providers: [SamplesService],
})
export class SamplesModule {}
