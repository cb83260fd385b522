export { compileModel, compileSql } from './compile.js';
export { buildDag, selectWithDescendants, type Dag, type DagNode } from './dag.js';
export { describeSources } from './describe-sources.js';
export { TransformError, type TransformErrorCode } from './errors.js';
export { loadProject, type LoadProjectOptions } from './load-project.js';
export { defaultModelsDir, resolveModelsDir } from './paths.js';
export type {
  ColumnDefinition,
  Materialization,
  ModelDefinition,
  Project,
  SourceTableDefinition,
} from './project.js';
export {
  runProject,
  type ModelProgress,
  type RunProjectOptions,
  type TransformRunResult,
} from './run-project.js';
export {
  parseTemplate,
  renderTemplate,
  templateDependencies,
  type RenderContext,
  type TemplateCall,
  type TemplateNode,
} from './template.js';
export { type Queryable } from './warehouse-catalog.js';
