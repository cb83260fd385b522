import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';
import { hasErrorCode } from './errors.js';

/**
 * `<dataDir>/server.json` records which process serves a data directory, so that exactly one
 * PGlite ever opens those files and other processes (the CLI) can find its port.
 */
export const SERVER_INFO_FILE = 'server.json';
export const EMBEDDED_HOST = '127.0.0.1';

const serverInfoSchema = z.object({
  pid: z.number().int().positive(),
  /** null while the server is still opening the database. */
  port: z.number().int().min(1).max(65535).nullable(),
  startedAt: z.string(),
});

export type ServerInfo = z.infer<typeof serverInfoSchema>;

export type ServerState =
  | { readonly kind: 'absent' }
  | { readonly kind: 'starting'; readonly info: ServerInfo }
  | { readonly kind: 'running'; readonly info: ServerInfo; readonly port: number };

export type ClaimResult =
  { readonly claimed: true } | { readonly claimed: false; readonly owner: ServerInfo };

const PORT_PROBE_TIMEOUT_MS = 1000;
const CLAIM_ATTEMPTS = 3;

export function serverInfoPath(dataDir: string): string {
  return join(dataDir, SERVER_INFO_FILE);
}

export async function readServerInfo(dataDir: string): Promise<ServerInfo | null> {
  let text: string;
  try {
    text = await readFile(serverInfoPath(dataDir), 'utf8');
  } catch (error) {
    if (hasErrorCode(error, 'ENOENT')) return null;
    throw error;
  }
  return parseServerInfo(text);
}

/**
 * What serves the directory now. A record whose process is gone, or whose port no longer
 * accepts connections although it was published, is stale and reported as absent.
 */
export async function inspectServer(dataDir: string): Promise<ServerState> {
  const info = await readServerInfo(dataDir);
  if (info === null || !isProcessAlive(info.pid)) return { kind: 'absent' };
  if (info.port === null) return { kind: 'starting', info };
  const accepting = await acceptsConnection(info.port);
  return accepting ? { kind: 'running', info, port: info.port } : { kind: 'absent' };
}

/** Atomically makes `pid` the directory's server unless a live one already is. */
export async function claimServerInfo(dataDir: string, info: ServerInfo): Promise<ClaimResult> {
  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt += 1) {
    try {
      await writeFile(serverInfoPath(dataDir), JSON.stringify(info), { flag: 'wx' });
      return { claimed: true };
    } catch (error) {
      if (!hasErrorCode(error, 'EEXIST')) throw error;
    }
    const state = await inspectServer(dataDir);
    if (state.kind !== 'absent') return { claimed: false, owner: state.info };
    await rm(serverInfoPath(dataDir), { force: true });
  }
  throw new Error(`could not claim ${serverInfoPath(dataDir)} after ${CLAIM_ATTEMPTS} attempts`);
}

/** Replaces the record in one rename, so readers never see a half-written file. */
export async function publishServerInfo(dataDir: string, info: ServerInfo): Promise<void> {
  const temporary = `${serverInfoPath(dataDir)}.${info.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(info));
  await rename(temporary, serverInfoPath(dataDir));
}

/** Removes the record only if it still names `pid`. */
export async function removeServerInfo(dataDir: string, pid: number): Promise<void> {
  const info = await readServerInfo(dataDir);
  if (info?.pid === pid) await rm(serverInfoPath(dataDir), { force: true });
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return hasErrorCode(error, 'EPERM');
  }
}

export function acceptsConnection(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: EMBEDDED_HOST, port });
    const finish = (accepted: boolean): void => {
      socket.destroy();
      resolve(accepted);
    };
    socket.setTimeout(PORT_PROBE_TIMEOUT_MS, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

function parseServerInfo(text: string): ServerInfo | null {
  try {
    const parsed = serverInfoSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
