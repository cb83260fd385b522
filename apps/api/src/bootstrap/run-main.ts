import { ConfigError } from '../config/config.js';

/** Runs an entry point; a failure ends the process with a readable message and exit code 1. */
export function runMain(what: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const message =
      error instanceof ConfigError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    process.stderr.write(`${what} failed to start: ${message}\n`);
    process.exit(1);
  });
}
