import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RunningAlmanac {
  /** The one-time sign-in link printed on stdout. */
  signInUrl: string;
  webUrl: string;
  apiUrl: string;
  /** Everything the process wrote so far, for failure messages. */
  output(): string;
  /** SIGTERM to the whole process tree, SIGKILL if it is still there after a grace period. */
  stop(): Promise<void>;
}

export interface StartOptions {
  startScript: string;
  cwd: string;
  env: Record<string, string>;
  /** How long to wait for the sign-in line. */
  timeoutMs: number;
}

const SIGN_IN_LINE = /Sign in\s+(https?:\/\/\S+\/signin\?code=\S+)/;

/** Free TCP ports, all held open together so they differ from one another. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, async () => {
      const server = createServer();
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      return server;
    }),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  return ports;
}

function tail(text: string, lines = 80): string {
  return text.split('\n').slice(-lines).join('\n');
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

async function killTree(child: ChildProcess, graceMs: number): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(pid)) signalGroup(pid, 'SIGKILL');
  while (groupAlive(pid) && Date.now() < deadline + 5_000) await sleep(100);
}

/**
 * Starts `node apps/api/dist/start.js` (what `npm start` runs after building) in its own process
 * group, and waits for the sign-in line. On a timeout or an early exit it kills the tree and
 * throws with everything the process printed.
 */
export async function startAlmanac(options: StartOptions): Promise<RunningAlmanac> {
  const child = spawn(process.execPath, [options.startScript], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const output = () => `--- stdout ---\n${tail(stdout)}\n--- stderr ---\n${tail(stderr)}`;
  const exited = new Promise<string>((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit(`exited with ${signal ?? `code ${code}`}`)),
  );

  const stop = () => killTree(child, 5_000);
  try {
    const signInUrl = await new Promise<string>((resolveLine, rejectLine) => {
      const timer = setTimeout(
        () => rejectLine(new Error(`no sign-in line after ${options.timeoutMs / 1000} s`)),
        options.timeoutMs,
      );
      const check = () => {
        const match = SIGN_IN_LINE.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolveLine(match[1]);
        }
      };
      child.stdout.on('data', check);
      child.once('error', (error) => {
        clearTimeout(timer);
        rejectLine(error);
      });
      void exited.then((how) => {
        clearTimeout(timer);
        rejectLine(new Error(`the process ${how} before printing the sign-in line`));
      });
    });
    const webUrl = new URL(signInUrl).origin;
    const apiMatch = /Almanac API\s+(https?:\/\/\S+)\/graphql/.exec(stdout);
    return { signInUrl, webUrl, apiUrl: apiMatch?.[1] ?? '', output, stop };
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Almanac did not start: ${reason}\n${output()}`);
  }
}

/** Polls a URL until the server answers at all (any status), so the browser does not race it. */
export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: 'manual' });
      await response.body?.cancel();
      return;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      await sleep(250);
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s: ${lastError}`);
}
