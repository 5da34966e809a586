/**
 * EasyPost error replies → StationError. The code decides retries; the platform's own code (e.g.
 * ADDRESS.VERIFY.FAILURE, SHIPMENT.POSTAGE.FAILURE) is kept in `detail` for people and for finer handling.
 */
import { StationError, type StationErrorCode } from '../../app/domain/errors';
import { EasyPostErrorEnvelopeSchema, type EasyPostErrorEnvelope } from './easypost.schema';
import { GATEWAY_DOWN } from '../http/gateway-down';

/** `StationError.detail` of every error built from an HTTP reply of the platform. */
export interface EasyPostErrorDetail {
  status: number;
  /** The platform's machine-readable code, null when the body was not an EasyPost error envelope. */
  code: string | null;
  /** Field errors flattened to "field: message" (or the plain strings of the alternative form). */
  errors: string[];
  /** The same errors' messages alone, as a person reads them ("House number is missing"). */
  messages: string[];
}

/** Used when a 429 carries no usable Retry-After: long enough not to hammer, short enough to recover. */
export const DEFAULT_RETRY_AFTER_MS = 1000;

/** Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const joinMessage = (m: string | string[] | null | undefined): string => (Array.isArray(m) ? m.join(', ') : (m ?? ''));

export function flattenErrors(envelope: EasyPostErrorEnvelope, withField = true): string[] {
  return (envelope.error.errors ?? []).map((e) => {
    if (typeof e === 'string') return e;
    const msg = joinMessage(e.message);
    return withField && e.field ? `${e.field}: ${msg}` : msg;
  });
}

export function codeForStatus(status: number): StationErrorCode {
  if (status === 401 || status === 403) return 'AUTH';
  if (status === 404) return 'NOT_FOUND';
  if (status === 408) return 'TIMEOUT';
  if (status === 429) return 'RATE_LIMITED';
  if (GATEWAY_DOWN.has(status)) return 'UNAVAILABLE';
  if (status >= 500) return 'SERVER';
  // 400, 402 (no funds), 422 and the rest of 4xx: the request as sent will not pass, a human must act.
  return 'REJECTED';
}

/** Parses the body text of a non-2xx reply; a body that is not an envelope (proxy HTML) still maps by status. */
export function errorFromReply(status: number, bodyText: string, retryAfter: string | null, what: string): StationError {
  let envelope: EasyPostErrorEnvelope | null = null;
  try {
    const parsed = EasyPostErrorEnvelopeSchema.safeParse(JSON.parse(bodyText));
    if (parsed.success) envelope = parsed.data;
  } catch {
    envelope = null;
  }
  const detail: EasyPostErrorDetail = {
    status,
    code: envelope?.error.code ?? null,
    errors: envelope ? flattenErrors(envelope) : [],
    messages: envelope ? flattenErrors(envelope, false).filter((m) => m !== '') : [],
  };
  const code = codeForStatus(status);
  const platform = envelope ? `${envelope.error.code}: ${joinMessage(envelope.error.message) || 'no message'}` : 'no error envelope';
  const fields = detail.errors.length > 0 ? ` (${detail.errors.join('; ')})` : '';
  const message = `carrier ${what} failed with HTTP ${status} ${platform}${fields}`;
  if (code === 'RATE_LIMITED') {
    return new StationError(code, message, { detail, retryAfterMs: parseRetryAfter(retryAfter) ?? DEFAULT_RETRY_AFTER_MS });
  }
  return new StationError(code, message, { detail });
}

/** fetch() failures: our own timeout → TIMEOUT; refused/reset/DNS or a body cut short → NETWORK. */
export function errorFromFetchFailure(cause: unknown, what: string, timeoutMs: number): StationError {
  const name = cause instanceof Error ? cause.name : '';
  if (name === 'TimeoutError') return new StationError('TIMEOUT', `carrier ${what}: no answer within ${timeoutMs} ms`, { cause });
  const inner = cause instanceof Error && cause.cause instanceof Error ? ` (${cause.cause.message})` : '';
  const msg = cause instanceof Error ? cause.message : String(cause);
  return new StationError('NETWORK', `carrier ${what}: ${msg}${inner}`, { cause });
}
