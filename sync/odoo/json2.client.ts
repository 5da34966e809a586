import { z } from 'zod';
import { StationError } from '../../app/domain/errors';
import type { RemoteCallObserver, RequestLimiter } from '../../app/ports';
import { GATEWAY_DOWN } from '../http/gateway-down';
import { timedCall } from '../http/remote-call-timing';
import { requireSecureUrl } from '../http/url-policy';
import type { OdooExec } from './odoo-exec';
import { stationErrorFromHttp, stationErrorFromOdoo } from './odoo-error.mapping';
import { postToOdoo } from './odoo-post.transport';

const DEFAULT_TIMEOUT_MS = 15_000;

/** `serialize_exception` (odoo/http.py), the body of every JSON-2 error; `Json2Dispatcher.handle_error` picks the status. */
const Json2ErrorSchema = z.object({
  name: z.string(),
  message: z.string(),
  arguments: z.array(z.unknown()).optional(),
  context: z.unknown().optional(),
  debug: z.string().optional(),
});

/*
 * JSON-2 takes named arguments only (`web_json_2_rpc(__model__, __method__, ids=(), context={}, **kwargs)` in
 * addons/rpc/controllers/json2.py binds `kwargs` to the method's signature). The gateway speaks `execute_kw`'s
 * positional form, so the positional arguments it uses are named here, by the ORM signatures of odoo/orm/models.py
 * (19): `search(domain, offset, limit, order)`, `search_read(domain, fields, …)`, `create(vals_list)`,
 * `read(fields, load)`, `write(vals)`. Model methods take no `ids` (19 answers 422 "cannot call … with ids").
 */
const MODEL_METHODS: Readonly<Record<string, readonly string[]>> = {
  search: ['domain', 'offset', 'limit', 'order'],
  search_read: ['domain', 'fields', 'offset', 'limit', 'order'],
  search_count: ['domain', 'limit'],
  create: ['vals_list'],
  default_get: ['fields_list'],
  fields_get: ['allfields', 'attributes'],
};
const RECORD_METHODS: Readonly<Record<string, readonly string[]>> = { read: ['fields', 'load'], write: ['vals'] };

/** The named-argument body of a JSON-2 call for an `execute_kw`-style call. */
export function json2Body(model: string, method: string, args: readonly unknown[], kwargs: Record<string, unknown> = {}): Record<string, unknown> {
  const modelNames = MODEL_METHODS[method];
  const names = modelNames ?? RECORD_METHODS[method] ?? [];
  const positional = modelNames ? [...args] : args.slice(1);
  if (positional.length > names.length) throw new StationError('CONFIG', `odoo ${model}.${method}: no JSON-2 names for its positional arguments`);
  const body: Record<string, unknown> = modelNames ? {} : { ids: args[0] ?? [] };
  positional.forEach((value, i) => {
    body[names[i] as string] = value;
  });
  // `create` takes a list on 19; a single dict is sent as a list of one (the reply is a list of ids either way).
  if (method === 'create' && body.vals_list !== undefined && !Array.isArray(body.vals_list)) body.vals_list = [body.vals_list];
  return { ...body, ...kwargs };
}

/**
 * Odoo 19's external API: `POST /json/2/<model>/<method>` with `Authorization: bearer <API key>` and
 * `X-Odoo-Database`, named arguments in, the bare result out (recordsets as their ids). Errors come back as HTTP
 * 4xx/5xx with a serialized exception, mapped by its class like JSON-RPC's. The key never appears in a message.
 */
export class OdooJson2 implements OdooExec {
  private readonly base: URL;
  private readonly timeoutMs: number;

  constructor(
    private readonly opts: { url: string; db: string; apiKey: string; major: number; timeoutMs?: number; observer?: RemoteCallObserver | undefined; limiter?: RequestLimiter | undefined },
  ) {
    const base = requireSecureUrl(opts.url, 'Odoo URL');
    if (base.username || base.password) throw new StationError('CONFIG', 'Odoo URL: credentials belong in the settings, not in the URL');
    this.base = new URL('json/2/', base.href.endsWith('/') ? base.href : `${base.href}/`);
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  get major(): number {
    return this.opts.major;
  }

  call(model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<unknown> {
    return this.post(model, method, json2Body(model, method, args, kwargs));
  }

  /** Resolves with the result, `null` for a Python `None`; timed for the station's metrics like a JSON-RPC call. */
  post(model: string, method: string, body: Record<string, unknown>): Promise<unknown> {
    return timedCall(this.opts.observer, 'odoo', `${model}.${method}`, () => this.exchange(model, method, body), this.opts.limiter);
  }

  private async exchange(model: string, method: string, body: Record<string, unknown>): Promise<unknown> {
    const what = `${model}.${method}`;
    const secrets = [this.opts.apiKey];
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      accept: 'application/json',
      authorization: `bearer ${this.opts.apiKey}`,
      'x-odoo-database': this.opts.db,
    };
    const url = new URL(`${encodeURIComponent(model)}/${encodeURIComponent(method)}`, this.base);
    const { ok, status, text, retryAfter } = await postToOdoo(url, { headers, body: JSON.stringify(body), timeoutMs: this.timeoutMs, what, secrets });
    const json = parseJson(text);
    if (!ok) throw stationErrorFromJson2(status, json, what, secrets, retryAfter);
    if (json === undefined) throw new StationError('INVALID_REPLY', `odoo ${what}: the reply is not JSON (${text.length} bytes)`);
    return json;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A JSON-2 error reply (status + parsed body, `undefined` when it was not JSON) as a StationError; `retryAfter` is
 * the reply's Retry-After header, read for a 429 as on JSON-RPC.
 */
export function stationErrorFromJson2(status: number, json: unknown, what: string, secrets: readonly string[], retryAfter?: string | null): StationError {
  // A proxy in front of Odoo (502–504) or a throttle (429) says nothing about the request, whatever its body.
  if (GATEWAY_DOWN.has(status) || status === 429) return stationErrorFromHttp(status, what, retryAfter);
  const error = Json2ErrorSchema.safeParse(json);
  if (error.success) return stationErrorFromOdoo({ code: status, message: error.data.message, data: error.data }, what, secrets);
  // 400/422 from the controller itself carry only a JSON string ("missing a required argument: 'domain'").
  if (typeof json === 'string') {
    const base = stationErrorFromHttp(status, what);
    return new StationError(base.code, `Odoo refused ${what}: HTTP ${status}: ${json}`, { detail: { status } });
  }
  return stationErrorFromHttp(status, what);
}
