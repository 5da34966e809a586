import { StationError } from '../../app/domain/errors';
import type { StationErrorCode } from '../../app/domain/errors';
import type { OdooErrorData } from './jsonrpc-reply.schema';
import { GATEWAY_DOWN } from '../http/gateway-down';
import { parseRetryAfter } from '../http/retry-after';

/*
 * Keyed by the Python class path Odoo puts in the error's `name` (`serialize_exception` in odoo/http.py:
 * `f'{module}.{name}'`); the message is for humans only. An answer with an exception is never "unreachable": Odoo
 * was there and ran the request. What decides is whether asking again can ever pass:
 * - Odoo's own exceptions (odoo/exceptions.py) are UserError subclasses (ValidationError, AccessError, MissingError,
 *   LockError…): business refusals. 19's JSON-2 even answers them 4xx (`http_status`), not 5xx.
 * - builtins ValueError / KeyError / TypeError / AttributeError come from the ORM refusing the request itself: an
 *   invalid field ("Invalid field 'mobile' on 'res.partner'", 19 has no such field), an unknown model, a wrong
 *   argument. The same request fails the same way forever: REJECTED, not retried.
 * - psycopg2 schema errors (UndefinedColumn/UndefinedTable: a module not upgraded) likewise never pass by retrying.
 * - Concurrency (psycopg2 SerializationFailure, DeadlockDetected, LockNotAvailable, OperationalError;
 *   odoo.exceptions.ConcurrencyError/LockError) passes on a later try: odoo/service/model.py `retrying` itself retries
 *   PG_CONCURRENCY_ERRORS_TO_RETRY up to 5 times before giving up — SERVER (retryable).
 * Anything else unknown is SERVER: retried a few times, then a dead letter a human can read.
 */
const BY_NAME: Readonly<Record<string, StationErrorCode>> = {
  'odoo.exceptions.AccessDenied': 'AUTH',
  'odoo.exceptions.AccessError': 'AUTH',
  'odoo.http.SessionExpiredException': 'AUTH',
  'werkzeug.exceptions.Unauthorized': 'AUTH',
  'werkzeug.exceptions.Forbidden': 'AUTH',
  'odoo.exceptions.MissingError': 'NOT_FOUND',
  'werkzeug.exceptions.NotFound': 'NOT_FOUND',
  'odoo.exceptions.ConcurrencyError': 'SERVER',
  'odoo.exceptions.LockError': 'SERVER',
  'odoo.exceptions.CacheMiss': 'SERVER',
  'builtins.ValueError': 'REJECTED',
  'builtins.KeyError': 'REJECTED',
  'builtins.TypeError': 'REJECTED',
  'builtins.AttributeError': 'REJECTED',
  'psycopg2.errors.UndefinedColumn': 'REJECTED',
  'psycopg2.errors.UndefinedTable': 'REJECTED',
  'psycopg2.errors.UndefinedFunction': 'REJECTED',
  'psycopg2.errors.NotNullViolation': 'REJECTED',
  'psycopg2.errors.ForeignKeyViolation': 'REJECTED',
  'psycopg2.errors.UniqueViolation': 'REJECTED',
  'psycopg2.errors.CheckViolation': 'REJECTED',
  'psycopg2.IntegrityError': 'REJECTED',
  'werkzeug.exceptions.BadRequest': 'REJECTED',
  'werkzeug.exceptions.UnprocessableEntity': 'REJECTED',
};

export function codeForOdooError(name: string | undefined): StationErrorCode {
  if (name === undefined) return 'SERVER';
  const known = BY_NAME[name];
  if (known) return known;
  // Every other class of odoo/exceptions.py (UserError, ValidationError, RedirectWarning, …) is a business refusal.
  return name.startsWith('odoo.exceptions.') ? 'REJECTED' : 'SERVER';
}

/** `builtins.ValueError` → `ValueError`: the class a person recognises; the full path stays in `detail`. */
const shortName = (name: string): string => name.slice(name.lastIndexOf('.') + 1);

/** Removes every secret from a text that came from the server or the transport, before it reaches a log. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('***');
  return out;
}

/**
 * An exception Odoo answered with, on either transport. `call` names the call (`stock.picking.search`); the message
 * says that Odoo refused it and why ("Odoo refused res.partner.read: ValueError: Invalid field 'mobile' on …").
 */
export function stationErrorFromOdoo(
  error: { code: number; message: string; data?: OdooErrorData | undefined },
  call: string,
  secrets: readonly string[],
): StationError {
  const name = error.data?.name;
  const serverMessage = redact(error.data?.message ?? error.message, secrets);
  // The traceback (`debug`) stays out: it is long, and it may quote arguments.
  return new StationError(codeForOdooError(name), `Odoo refused ${call}: ${name !== undefined ? shortName(name) : error.message}: ${serverMessage}`, {
    detail: { odooName: name ?? null, odooCode: error.code, message: serverMessage },
  });
}

/**
 * A reply mapped by its HTTP status alone, on either API. A 429's Retry-After (delta-seconds or an HTTP date, read by
 * the one parser the carrier client uses too) becomes `retryAfterMs`: the sync engine holds the target until then.
 * Without a usable Retry-After the target waits as for any outage.
 */
export function stationErrorFromHttp(status: number, call: string, retryAfter?: string | null): StationError {
  const code: StationErrorCode =
    GATEWAY_DOWN.has(status) ? 'UNAVAILABLE' : status >= 500 ? 'SERVER' : status === 401 || status === 403 ? 'AUTH' : status === 404 ? 'NOT_FOUND' : status === 429 ? 'RATE_LIMITED' : 'REJECTED';
  const retryAfterMs = code === 'RATE_LIMITED' ? parseRetryAfter(retryAfter) : undefined;
  if (retryAfterMs === undefined) return new StationError(code, `odoo ${call}: HTTP ${status}`, { detail: { status } });
  return new StationError(code, `odoo ${call}: HTTP ${status}, retry after ${Math.ceil(retryAfterMs / 1000)} s`, { detail: { status }, retryAfterMs });
}

/** A request that got no answer: the remote was out of reach (NETWORK) or too slow (TIMEOUT). */
export function transportError(cause: unknown, what: string, timeoutMs: number, secrets: readonly string[]): StationError {
  const name = cause instanceof Error ? cause.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new StationError('TIMEOUT', `odoo ${what}: no answer within ${timeoutMs} ms`, { cause });
  }
  const inner = cause instanceof Error && cause.cause instanceof Error ? `: ${cause.cause.message}` : '';
  const message = cause instanceof Error ? cause.message : String(cause);
  const text = `odoo ${what}: ${message}${inner}`;
  // A key fetch cannot send (a newline read from a key file, say) is named in fetch's own message: that error is
  // not kept as the cause (a logger would print it whole), and it is a setting to fix, not a network to wait for.
  const leaks = secrets.some((secret) => secret.length > 0 && text.includes(secret));
  if (leaks) return new StationError('CONFIG', `${redact(text, secrets)} (check the API key: it holds a character HTTP headers cannot carry?)`);
  return new StationError('NETWORK', redact(text, secrets), { cause });
}
