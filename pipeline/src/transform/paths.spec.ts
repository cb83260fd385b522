import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultModelsDir, resolveModelsDir } from './paths.js';

describe('models folder resolution', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'almanac-pkg-'));
    writeFileSync(join(root, 'package.json'), '{}');
    mkdirSync(join(root, 'models'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const moduleAt = (...parts: string[]): string => {
    mkdirSync(join(root, ...parts.slice(0, -1)), { recursive: true });
    return pathToFileURL(join(root, ...parts)).href;
  };

  it('finds models/ two levels up, from src/transform or dist/transform', () => {
    expect(resolveModelsDir(moduleAt('src', 'transform', 'paths.ts'))).toBe(join(root, 'models'));
    expect(resolveModelsDir(moduleAt('dist', 'transform', 'paths.js'))).toBe(join(root, 'models'));
  });

  it('finds models/ one level up, from a bundled dist/index.js', () => {
    expect(resolveModelsDir(moduleAt('dist', 'index.js'))).toBe(join(root, 'models'));
  });

  it('fails clearly when there is no models/ folder', () => {
    rmSync(join(root, 'models'), { recursive: true });
    expect(() => resolveModelsDir(moduleAt('dist', 'index.js'))).toThrow(/no models\/ folder/);
  });

  it('defaults to the package models/ folder', () => {
    expect(defaultModelsDir()).toBe(join(import.meta.dirname, '..', '..', 'models'));
  });
});
