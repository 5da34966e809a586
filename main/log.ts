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
  'token',
  '*.token',
  '*.*.token',
];

/** How many of the latest log lines the process keeps in memory for a diagnostics bundle. */
export const LOG_RING_LINES = 300;

/** The latest log lines of this process, oldest first: a bounded copy of what went to the log's destination. */
class LogRing {
  private readonly lines: string[] = [];

  constructor(private readonly capacity: number) {}

  write(chunk: string): void {
    for (const line of chunk.split('\n')) {
      if (line === '') continue;
      this.lines.push(line);
      if (this.lines.length > this.capacity) this.lines.shift();
    }
  }

  snapshot(): string[] {
    return [...this.lines];
  }
}

const ring = new LogRing(LOG_RING_LINES);

/** The latest lines logged through `createLog` loggers (already redacted by pino), oldest first. */
export const recentLogLines = (): string[] => ring.snapshot();

export function createLog(opts: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const level = opts.level ?? process.env.STATION_LOG_LEVEL ?? 'info';
  // Every line goes to the destination and, as written (redacted), to the ring.
  const streams = pino.multistream([
    { level: level as pino.Level, stream: opts.destination ?? pino.destination(1) },
    { level: level as pino.Level, stream: ring },
  ]);
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[secret]' }, base: undefined }, streams);
}

/** A logger that drops everything (tests, and the demo's quiet mode). */
export const silentLog = (): Logger => pino({ level: 'silent' });
