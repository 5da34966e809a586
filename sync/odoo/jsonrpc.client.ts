import { StationError } from '../../app/domain/errors';
import type { RemoteCallObserver, RequestLimiter } from '../../app/ports';
import { timedCall } from '../http/remote-call-timing';
import { requireSecureUrl } from '../http/url-policy';
import { JsonRpcReplySchema } from './jsonrpc-reply.schema';
import { stationErrorFromHttp, stationErrorFromOdoo } from './odoo-error.mapping';
import { postToOdoo } from './odoo-post.transport';

export type OdooService = 'common' | 'object' | 'db';

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * One Odoo `POST /jsonrpc` endpoint. Every failure becomes a StationError whose `code` drives retries; the
 * password/API key (always `args[2]` of `common.authenticate` and `object.execute_kw`) never appears in a message.
 */
export class OdooJsonRpc {
  private readonly endpoint: URL;
  private readonly timeoutMs: number;
  private readonly observer: RemoteCallObserver | undefined;
  private nextId = 1;

  private readonly limiter: RequestLimiter | undefined;

  constructor(opts: { url: string; timeoutMs?: number; observer?: RemoteCallObserver; limiter?: RequestLimiter | undefined }) {
    const base = requireSecureUrl(opts.url, 'Odoo URL');
    if (base.username || base.password) throw new StationError('CONFIG', 'Odoo URL: credentials belong in the settings, not in the URL');
    this.endpoint = new URL('jsonrpc', base.href.endsWith('/') ? base.href : `${base.href}/`);
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.observer = opts.observer;
    this.limiter = opts.limiter;
  }

  /** Resolves with `result`, or `null` when the server sent no `result` key (a Python `None`). */
  async call(service: OdooService, method: string, args: unknown[]): Promise<unknown> {
    return timedCall(this.observer, 'odoo', describe(service, method, args), () => this.exchange(service, method, args), this.limiter);
  }

  private async exchange(service: OdooService, method: string, args: unknown[]): Promise<unknown> {
    const id = this.nextId++;
    const secrets = typeof args[2] === 'string' ? [args[2]] : [];
    const what = describe(service, method, args);
    const body = JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service, method, args }, id });

    const headers = { 'content-type': 'application/json', accept: 'application/json' };
    const { ok, status, text, retryAfter } = await postToOdoo(this.endpoint, { headers, body, timeoutMs: this.timeoutMs, what, secrets });
    if (!ok) throw stationErrorFromHttp(status, what, retryAfter);

    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new StationError('INVALID_REPLY', `odoo ${what}: the reply is not JSON (${text.length} bytes)`);
    }
    const parsed = JsonRpcReplySchema.safeParse(json);
    if (!parsed.success) throw new StationError('INVALID_REPLY', `odoo ${what}: the reply is not a JSON-RPC 2.0 envelope`);
    const reply = parsed.data;
    // Odoo echoes the id; the wild error replies carry `null`, which proves nothing either way.
    if (reply.id !== undefined && reply.id !== null && reply.id !== id) {
      throw new StationError('INVALID_REPLY', `odoo ${what}: reply id ${String(reply.id)} does not match request id ${id}`);
    }
    if (reply.error) throw stationErrorFromOdoo(reply.error, what, secrets);
    const result = 'result' in reply ? reply.result : undefined;
    return result === undefined ? null : result;
  }
}

/** `stock.picking.read` (`object.execute_kw` of it) — names the call without quoting any argument value. */
function describe(service: OdooService, method: string, args: unknown[]): string {
  if (service === 'object' && typeof args[3] === 'string' && typeof args[4] === 'string') return `${args[3]}.${args[4]}`;
  return `${service}.${method}`;
}
