import pino, { type Logger } from 'pino';

export type Log = Pick<Logger, 'info' | 'warn' | 'error' | 'debug' | 'child'>;

/**
 * Secrets never reach a log line: every key that can hold one is censored wherever it appears (two levels deep
 * covers config objects and HTTP request options).
 */
export const REDACT_PATHS = [
  'apiKey',
  'password',
  'authorization',
  'headers.authorization',
  '*.apiKey',
  '*.password',
  '*.authorization',
  '*.*.apiKey',
  '*.*.password',
];

export function createLog(opts: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    { level: opts.level ?? process.env.STATION_LOG_LEVEL ?? 'info', redact: { paths: REDACT_PATHS, censor: '[secret]' }, base: undefined },
    opts.destination,
  );
}

/** A logger that drops everything (tests, and the demo's quiet mode). */
export const silentLog = (): Logger => pino({ level: 'silent' });
