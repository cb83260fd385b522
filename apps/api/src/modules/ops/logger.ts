import { pino, type Logger } from 'pino';
import type { LogLevel } from '../../config/config.js';

export type AppLogger = Logger;

export const LOGGER = Symbol('LOGGER');

/** Structured JSON logs; credentials are redacted wherever they appear. */
export function createLogger(level: LogLevel): AppLogger {
  return pino({
    level,
    base: { service: 'almanac-api' },
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        'token',
        '*.token',
        'password',
        '*.password',
      ],
      censor: '[redacted]',
    },
  });
}
