import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { archiveName, LocalLandingZone } from '../src/landing/local-landing-zone.js';
import { tempDir } from './support/files.js';

describe('LocalLandingZone', () => {
  let dir: { path: string; remove(): Promise<void> };
  let zone: LocalLandingZone;

  beforeEach(async () => {
    dir = await tempDir('landing');
    zone = new LocalLandingZone(dir.path);
  });

  afterEach(() => dir.remove());

  it('lists waiting files by name, without folders or uploads in progress', async () => {
    await writeFile(join(dir.path, 'products-001.csv'), 'x');
    await writeFile(join(dir.path, 'events-002.csv'), 'abc');
    await writeFile(join(dir.path, '.events-003.csv.part'), 'partial');
    await mkdir(join(dir.path, 'archive'));
    const files = await zone.list();
    expect(files.map((f) => [f.name, f.size])).toEqual([
      ['events-002.csv', 3],
      ['products-001.csv', 1],
    ]);
    expect(Number.isNaN(files[0]?.modifiedAt.getTime())).toBe(false);
  });

  it('opens a file as a byte stream', async () => {
    await writeFile(join(dir.path, 'events-1.csv'), 'héllo');
    expect(await text(zone.open('events-1.csv'))).toBe('héllo');
  });

  it('archives without ever overwriting an earlier file of the same name', async () => {
    await writeFile(join(dir.path, 'events-1.csv.gz'), 'first');
    await zone.archive('events-1.csv.gz');
    await writeFile(join(dir.path, 'events-1.csv.gz'), 'second');
    await zone.archive('events-1.csv.gz');
    expect(await zone.list()).toEqual([]);
    const archive = join(dir.path, 'archive');
    expect((await readdir(archive)).sort()).toEqual(['events-1.csv.gz', 'events-1~2.csv.gz']);
    expect(await readFile(join(archive, 'events-1~2.csv.gz'), 'utf8')).toBe('second');
    expect(archiveName('products-7.csv', 3)).toBe('products-7~3.csv');
  });

  it('refuses names that are paths', () => {
    expect(() => zone.open('../secret.csv')).toThrow(/not a file name/);
    expect(() => zone.open('archive/events-1.csv')).toThrow(/not a file name/);
  });
});
