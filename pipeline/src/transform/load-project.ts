import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { misplacedCheck, type CheckConfig } from '../quality/check-config.js';
import { readConfigFile } from './config-file.js';
import {
  modelsFileSchema,
  sourcesFileSchema,
  type ColumnConfig,
  type ModelConfig,
} from './config-schema.js';
import { buildDag } from './dag.js';
import { TransformError } from './errors.js';
import { defaultModelsDir } from './paths.js';
import {
  type ColumnDefinition,
  type ModelDefinition,
  type Project,
  type SourceTableDefinition,
} from './project.js';
import { parseTemplate, templateDependencies } from './template.js';

export interface LoadProjectOptions {
  /** Folder holding _sources.yml and one sub-folder per schema; defaults to the package's models/. */
  modelsDir?: string;
}

const SCHEMA_DIR = /^[a-z_][a-z0-9_]*$/;

function invalid(file: string, message: string): TransformError {
  return new TransformError('CONFIG_INVALID', `${file}: ${message}`);
}

function placeChecks(
  checks: CheckConfig[],
  level: 'model' | 'column',
  where: string,
  file: string,
): CheckConfig[] {
  for (const check of checks) {
    const problem = misplacedCheck(check, level);
    if (problem) throw invalid(file, `${where}: ${problem}`);
  }
  return checks;
}

function toColumns(columns: ColumnConfig[], owner: string, file: string): ColumnDefinition[] {
  const seen = new Set<string>();
  return columns.map((column) => {
    if (seen.has(column.name))
      throw invalid(file, `${owner}: column ${column.name} is declared twice`);
    seen.add(column.name);
    return {
      name: column.name,
      description: column.description,
      checks: placeChecks(column.checks, 'column', `${owner}.${column.name}`, file),
    };
  });
}

function checkDeclaredColumns(config: ModelConfig, file: string): void {
  const declared = new Set(config.columns.map((column) => column.name));
  const keys = [config.unique_key ?? []].flat();
  const uniques = config.checks.flatMap((check) =>
    check.kind === 'unique' ? (check.columns ?? []) : [],
  );
  const watermark = config.watermark ? [config.watermark] : [];
  const indexed = config.indexes.flatMap((index) => index.columns);
  const missing = [...keys, ...uniques, ...watermark, ...indexed].find(
    (column) => !declared.has(column),
  );
  if (missing)
    throw invalid(file, `${config.name}: column ${missing} is not declared under columns`);
}

async function loadModel(
  config: ModelConfig,
  schema: string,
  folder: string,
  configFile: string,
): Promise<ModelDefinition> {
  checkDeclaredColumns(config, configFile);
  const file = join(folder, `${config.name}.sql`);
  const template = parseTemplate(await readFile(file, 'utf8'), file);
  const dependencies = templateDependencies(template);
  if (dependencies.usesIncremental && config.materialized !== 'incremental') {
    throw invalid(file, `uses incremental templating but ${config.name} is ${config.materialized}`);
  }
  return {
    name: config.name,
    schema,
    relation: `${schema}.${config.name}`,
    description: config.description,
    materialized: config.materialized,
    uniqueKey: [config.unique_key ?? []].flat(),
    incrementalStrategy: config.incremental_strategy ?? 'merge',
    indexes: config.indexes,
    microBatch: config.micro_batch ?? config.materialized !== 'table',
    ...(config.watermark ? { watermark: config.watermark } : {}),
    owners: config.owners,
    tags: config.tags,
    columns: toColumns(config.columns, config.name, configFile),
    checks: placeChecks(config.checks, 'model', config.name, configFile),
    file,
    template,
    refs: dependencies.refs,
    sources: dependencies.sources.map(({ source, table }) => `${source}.${table}`),
  };
}

async function loadSchemaFolder(dir: string, schema: string): Promise<ModelDefinition[]> {
  const folder = join(dir, schema);
  const sqlNames = (await readdir(folder))
    .filter((entry) => entry.endsWith('.sql'))
    .map((entry) => entry.slice(0, -'.sql'.length));
  const configFile = join(folder, '_models.yml');
  const configs = existsSync(configFile)
    ? (await readConfigFile(configFile, modelsFileSchema)).models
    : [];
  const configured = new Set(configs.map((config) => config.name));
  const orphan = sqlNames.find((name) => !configured.has(name));
  if (orphan !== undefined) {
    throw new TransformError(
      'MODEL_WITHOUT_CONFIG',
      `${join(folder, `${orphan}.sql`)} has no entry in ${configFile}`,
    );
  }
  const missing = configs.find((config) => !sqlNames.includes(config.name));
  if (missing) {
    throw new TransformError(
      'CONFIG_WITHOUT_MODEL',
      `${configFile} declares model ${missing.name} but ${join(folder, `${missing.name}.sql`)} does not exist`,
    );
  }
  return Promise.all(configs.map((config) => loadModel(config, schema, folder, configFile)));
}

