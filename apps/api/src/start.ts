import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApiRuntime } from './bootstrap/runtime.js';
import { loadConfig } from './config/config.js';
import { runMain } from './bootstrap/run-main.js';
import { AuthService } from './modules/auth/auth.service.js';
import { ensureAdminToken } from './modules/auth/admin-token.js';
import { createLogger } from './modules/ops/logger.js';
import { loadShopIntoCatalog } from './shop/load-shop.js';

/** `npm start`: the API, the web app and the shop's catalog, with nothing but Node installed. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const runtime = await startApiRuntime(config, logger);
  const auth = runtime.app.get(AuthService);
  const admin = await ensureAdminToken(auth, config.dataDir, config.adminToken);
  // A broken landing file or model must not keep the catalog from serving; the log says what failed.
  await loadShopIntoCatalog(runtime, config, logger).catch((error: unknown) => {
    logger.error({ err: error }, 'the shop pipeline could not be loaded into the catalog');
  });
  const web = startWeb(config.webPort, config.apiPort);
  await waitForWeb(config.webPort, web);
  const code = await auth.createAdminSignInCode();
  const lines = [
    '',
    `  Almanac API   http://localhost:${config.apiPort}/graphql`,
    `  Almanac web   ${config.webUrl}`,
    `  Sign in       ${config.webUrl}/signin?code=${code}   (one-time link, valid 15 minutes)`,
    admin.created
      ? `  Admin token   ${admin.token}   (shown once; kept in ${join(config.dataDir, 'admin-token')})`
      : `  Admin token   in ${admin.origin === 'environment' ? 'ALMANAC_ADMIN_TOKEN' : join(config.dataDir, 'admin-token')}`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const shutdown = async () => {
    web.removeAllListeners('exit');
    web.kill('SIGTERM');
    await runtime.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

function startWeb(webPort: number, apiPort: number): ChildProcess {
  const require = createRequire(import.meta.url);
  const webDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');
  const nextBin = require.resolve('next/dist/bin/next');
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(webPort)], {
    cwd: webDir,
    env: { ...process.env, ALMANAC_API_URL: `http://127.0.0.1:${apiPort}` },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('exit', (exitCode) => {
    if (exitCode !== null && exitCode !== 0)
      process.stderr.write(`web app exited with code ${exitCode}\n`);
  });
  return child;
}

/** The sign-in link is printed only once the web app answers, so it works when clicked at once. */
async function waitForWeb(port: number, web: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (web.exitCode !== null) throw new Error(`the web app exited with code ${web.exitCode}`);
    const up = await fetch(`http://127.0.0.1:${port}/signin`).then(
      () => true,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the web app did not answer on port ${port} within 60 s`);
}

runMain('Almanac', main);
