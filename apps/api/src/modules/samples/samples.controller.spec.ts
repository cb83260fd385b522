import 'reflect-metadata';
import { MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { PUBLIC_ENDPOINT, REQUIRED_ACTION } from '../auth/requires.decorator.js';
import { SamplesModule } from './samples.module.js';

// The app-wide guard-coverage spec reads the app module's own controllers; this module's are here.
describe('samples module guard coverage', () => {
  const controllers = Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, SamplesModule) as (new (
    ...args: never[]
  ) => unknown)[];

  it('requires catalog.ingest on every route and exposes none publicly', () => {
    const routes = controllers.flatMap((controller) => {
      const prototype = controller.prototype as Record<string, unknown>;
      return Object.getOwnPropertyNames(prototype)
        .filter((name) => name !== 'constructor')
        .map((name) => ({ name: `${controller.name}.${name}`, method: prototype[name] }))
        .filter(
          ({ method }) =>
            typeof method === 'function' &&
            Reflect.getMetadata(PATH_METADATA, method) !== undefined,
        )
        .map(({ name, method }) => ({
          name,
          action: Reflect.getMetadata(REQUIRED_ACTION, method as object) as unknown,
          public: Reflect.getMetadata(PUBLIC_ENDPOINT, method as object) as unknown,
        }));
    });
    expect(routes).toEqual([
      { name: 'SamplesController.storeSamples', action: 'catalog.ingest', public: undefined },
    ]);
  });
});
