import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import type { CatalogLoaders } from './catalog.loaders.js';

export interface GraphQLContext {
  req: AuthenticatedRequest;
  loaders: CatalogLoaders;
}
