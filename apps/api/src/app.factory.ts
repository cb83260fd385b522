import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule, type AppDependencies } from './app.module.js';
import { ChangeEventPublisher } from './modules/events/change-event.publisher.js';
import { NestPinoLogger } from './modules/ops/nest-logger.js';
import { SearchService } from './modules/search/search.service.js';
import { ShopPipelineJob } from './shop/shop-pipeline.job.js';

/** Builds the API application and starts its job processing; the caller decides where it listens. */
export async function createApiApp(deps: AppDependencies): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.create(deps), {
    logger: new NestPinoLogger(deps.logger),
    bodyParser: true,
    abortOnError: false,
  });
  app.enableCors({ origin: deps.config.webUrl, credentials: false });
  app.disable('x-powered-by');
  // JSON bodies (GraphQL, OpenLineage events) may be as large as one ingest record.
  app.useBodyParser('json', { limit: deps.config.ingest.maxLineBytes });
  const publisher = app.get(ChangeEventPublisher);
  publisher.registerHandlers();
  app.get(ShopPipelineJob).register();
  app.get(SearchService).register();
  await deps.jobs.start();
  await app.init();
  return app;
}
