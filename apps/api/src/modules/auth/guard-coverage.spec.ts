import 'reflect-metadata';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { RESOLVER_TYPE_METADATA } from '@nestjs/graphql';
import { pino } from 'pino';
import { AppModule } from '../../app.module.js';
import { loadConfig } from '../../config/config.js';
import { RESOLVERS } from '../../graphql/resolvers.js';
import type { Database } from '../../database/sql-executor.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { PUBLIC_ENDPOINT, REQUIRED_ACTION } from './requires.decorator.js';

type Handler = (...args: unknown[]) => unknown;

function handlersOf(
  classRef: new (...args: never[]) => unknown,
  isEndpoint: (method: Handler) => boolean,
) {
  const prototype = classRef.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype)
    .filter((name) => name !== 'constructor' && typeof prototype[name] === 'function')
    .map((name) => ({ name: `${classRef.name}.${name}`, method: prototype[name] as Handler }))
    .filter(({ method }) => isEndpoint(method));
}

function declaration(method: Handler): string {
  if (Reflect.getMetadata(PUBLIC_ENDPOINT, method)) return 'public';
  return (Reflect.getMetadata(REQUIRED_ACTION, method) as string | undefined) ?? 'NONE';
}

describe('guard coverage', () => {
  const deps = {
    config: loadConfig({}),
    database: {} as Database,
    jobs: {} as JobQueue,
    logger: pino({ level: 'silent' }),
    warehouseUrl: 'postgres://localhost/none',
  };
  const controllers = (AppModule.create(deps).controllers ?? []) as (new (
    ...args: never[]
  ) => unknown)[];

  const routes = controllers.flatMap((c) =>
    handlersOf(c, (m) => Reflect.getMetadata(PATH_METADATA, m) !== undefined),
  );
  const operations = RESOLVERS.flatMap((r) =>
    handlersOf(r, (m) => Reflect.getMetadata(RESOLVER_TYPE_METADATA, m) !== undefined),
  );

  it('finds the endpoints it checks', () => {
    expect(routes.map((r) => r.name)).toEqual(
      expect.arrayContaining(['IngestController.ingestRecords', 'HealthController.health']),
    );
    expect(operations.map((o) => o.name)).toEqual(
      expect.arrayContaining(['CatalogResolver.assets', 'CatalogResolver.softDelete']),
    );
  });

  it('declares a permission on every controller route and GraphQL operation', () => {
    const undeclared = [...routes, ...operations].filter(
      ({ method }) => declaration(method) === 'NONE',
    );
    expect(undeclared.map((u) => u.name)).toEqual([]);
  });

  it('keeps public endpoints to liveness and sign-in', () => {
    const open = [...routes, ...operations].filter(
      ({ method }) => declaration(method) === 'public',
    );
    expect(open.map((o) => o.name).sort()).toEqual([
      'HealthController.health',
      'SignInController.signIn',
    ]);
  });
});
