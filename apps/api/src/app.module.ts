import {
  type DynamicModule,
  Global,
  type MiddlewareConsumer,
  Module,
  type NestModule,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { DomainErrorFilter } from './common/domain-error.filter.js';
import { APP_CONFIG } from './config/config.module.js';
import type { AppConfig } from './config/config.js';
import { DATABASE } from './database/database.tokens.js';
import type { Database } from './database/sql-executor.js';
import { depthLimit } from './graphql/depth-limit.rule.js';
import { RESOLVERS } from './graphql/resolvers.js';
import type { JobQueue } from './jobs/job-queue.js';
import { JOB_QUEUE } from './jobs/job-queue.token.js';
import { AuditRepository } from './modules/audit/audit.repository.js';
import { AuthGuard, type AuthenticatedRequest } from './modules/auth/auth.guard.js';
import { AuthRepository } from './modules/auth/auth.repository.js';
import { AuthService } from './modules/auth/auth.service.js';
import { SignInController } from './modules/auth/sign-in.controller.js';
import { CatalogLoaderFactory } from './modules/catalog/catalog.loaders.js';
import { CatalogRepository } from './modules/catalog/catalog.repository.js';
import { CatalogService } from './modules/catalog/catalog.service.js';
import type { GraphQLContext } from './modules/catalog/graphql-context.js';
import { ChangeEventPublisher } from './modules/events/change-event.publisher.js';
import { ChangeEventRepository } from './modules/events/change-event.repository.js';
import { EntityBatchWriter } from './modules/ingest/entity-batch.writer.js';
import { GroupIngestService } from './modules/ingest/group-ingest.service.js';
import { IngestController } from './modules/ingest/ingest.controller.js';
import { IngestRepository } from './modules/ingest/ingest.repository.js';
import { IngestService } from './modules/ingest/ingest.service.js';
import { ImpactController } from './modules/lineage/impact.controller.js';
import { LineageRepository } from './modules/lineage/lineage.repository.js';
import { LineageService } from './modules/lineage/lineage.service.js';
import { OpenLineageController } from './modules/openlineage/openlineage.controller.js';
import { OpenLineageService } from './modules/openlineage/openlineage.service.js';
import { RelationBatchWriter } from './modules/ingest/relation-batch.writer.js';
import { RelationsRepository } from './modules/ingest/relations.repository.js';
import { HealthController } from './modules/ops/health.controller.js';
import { LOGGER, type AppLogger } from './modules/ops/logger.js';
import { MetricsService } from './modules/ops/metrics.service.js';
import { RequestContextMiddleware } from './modules/ops/request-context.middleware.js';
import { SamplesModule } from './modules/samples/samples.module.js';
import { SearchModule } from './modules/search/search.module.js';
import { SamplesRepository } from './modules/samples/samples.repository.js';
import { ShopPipelineJob } from './shop/shop-pipeline.job.js';
import { WAREHOUSE_URL } from './shop/warehouse.token.js';

export interface AppDependencies {
  config: AppConfig;
  database: Database;
  /** The shop warehouse the pipeline job builds (the catalog's database unless configured). */
  warehouseUrl: string;
  jobs: JobQueue;
  logger: AppLogger;
}

const MAX_QUERY_DEPTH = 12;

/** Infrastructure and shared services, visible to every module. */
@Global()
@Module({})
class CoreModule {
  static create(deps: AppDependencies): DynamicModule {
    const shared = [
      AuditRepository,
      ChangeEventRepository,
      ChangeEventPublisher,
      MetricsService,
      CatalogRepository,
      SamplesRepository,
      CatalogLoaderFactory,
    ];
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: deps.config },
        { provide: DATABASE, useValue: deps.database },
        { provide: JOB_QUEUE, useValue: deps.jobs },
        { provide: LOGGER, useValue: deps.logger },
        { provide: WAREHOUSE_URL, useValue: deps.warehouseUrl },
        ...shared,
      ],
      exports: [APP_CONFIG, DATABASE, JOB_QUEUE, LOGGER, WAREHOUSE_URL, ...shared],
    };
  }
}

@Module({})
export class AppModule implements NestModule {
  static create(deps: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.create(deps),
        SamplesModule,
        SearchModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [CatalogLoaderFactory],
          useFactory: (loaders: CatalogLoaderFactory) => ({
            autoSchemaFile: true,
            sortSchema: true,
            graphiql: true,
            includeStacktraceInErrorResponses: false,
            validationRules: [depthLimit(MAX_QUERY_DEPTH)],
            context: ({ req }: { req: AuthenticatedRequest }): GraphQLContext => ({
              req,
              loaders: loaders.create(),
            }),
          }),
        }),
      ],
      controllers: [
        IngestController,
        OpenLineageController,
        HealthController,
        SignInController,
        ImpactController,
      ],
      providers: [
        ...RESOLVERS,
        AuthRepository,
        AuthService,
        CatalogService,
        IngestRepository,
        RelationsRepository,
        EntityBatchWriter,
        RelationBatchWriter,
        IngestService,
        GroupIngestService,
        OpenLineageService,
        LineageRepository,
        LineageService,
        ShopPipelineJob,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('*path');
  }
}
