import { TransformError } from './errors.js';
import { type ModelDefinition, type Project } from './project.js';
import { renderTemplate, type TemplateNode } from './template.js';

function finish(sql: string): string {
  return sql.trim().replace(/;\s*$/, '');
}

/** Renders a template against a project: ref → schema.model, source → source.table, this → self. */
export function compileSql(
  project: Project,
  template: readonly TemplateNode[],
  self: string,
  incremental = false,
  watermark?: string,
): string {
  const rendered = renderTemplate(template, {
    ref: (name) => {
      const model = project.models.get(name);
      if (!model)
        throw new TransformError('UNKNOWN_REF', `${self} refers to unknown model "${name}"`);
      return model.relation;
    },
    source: (source, table) => `${source}.${table}`,
    self,
    incremental,
    ...(watermark === undefined ? {} : { watermark }),
  });
  return finish(rendered);
}

/** The SELECT a model runs: its full-refresh form, or its incremental form on later runs. */
export function compileModel(
  project: Project,
  model: ModelDefinition,
  incremental = false,
): string {
  return compileSql(project, model.template, model.relation, incremental, model.watermark);
}
