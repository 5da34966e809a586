/**
 * JSON over HTTP for a carrier platform's REST API, whichever platform: one timeout covering connect + headers +
 * body, zod on every reply, the remote-call observer and rate limiter, and the mapping of HTTP statuses and socket
 * failures to StationError codes. A platform brings only what is its own: its Authorization header, extra headers,
 * and how to read its error envelope. The key never appears in a message: errors name the method and path only.
 */
import type { z } from 'zod';
import { StationError, type StationErrorCode } from '../../app/domain/errors';
import type { RemoteCallObserver, RequestLimiter } from '../../app/ports';
import { GATEWAY_DOWN } from '../http/gateway-down';
import { timedCall } from '../http/remote-call-timing';
import { routeOf } from '../http/rest-route';
import { parseRetryAfter } from '../http/retry-after';
import { requireSecureUrl } from '../http/url-policy';

/** What a platform's error body says, once read: its own code, a message, and field errors as "field: message". */
export interface PlatformErrorReading {
  code: string | null;
  message: string | null;
  errors: string[];
  /** The same errors' messages alone, as a person reads them ("House number is missing"), where the platform has them. */
  messages?: string[];
}

/** `StationError.detail` of every error built from an HTTP reply of a platform. */
export interface PlatformErrorDetail {
  status: number;
  /** The platform's machine-readable code, null when the body was not its error envelope. */
  code: string | null;
  errors: string[];
  messages: string[];
}

/** How a platform's error replies are read: its envelope, and its own reading of a status where it has one. */
export interface PlatformErrorReader {
  /** Reads the platform's error envelope from a parsed body; null when the body is not one. */
  readError: (body: unknown) => PlatformErrorReading | null;
  /** A platform's own reading of a status, where it differs from `codeForStatus`. */
  codeFor?: ((status: number) => StationErrorCode | undefined) | undefined;
}

export interface PlatformHttpOptions extends PlatformErrorReader {
  baseUrl: URL;
  /** The whole Authorization header value (`Basic …`, `ShippoToken …`). */
  authorization: string;
  timeoutMs: number;
  /** Sent with every API request (e.g. a pinned API version). */
  headers?: Record<string, string>;
  observer?: RemoteCallObserver | undefined;
  limiter?: RequestLimiter | undefined;
}

export type HttpMethod = 'GET' | 'POST';

const USER_AGENT = 'packing-station-agent/0.1';

/** Used when a 429 carries no usable Retry-After: long enough not to hammer, short enough to recover. */
export const DEFAULT_RETRY_AFTER_MS = 1000;

export class PlatformHttp {
  private readonly base: string;

  constructor(private readonly opts: PlatformHttpOptions) {
    this.base = opts.baseUrl.href.replace(/\/+$/, '');
  }

  /**
   * Calls `method path` (relative to the base URL) and parses the reply with `schema`. `route` names the call for
   * the observer when the path holds values that are not ids in alternate segments (see routeOf).
   */
  async json<S extends z.ZodType>(method: HttpMethod, path: string, schema: S, body?: unknown, route?: string): Promise<z.infer<S>> {
    const name = `${method} ${route ?? routeOf(path)}`;
    return timedCall(this.opts.observer, 'carrier', name, () => this.exchange(method, path, schema, body), this.opts.limiter);
  }

  /**
   * Downloads a file the platform handed out (label, manifest form). These are pre-signed storage URLs: they need
   * no credentials and must not get ours, so the request carries no Authorization header. TLS unless loopback.
   */
  async download(rawUrl: string, what: string): Promise<Buffer> {
    return timedCall(this.opts.observer, 'carrier', `GET ${what}`, () => this.fetchFile(rawUrl, what), this.opts.limiter);
  }

  private async exchange<S extends z.ZodType>(method: HttpMethod, path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
    const what = `${method} ${path.split('?')[0] ?? path}`;
    const headers: Record<string, string> = {
      ...this.opts.headers,
      authorization: this.opts.authorization,
      accept: 'application/json',
      'user-agent': USER_AGENT,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const reply = await this.fetchBytes(`${this.base}${path}`, what, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      // A redirect would replay our credentials somewhere we did not configure.
      redirect: 'error',
    });
    const text = reply.bytes.toString('utf8');
    if (reply.status < 200 || reply.status > 299) throw errorFromReply(this.opts, reply.status, text, reply.retryAfter, what);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (cause) {
      throw new StationError('INVALID_REPLY', `carrier ${what}: HTTP ${reply.status} reply is not JSON`, { cause, detail: { status: reply.status } });
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      throw new StationError('INVALID_REPLY', `carrier ${what}: unexpected reply (${issues.join('; ')})`, { detail: { status: reply.status } });
    }
    return parsed.data;
  }

  private async fetchFile(rawUrl: string, what: string): Promise<Buffer> {
    const url = requireSecureUrl(rawUrl, `carrier ${what} URL`);
    const label = `${what} download ${url.pathname}`;
    const reply = await this.fetchBytes(url.href, label, { method: 'GET', headers: { 'user-agent': USER_AGENT } });
    if (reply.status < 200 || reply.status > 299) throw errorFromReply(this.opts, reply.status, reply.bytes.toString('utf8'), reply.retryAfter, label);
    return reply.bytes;
  }

  private async fetchBytes(url: string, what: string, init: RequestInit): Promise<{ status: number; bytes: Buffer; retryAfter: string | null }> {
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(this.opts.timeoutMs) });
      // Reading the body is inside the try: a connection dropped mid-body is a network failure, not a reply.
      const bytes = Buffer.from(await res.arrayBuffer());
      return { status: res.status, bytes, retryAfter: res.headers.get('retry-after') };
    } catch (cause) {
      throw errorFromFetchFailure(cause, what, this.opts.timeoutMs);
    }
  }
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

/** fetch() failures: our own timeout → TIMEOUT; refused/reset/DNS or a body cut short → NETWORK. */
export function errorFromFetchFailure(cause: unknown, what: string, timeoutMs: number): StationError {
  const name = cause instanceof Error ? cause.name : '';
  if (name === 'TimeoutError') return new StationError('TIMEOUT', `carrier ${what}: no answer within ${timeoutMs} ms`, { cause });
  const inner = cause instanceof Error && cause.cause instanceof Error ? ` (${cause.cause.message})` : '';
  const msg = cause instanceof Error ? cause.message : String(cause);
  return new StationError('NETWORK', `carrier ${what}: ${msg}${inner}`, { cause });
}

/** A non-2xx reply; a body that is not the platform's envelope (proxy HTML) still maps by status. */
export function errorFromReply(platform: PlatformErrorReader, status: number, bodyText: string, retryAfter: string | null, what: string): StationError {
  let reading: PlatformErrorReading | null = null;
  try {
    reading = platform.readError(JSON.parse(bodyText));
  } catch {
    reading = null;
  }
  const detail: PlatformErrorDetail = { status, code: reading?.code ?? null, errors: reading?.errors ?? [], messages: reading?.messages ?? [] };
  const code = platform.codeFor?.(status) ?? codeForStatus(status);
  const said = reading ? [reading.code, reading.message].filter((s) => s !== null && s !== '').join(': ') || 'no message' : 'no error envelope';
  const fields = detail.errors.length > 0 ? ` (${detail.errors.join('; ')})` : '';
  const message = `carrier ${what} failed with HTTP ${status} ${said}${fields}`;
  if (code === 'RATE_LIMITED') {
    return new StationError(code, message, { detail, retryAfterMs: parseRetryAfter(retryAfter) ?? DEFAULT_RETRY_AFTER_MS });
  }
  return new StationError(code, message, { detail });
}