async function loadSources(dir: string): Promise<Map<string, SourceTableDefinition> | null> {
  const file = join(dir, '_sources.yml');
  if (!existsSync(file)) return null;
  const config = await readConfigFile(file, sourcesFileSchema);
  const tables = new Map<string, SourceTableDefinition>();
  for (const source of config.sources) {
    for (const table of source.tables) {
      const relation = `${source.name}.${table.name}`;
      if (tables.has(relation)) throw invalid(file, `source table ${relation} is declared twice`);
      tables.set(relation, {
        source: source.name,
        name: table.name,
        relation,
        description: table.description,
        sourceDescription: source.description,
        columns: toColumns(table.columns, relation, file),
        checks: placeChecks(table.checks, 'model', relation, file),
      });
    }
  }
  return tables;
}

function indexModels(lists: ModelDefinition[][]): Map<string, ModelDefinition> {
  const models = new Map<string, ModelDefinition>();
  for (const model of lists.flat()) {
    const other = models.get(model.name);
    if (other) {
      throw new TransformError(
        'DUPLICATE_MODEL',
        `model ${model.name} is defined in both ${other.file} and ${model.file}`,
      );
    }
    models.set(model.name, model);
  }
  return models;
}

function allChecks(owner: { checks: CheckConfig[]; columns: ColumnDefinition[] }): CheckConfig[] {
  return [...owner.checks, ...owner.columns.flatMap((column) => column.checks)];
}

function checkRelationshipTargets(project: Omit<Project, 'dag'>): void {
  const owners = [
    ...[...project.models.values()].map((model) => ({ label: model.name, owner: model })),
    ...[...project.sources.values()].map((table) => ({ label: table.relation, owner: table })),
  ];
  for (const { label, owner } of owners) {
    for (const check of allChecks(owner)) {
      if (check.kind !== 'relationships') continue;
      const toSource = check.to.includes('.');
      if (!toSource && !project.models.has(check.to)) {
        throw new TransformError(
          'UNKNOWN_MODEL',
          `relationships check on ${label} points to unknown model ${check.to}`,
        );
      }
      if (toSource && project.sourcesDeclared && !project.sources.has(check.to)) {
        throw new TransformError(
          'UNKNOWN_SOURCE',
          `relationships check on ${label} points to unknown source ${check.to}`,
        );
      }
    }
  }
}

function checkSourcesDeclared(project: Omit<Project, 'dag'>): void {
  if (!project.sourcesDeclared) return;
  for (const model of project.models.values()) {
    const unknown = model.sources.find((relation) => !project.sources.has(relation));
    if (unknown !== undefined) {
      throw new TransformError(
        'UNKNOWN_SOURCE',
        `model ${model.name} reads source ${unknown}, which ${join(project.dir, '_sources.yml')} does not declare`,
      );
    }
  }
}

/** Reads, validates and orders a models project. Throws TransformError on any inconsistency. */
export async function loadProject(options: LoadProjectOptions = {}): Promise<Project> {
  const dir = options.modelsDir ?? defaultModelsDir();
  const entries = await readdir(dir, { withFileTypes: true });
  const schemas = entries
    .filter((entry) => entry.isDirectory() && !/^[._]/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  const badSchema = schemas.find((schema) => !SCHEMA_DIR.test(schema));
  if (badSchema) throw invalid(join(dir, badSchema), 'a schema folder needs a lower-case name');
  const models = indexModels(
    await Promise.all(schemas.map((schema) => loadSchemaFolder(dir, schema))),
  );
  const sources = await loadSources(dir);
  const partial = { dir, models, sources: sources ?? new Map(), sourcesDeclared: sources !== null };
  checkRelationshipTargets(partial);
  checkSourcesDeclared(partial);
  return { ...partial, dag: buildDag([...models.values()]) };
}
