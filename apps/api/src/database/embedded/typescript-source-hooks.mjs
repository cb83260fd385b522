/**
 * Node module hooks that let the embedded PostgreSQL server process run from its TypeScript
 * sources (under Jest, where nothing is compiled). Registered by embedded-postgres.ts only when
 * it is itself loaded from a .ts file; the compiled dist/ build never uses it.
 *
 * Each file is transpiled on its own (the workspace sets isolatedModules, so that is safe) and
 * relative `./x.js` imports resolve to `./x.ts` when no .js file exists, as under NodeNext.
 */
import { access, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const COMPILER_OPTIONS = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 };

/** @type {import('node:module').ResolveHook} */
export async function resolve(specifier, context, nextResolve) {
  const fromTypeScript = context.parentURL?.endsWith('.ts') ?? false;
  if (fromTypeScript && specifier.startsWith('.') && specifier.endsWith('.js')) {
    const candidate = new URL(`${specifier.slice(0, -3)}.ts`, context.parentURL);
    if (await exists(candidate)) return { url: candidate.href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

/** @type {import('node:module').LoadHook} */
export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const source = await readFile(new URL(url), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: fileURLToPath(url),
    compilerOptions: COMPILER_OPTIONS,
  });
  return { format: 'module', source: outputText, shortCircuit: true };
}

async function exists(url) {
  try {
    await access(url);
    return true;
  } catch {
    return false;
  }
}
