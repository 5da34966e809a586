/**
 * Errors that cross a boundary carry a stable `code`. Retry decisions use `retryable`/`code`, never the message.
 */
export type StationErrorCode =
  | 'NETWORK' // connection refused/reset, DNS, socket timeout: retry
  | 'TIMEOUT' // the remote did not answer in time: retry
  | 'RATE_LIMITED' // 429: retry after `retryAfterMs`
  | 'UNAVAILABLE' // 502/503/504: a proxy or load balancer says the server is not there (down, restarting): wait
  | 'SERVER' // 500 or a server-side exception that may pass: retry a few times, then dead-letter
  | 'AUTH' // wrong credentials, access denied: do not retry, tell a human
  | 'REJECTED' // the remote refused the request as invalid (UserError, 4xx validation): do not retry
  | 'NOT_FOUND' // the record does not exist remotely: do not retry
  | 'CONFLICT' // the record changed remotely behind the station, or another station holds it: a person decides
  | 'INVALID_REPLY' // the remote answered something we cannot parse: retry a few times, then dead-letter
  | 'PRINTER_FAULT'
  | 'DEVICE'
  | 'CONFIG';

const RETRYABLE: ReadonlySet<StationErrorCode> = new Set([
  'NETWORK',
  'TIMEOUT',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'SERVER',
  'INVALID_REPLY',
  'PRINTER_FAULT',
  'DEVICE',
]);

/**
 * The remote could not be reached or asked us to wait: nothing about the request itself is wrong. A packing station
 * is offline-first, so such a failure means "wait and try again", for days if need be — never a dead letter, and
 * never a reason to distrust the request. A server that answered with an error (even a 500) is not in this set.
 */
const UNREACHABLE: ReadonlySet<StationErrorCode> = new Set(['NETWORK', 'TIMEOUT', 'RATE_LIMITED', 'UNAVAILABLE']);

export class StationError extends Error {
  readonly code: StationErrorCode;
  readonly retryAfterMs: number | undefined;
  readonly detail: unknown;

  constructor(code: StationErrorCode, message: string, options: { cause?: unknown; retryAfterMs?: number; detail?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'StationError';
    this.code = code;
    this.retryAfterMs = options.retryAfterMs;
    this.detail = options.detail;
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

export const isStationError = (e: unknown): e is StationError => e instanceof StationError;

/** Whether `e` says the remote was out of reach (see UNREACHABLE), as opposed to an answer refusing the request. */
export const isUnreachable = (e: unknown): e is StationError => isStationError(e) && UNREACHABLE.has(e.code);

/** Message for a human, whatever was thrown. */
export const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));
