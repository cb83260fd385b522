import { AuditResolver } from '../modules/audit/audit.resolver.js';
import { AuthResolver } from '../modules/auth/auth.resolver.js';
import {
  AssetFieldsResolver,
  ColumnFieldsResolver,
} from '../modules/catalog/asset-fields.resolver.js';
import { CatalogResolver } from '../modules/catalog/catalog.resolver.js';
import { LineageResolver } from '../modules/lineage/lineage.resolver.js';
import { SearchResolver } from '../modules/search/search.resolver.js';

/** Every resolver class; the schema file is generated from this list. */
export const RESOLVERS = [
  CatalogResolver,
  AssetFieldsResolver,
  ColumnFieldsResolver,
  AuthResolver,
  AuditResolver,
  LineageResolver,
  SearchResolver,
];
