import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { LandedFile, LandingZone } from './landing-zone.js';

export const ARCHIVE_FOLDER = 'archive';
const READ_CHUNK = 1 << 20;

/** The archive name for the n-th file of the same name: `events-001~2.csv.gz` for n = 2. */
export function archiveName(name: string, n: number): string {
  if (n < 2) return name;
  const gz = name.endsWith('.gz') ? '.gz' : '';
  const base = name.slice(0, name.length - gz.length);
  const ext = extname(base);
  return `${base.slice(0, base.length - ext.length)}~${n}${ext}${gz}`;
}

function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
}

/**
 * A landing zone on the local disk: files in `dir`, loaded ones moved to `dir/archive/`. Names
 * starting with a dot are uploads in progress and are not listed.
 */
export class LocalLandingZone implements LandingZone {
  constructor(readonly dir: string) {}

  toString(): string {
    return this.dir;
  }

  async list(): Promise<LandedFile[]> {
    const entries = await readdir(this.dir, { withFileTypes: true });
    const files = entries.filter((entry) => entry.isFile() && !entry.name.startsWith('.'));
    const landed = await Promise.all(
      files.map(async ({ name }) => {
        const info = await stat(join(this.dir, name));
        return { name, size: info.size, modifiedAt: info.mtime };
      }),
    );
    return landed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  open(name: string): Readable {
    return createReadStream(this.path(name), { highWaterMark: READ_CHUNK });
  }

  /** Never overwrites: a second file of the same name is archived as `name~2`, and so on. */
  async archive(name: string): Promise<void> {
    const source = this.path(name);
    const folder = join(this.dir, ARCHIVE_FOLDER);
    await mkdir(folder, { recursive: true });
    let n = 1;
    while (await exists(join(folder, archiveName(name, n)))) n += 1;
    await rename(source, join(folder, archiveName(name, n)));
  }

  private path(name: string): string {
    if (name === '' || name.includes('/') || name.includes('\\') || name === '.' || name === '..')
      throw new Error(`"${name}" is not a file name of the landing zone`);
    return join(this.dir, name);
  }
}
