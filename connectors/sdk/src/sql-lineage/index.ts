export { analyzeSqlLineage, relationsOf } from './analyze.js';
export type {
  DirectSubtype,
  IndirectSubtype,
  SchemaCatalog,
  SqlColumnLineage,
  SqlColumnOrigin,
  SqlLineageError,
  SqlLineageOptions,
  SqlLineageResult,
  SqlRelationsResult,
  StatementKind,
  StatementLineage,
  StatementRelations,
} from './types.js';
