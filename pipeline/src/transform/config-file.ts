import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { type z } from 'zod';
import { TransformError } from './errors.js';

function describePath(path: readonly PropertyKey[], data: unknown): string {
  let node: unknown = data;
  let text = '';
  for (const key of path) {
    const label = typeof key === 'number' ? `[${key}]` : `${text ? '.' : ''}${String(key)}`;
    node =
      node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    const named =
      typeof key === 'number' && node && typeof node === 'object'
        ? (node as Record<string, unknown>)['name']
        : undefined;
    text += typeof named === 'string' ? `${label} (${named})` : label;
  }
  return text || '(root)';
}

/** Reads and validates one YAML config file; errors name the file and the offending field. */
export async function readConfigFile<S extends z.ZodType>(
  file: string,
  schema: S,
): Promise<z.output<S>> {
  const text = await readFile(file, 'utf8');
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new TransformError(
      'CONFIG_INVALID',
      `${file}: invalid YAML: ${(error as Error).message}`,
    );
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.map(
    (issue) => `${describePath(issue.path, data)}: ${issue.message}`,
  );
  throw new TransformError('CONFIG_INVALID', `${file}: ${issues.join('; ')}`);
}
