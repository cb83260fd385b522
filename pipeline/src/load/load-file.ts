import { createGunzip } from 'node:zlib';
import { pipeline, Transform, type Readable } from 'node:stream';
import type pg from 'pg';
import type { LandedFile, LandingZone } from '../landing/landing-zone.js';
import type { FileReport } from '../report/run-report.js';
import { withTransaction } from '../warehouse/transaction.js';
import { sha256 } from './checksum.js';
import { copyDataLines, type CopyCounts } from './copy-rows.js';
import { findInLedger, lockChecksum, recordInLedger } from './ledger.js';
import { LineReader } from './line-reader.js';
import { QuarantineSpool } from './quarantine-spool.js';
import { recogniseFile, type SourceFormat } from './source-formats.js';

/** rowsRead ≠ rowsLoaded + rowsQuarantined: a bug in the loader, never a data problem. */
export class LoadInvariantError extends Error {
  override name = 'LoadInvariantError';
}

interface Counts {
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
}

type Outcome = { kind: 'loaded' | 'skipped'; counts: Counts } | { kind: 'refused'; reason: string };

function message(error: unknown): string {
  // Not `instanceof Error`: errors from another realm (vm contexts, test runners) fail it.
  const text = (error as { message?: unknown } | null)?.message;
  return typeof text === 'string' ? text : String(error);
}

/** Told how many more bytes of the landed file (as stored, so compressed for .gz) were read. */
export type BytesRead = (bytes: number) => void;

function counting(onBytes: BytesRead): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
}

function openText(
  zone: LandingZone,
  name: string,
  gzip: boolean,
  onBytes: BytesRead | undefined,
): Readable {
  const raw = onBytes
    ? pipeline(zone.open(name), counting(onBytes), () => undefined)
    : zone.open(name);
  // pipeline() destroys both streams on any error, so the file is closed even mid-gzip.
  return gzip ? pipeline(raw, createGunzip(), () => undefined) : raw;
}

function describeFailure(name: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const cause =
    typeof code === 'string' && code.startsWith('Z_')
      ? `gzip data is truncated or corrupt (${message(error)})`
      : message(error);
  return `${name}: ${cause}; nothing of it was loaded`;
}

function checkInvariant(
  name: string,
  counts: CopyCounts,
  loaded: number,
  quarantined: number,
  spooled: number,
): void {
  if (
    counts.rowsRead === loaded + quarantined &&
    loaded === counts.rowsAccepted &&
    quarantined === spooled
  )
    return;
  throw new LoadInvariantError(
    `${name}: read ${counts.rowsRead} lines but loaded ${loaded} (expected ${counts.rowsAccepted}) ` +
      `and quarantined ${quarantined} (expected ${spooled}); the load was rolled back`,
  );
}

async function copyFile(
  client: pg.PoolClient,
  zone: LandingZone,
  file: LandedFile,
  target: { format: SourceFormat; gzip: boolean },
  onBytes: BytesRead | undefined,
): Promise<Outcome> {
  const { format } = target;
  const reader = new LineReader(openText(zone, file.name, target.gzip, onBytes));
  try {
    const header = await reader.header();
    if (header === null) {
      const why = file.size === 0 ? 'is empty (0 bytes)' : 'has no header line';
      return {
        kind: 'refused',
        reason: `${file.name} ${why}: nothing loaded, the file stays in the landing zone`,
      };
    }
    const wrong = format.checkHeader(header.line);
    if (wrong)
      return {
        kind: 'refused',
        reason: `${file.name}: ${wrong}; the whole file is refused and stays in the landing zone`,
      };
    const spool = new QuarantineSpool(format.source, file.name);
    try {
      const counts: CopyCounts = { rowsRead: 0, rowsAccepted: 0 };
      const lines = { reader, afterHeader: header.rest };
      const loaded = await copyDataLines(client, format, file.name, lines, spool, counts);
      const quarantined = await spool.copyInto(client);
      checkInvariant(file.name, counts, loaded, quarantined, spool.count);
      return {
        kind: 'loaded',
        counts: { rowsRead: counts.rowsRead, rowsLoaded: loaded, rowsQuarantined: quarantined },
      };
    } finally {
      await spool.dispose();
    }
  } finally {
    reader.close();
  }
}

async function loadInTransaction(
  client: pg.PoolClient,
  zone: LandingZone,
  file: LandedFile,
  target: { format: SourceFormat; gzip: boolean },
  checksum: string,
  onBytes: BytesRead | undefined,
): Promise<Outcome> {
  await lockChecksum(client, checksum);
  const previous = await findInLedger(client, checksum);
  if (previous) {
    const { rowsRead, rowsLoaded, rowsQuarantined } = previous;
    return { kind: 'skipped', counts: { rowsRead, rowsLoaded, rowsQuarantined } };
  }
  const outcome = await copyFile(client, zone, file, target, onBytes);
  if (outcome.kind === 'loaded')
    await recordInLedger(client, {
      checksum,
      file: file.name,
      source: target.format.source,
      ...outcome.counts,
    });
  return outcome;
}

/**
 * Loads one landed file into its raw table in a single transaction: the data COPY, the
 * quarantine COPY and the ledger row commit together or not at all. A file whose checksum is in
 * the ledger is skipped. Loaded and skipped files are archived; refused or failed ones stay in
 * the landing zone, with the reason in `error`.
 *
 * @throws LoadInvariantError if rowsRead ≠ rowsLoaded + rowsQuarantined (after rolling back).
 */
export async function loadFile(
  pool: pg.Pool,
  zone: LandingZone,
  file: LandedFile,
  onBytes?: BytesRead,
): Promise<FileReport> {
  const started = performance.now();
  const report = (fields: Partial<FileReport>): FileReport => ({
    name: file.name,
    source: 'unknown',
    checksum: '',
    skipped: false,
    rowsRead: 0,
    rowsLoaded: 0,
    rowsQuarantined: 0,
    ...fields,
    durationMs: performance.now() - started,
  });
  const target = recogniseFile(file.name);
  if (!target)
    return report({
      error: `${file.name}: not a file the pipeline reads (events-, customers-, products- or inventory-*.csv[.gz]); left in the landing zone`,
    });
  const source = target.format.source;
  let checksum: string;
  try {
    checksum = await sha256(zone.open(file.name));
  } catch (error) {
    return report({ source, error: `${file.name}: cannot be read: ${message(error)}` });
  }
  let outcome: Outcome;
  try {
    outcome = await withTransaction(pool, (client) =>
      loadInTransaction(client, zone, file, target, checksum, onBytes),
    );
  } catch (error) {
    if (error instanceof LoadInvariantError) throw error;
    return report({ source, checksum, error: describeFailure(file.name, error) });
  }
  if (outcome.kind === 'refused') return report({ source, checksum, error: outcome.reason });
  const archived = await zone.archive(file.name).then(
    () => null,
    (error: unknown) => `${file.name}: loaded, but could not be archived: ${message(error)}`,
  );
  return report({
    source,
    checksum,
    skipped: outcome.kind === 'skipped',
    ...outcome.counts,
    ...(archived ? { error: archived } : {}),
  });
}
