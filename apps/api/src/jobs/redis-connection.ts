import { Redis } from 'ioredis';

import { withTimeout } from './async-utils.js';
import { errorMessage, type JobLogger } from './job-logger.js';

const MAX_RECONNECT_DELAY_MS = 5_000;
const DISCONNECT_TIMEOUT_MS = 500;

export interface RedisClientOptions {
  readonly connectTimeoutMs: number;
  /** Producers fail fast while Redis is down; workers wait for it (BullMQ's advice). */
  readonly failFast: boolean;
}

/**
 * A client BullMQ accepts: `maxRetriesPerRequest: null` is mandatory for workers.
 * Reconnection never gives up, with a capped delay, so the process recovers
 * from a Redis restart by itself; callers bound their own waits instead.
 */
export function createRedisClient(url: string, options: RedisClientOptions): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableOfflineQueue: !options.failFast,
    connectTimeout: options.connectTimeoutMs,
    // After disconnecting a socket that never connected, ioredis keeps a timer
    // this long; its 2 s default would hold the process (and Jest) open.
    disconnectTimeout: DISCONNECT_TIMEOUT_MS,
    retryStrategy: (times) => Math.min(times * 250, MAX_RECONNECT_DELAY_MS),
  });
}

/** Resolves when `client` is ready; rejects on its next error or after `timeoutMs`. */
export function redisReady(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const settle = (error?: Error): void => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onReady = (): void => settle();
    const onError = (error: Error): void => settle(error);
    const timer = setTimeout(
      () => settle(new Error(`Redis not ready after ${timeoutMs} ms (status: ${client.status})`)),
      timeoutMs,
    );
    client.once('ready', onReady);
    client.once('error', onError);
  });
}

/** Quits politely when connected, otherwise drops the socket and stops reconnecting. */
export async function closeRedisClient(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === 'end') return;
  if (client.status === 'connecting' || client.status === 'connect') {
    // Dropping a socket mid-handshake fails ioredis's ready check, which leaves a stray timer.
    await redisReady(client, timeoutMs).catch(() => undefined);
  }
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  try {
    await withTimeout(client.quit(), timeoutMs, () => new Error('Redis QUIT timed out'));
  } catch {
    client.disconnect();
  }
}

/**
 * Logs a connection problem once per outage rather than on every reconnect
 * attempt, and logs the recovery.
 */
export class OutageReporter {
  private readonly lastMessages = new Map<string, string>();

  constructor(private readonly logger: JobLogger) {}

  failure(source: string, error: unknown): void {
    const message = errorMessage(error);
    if (this.lastMessages.get(source) === message) return;
    this.lastMessages.set(source, message);
    this.logger.warn({ source, err: message }, 'Job queue connection error');
  }

  recovered(source: string): void {
    if (!this.lastMessages.delete(source)) return;
    this.logger.info({ source }, 'Job queue connection restored');
  }

  lastError(source: string): string | undefined {
    return this.lastMessages.get(source);
  }
}
