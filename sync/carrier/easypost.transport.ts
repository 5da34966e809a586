/**
 * HTTP for the EasyPost-style API: Basic auth with the key as user (as EasyPost's own clients do), one timeout
 * covering connect + headers + body, zod on every reply. The key never appears in a message: errors name the
 * method and path only.
 */
import type { z } from 'zod';
import { StationError } from '../../app/domain/errors';
import type { RemoteCallObserver, RequestLimiter } from '../../app/ports';
import { timedCall } from '../http/remote-call-timing';
import { requireSecureUrl } from '../http/url-policy';
import { errorFromFetchFailure, errorFromReply } from './easypost.errors';

export interface EasyPostTransportOptions {
  baseUrl: URL;
  apiKey: string;
  timeoutMs: number;
  /** Told the duration and outcome of every request (metrics, per-call logs). */
  observer?: RemoteCallObserver;
  limiter?: RequestLimiter | undefined;
}

const USER_AGENT = 'packing-station-agent/0.1';

export class EasyPostTransport {
  private readonly base: string;
  private readonly authorization: string;
  private readonly timeoutMs: number;
  private readonly observer: RemoteCallObserver | undefined;
  private readonly limiter: RequestLimiter | undefined;

  constructor(opts: EasyPostTransportOptions) {
    this.base = opts.baseUrl.href.replace(/\/+$/, '');
    this.authorization = `Basic ${Buffer.from(`${opts.apiKey}:`).toString('base64')}`;
    this.timeoutMs = opts.timeoutMs;
    this.observer = opts.observer;
    this.limiter = opts.limiter;
  }

  /** Calls `method path` (path relative to the base URL, e.g. `/shipments/shp_1/buy`) and parses the reply. */
  async json<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
    return timedCall(this.observer, 'carrier', `${method} ${routeOf(path)}`, () => this.exchange(method, path, schema, body), this.limiter);
  }

  private async exchange<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
    const what = `${method} ${path.split('?')[0] ?? path}`;
    const headers: Record<string, string> = { authorization: this.authorization, accept: 'application/json', 'user-agent': USER_AGENT };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const { status, body: bytes, retryAfter } = await this.fetchBody(`${this.base}${path}`, what, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      // A redirect would replay our credentials somewhere we did not configure.
      redirect: 'error',
    });
    const text = bytes.toString('utf8');
    if (status < 200 || status > 299) throw errorFromReply(status, text, retryAfter, what);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (cause) {
      throw new StationError('INVALID_REPLY', `carrier ${what}: HTTP ${status} reply is not JSON`, { cause, detail: { status } });
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      throw new StationError('INVALID_REPLY', `carrier ${what}: unexpected reply (${issues.join('; ')})`, { detail: { status } });
    }
    return parsed.data;
  }

  /** Downloads a label file as text (ZPL is ASCII). */
  async download(rawUrl: string): Promise<string> {
    return (await this.downloadBytes(rawUrl, 'GET label')).toString('utf8');
  }

  /**
   * Downloads a platform file (a label, a scan form's PDF). EasyPost hands out pre-signed S3 URLs: they need no
   * credentials and must not get ours, so this request carries no Authorization header.
   */
  async downloadBytes(rawUrl: string, metric = 'GET file'): Promise<Buffer> {
    return timedCall(this.observer, 'carrier', metric, () => this.fetchFile(rawUrl), this.limiter);
  }

  private async fetchFile(rawUrl: string): Promise<Buffer> {
    const url = requireSecureUrl(rawUrl, 'carrier file URL');
    const what = `file download ${url.pathname}`;
    const { status, body, retryAfter } = await this.fetchBody(url.href, what, {
      method: 'GET',
      headers: { 'user-agent': USER_AGENT },
    });
    if (status < 200 || status > 299) throw errorFromReply(status, body.toString('utf8'), retryAfter, what);
    return body;
  }

  private async fetchBody(url: string, what: string, init: RequestInit): Promise<{ status: number; body: Buffer; retryAfter: string | null }> {
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
      // Reading the body is inside the try: a connection dropped mid-body is a network failure, not a reply.
      const body = Buffer.from(await res.arrayBuffer());
      return { status: res.status, body, retryAfter: res.headers.get('retry-after') };
    } catch (cause) {
      throw errorFromFetchFailure(cause, what, this.timeoutMs);
    }
  }
}

/**
 * `/shipments/shp_1/buy?x=1` → `/shipments/:id/buy`: REST paths alternate collection and id, and a metric label must
 * not take one value per shipment.
 */
export function routeOf(path: string): string {
  const segments = (path.split('?')[0] ?? path).split('/');
  return segments.map((segment, i) => (i % 2 === 0 && i > 0 && segment !== '' ? ':id' : segment)).join('/');
}
