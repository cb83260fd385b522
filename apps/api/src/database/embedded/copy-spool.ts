import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

/** Where the spool directory appears in PGlite's (Emscripten) file system. */
const MOUNT_POINT = '/almanac/copy-spool';
/** CopyData is gathered in memory and written in pieces of about this size. */
const WRITE_BATCH_BYTES = 1 << 20;

/** The two members of PGlite's Emscripten module used here (its typings need @types/emscripten). */
interface EmscriptenModule {
  readonly FS: {
    mkdirTree(path: string): void;
    mount(type: unknown, options: { root: string }, mountPoint: string): unknown;
  };
  readonly NODEFS: unknown;
}

/**
 * A host directory that PGlite sees as {@link MOUNT_POINT}, holding the data of COPY FROM STDIN
 * while a client sends it. PGlite then reads the finished file with `COPY … FROM '<path>'`, in
 * PostgreSQL's own 64 kB steps, so a load of any size needs little memory in the server process.
 * (PGlite's `/dev/blob` device would need the whole load as one ArrayBuffer.)
 */
export class CopySpoolArea {
  readonly #hostDir: string;
  #created = 0;

  private constructor(hostDir: string) {
    this.#hostDir = hostDir;
  }

  /** Empties `hostDir` (left-overs of a killed server) and mounts it into `db`. */
  static async open(db: PGlite, hostDir: string): Promise<CopySpoolArea> {
    await rm(hostDir, { recursive: true, force: true });
    await mkdir(hostDir, { recursive: true });
    const { FS, NODEFS } = db.Module as unknown as EmscriptenModule;
    FS.mkdirTree(MOUNT_POINT);
    FS.mount(NODEFS, { root: hostDir }, MOUNT_POINT);
    return new CopySpoolArea(hostDir);
  }

  create(): CopySpool {
    this.#created += 1;
    const name = `${this.#created}.copy`;
    return new CopySpool(join(this.#hostDir, name), `${MOUNT_POINT}/${name}`);
  }

  async remove(): Promise<void> {
    await rm(this.#hostDir, { recursive: true, force: true });
  }
}

/** The data of one COPY FROM STDIN, written to a file in the background of its arrival. */
export class CopySpool {
  /** The file as PGlite sees it. */
  readonly path: string;
  readonly #hostPath: string;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #file: FileHandle | null = null;

  constructor(hostPath: string, path: string) {
    this.#hostPath = hostPath;
    this.path = path;
  }

  async append(data: Buffer): Promise<void> {
    this.#pending.push(data);
    this.#pendingBytes += data.length;
    if (this.#pendingBytes >= WRITE_BATCH_BYTES) await this.#flush();
  }

  /** Writes the rest and closes the file, which PGlite can read from then on. */
  async finish(): Promise<void> {
    await this.#flush();
    const file = this.#file ?? (await open(this.#hostPath, 'w'));
    this.#file = null;
    await file.close();
  }

  /** Drops the data; safe to call more than once and after {@link finish}. */
  async discard(): Promise<void> {
    this.#pending = [];
    this.#pendingBytes = 0;
    const file = this.#file;
    this.#file = null;
    await file?.close();
    await rm(this.#hostPath, { force: true });
  }

  async #flush(): Promise<void> {
    if (this.#pendingBytes === 0) return;
    const data = this.#pending;
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#file ??= await open(this.#hostPath, 'w');
    await this.#file.writev(data);
  }
}
