import type { Node } from 'libpg-query';
import type { Catalog } from './catalog.js';
import type { DerivedRelation, Scope } from './scope.js';

export interface AnalysisContext {
  readonly defaultSchema: string;
  readonly catalog: Catalog;
  /** Base relations read so far by the statement. */
  readonly inputs: Set<string>;
  /**
   * Records a problem once. `hidesRelations` marks problems that may also hide inputs or outputs,
   * the only ones {@link relationsOf} passes on.
   */
  report(message: string, hidesRelations?: boolean): void;
  /** Resolves a subquery whose outer references see `parent`. */
  query(node: Node, parent: Scope | null): DerivedRelation;
}

export interface ReportedError {
  message: string;
  hidesRelations: boolean;
}

export function createContext(
  defaultSchema: string,
  catalog: Catalog,
  query: (node: Node, parent: Scope | null, ctx: AnalysisContext) => DerivedRelation,
): { ctx: AnalysisContext; errors: ReportedError[] } {
  const errors: ReportedError[] = [];
  const seen = new Set<string>();
  const ctx: AnalysisContext = {
    defaultSchema,
    catalog,
    inputs: new Set<string>(),
    report(message, hidesRelations = false) {
      if (seen.has(message)) return;
      seen.add(message);
      errors.push({ message, hidesRelations });
    },
    query: (node, parent) => query(node, parent, ctx),
  };
  return { ctx, errors };
}
