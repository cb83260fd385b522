import type { Readable } from 'node:stream';

/** A file waiting in the landing zone. */
export interface LandedFile {
  /** Key of the file in the zone, e.g. `events-001.csv.gz`; not a path. */
  name: string;
  size: number;
  modifiedAt: Date;
}

/**
 * Where raw files arrive. Storage-neutral (a local folder today, an object store later): files
 * are addressed by name, read as streams, and archived rather than deleted once loaded.
 */
export interface LandingZone {
  /** Files waiting to be loaded, sorted by name; archived files are not listed. */
  list(): Promise<LandedFile[]>;
  /** Reads a file's bytes as landed (still compressed for `.gz`). */
  open(name: string): Readable;
  /** Moves a loaded file out of the way, keeping it for re-analysis. */
  archive(name: string): Promise<void>;
  /** Where the zone is, for messages and logs; never includes credentials. */
  toString(): string;
}
