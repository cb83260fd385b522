import { startApiRuntime } from './bootstrap/runtime.js';
import { loadConfig } from './config/config.js';
import { runMain } from './bootstrap/run-main.js';
import { ensureAdminToken } from './modules/auth/admin-token.js';
import { AuthService } from './modules/auth/auth.service.js';
import { createLogger } from './modules/ops/logger.js';

/** The API alone, for deployments that run the web app and the database elsewhere. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const runtime = await startApiRuntime(config, logger);
  const admin = await ensureAdminToken(
    runtime.app.get(AuthService),
    config.dataDir,
    config.adminToken,
  );
  if (admin.created) process.stdout.write(`Admin token (shown once): ${admin.token}\n`);
  logger.info({ port: config.apiPort }, 'Almanac API listening');
  const stop = () => void runtime.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

runMain('Almanac API', main);
