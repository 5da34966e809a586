import type { IncomingHttpHeaders } from 'node:http';
import { OdooFault } from './odoo-fault.sim';

/** What the sandbox answers on HTTP; `body` is already serialized. */
export interface Json2Reply {
  status: number;
  contentType: string;
  body: string;
}

export type Execute = (model: string, method: string, args: unknown[], kwargs: Record<string, unknown>) => unknown;

const JSON_TYPE = 'application/json; charset=utf-8';
/** `@api.model` methods: JSON-2 refuses `ids` for them (422 "cannot call … with ids"). */
const MODEL_METHODS = new Set(['search', 'search_read', 'search_count', 'create', 'default_get', 'fields_get', 'name_search']);
/** Arguments without a default in the ORM signature, which `signature.bind` insists on. */
const REQUIRED: Readonly<Record<string, string>> = { search: 'domain', search_count: 'domain', create: 'vals_list', write: 'vals' };

/** `/json/2/<model>/<method>` → its parts; null for any other path. */
export function json2Route(path: string): { model: string; method: string } | null {
  const match = /^\/json\/2\/([^/]+)\/([^/]+)$/.exec(path);
  return match ? { model: decodeURIComponent(match[1] as string), method: decodeURIComponent(match[2] as string) } : null;
}

const json = (status: number, value: unknown): Json2Reply => ({ status, contentType: JSON_TYPE, body: JSON.stringify(value ?? null) });

/** `serialize_exception` (odoo/http.py) with `Json2Dispatcher.handle_error`'s status: a UserError's `http_status`, else 500. */
export function json2Error(fault: OdooFault, status = statusOf(fault.odooName)): Json2Reply {
  const debug = `Traceback (most recent call last):\n  File "/odoo/odoo/http.py", line 2212, in _transactioning\n${fault.odooName}: ${fault.message}\n`;
  return json(status, { name: fault.odooName, message: fault.message, arguments: [fault.message, ...(status === 500 ? [] : [status])], context: {}, debug });
}

function statusOf(name: string): number {
  if (name === 'odoo.exceptions.AccessDenied' || name === 'odoo.exceptions.AccessError') return 403;
  if (name === 'odoo.exceptions.MissingError') return 404;
  if (name === 'werkzeug.exceptions.NotFound') return 404;
  // Every other class of odoo/exceptions.py the flow raises is a UserError (http_status 422).
  return name.startsWith('odoo.exceptions.') ? 422 : 500;
}

/**
 * `web_json_2_rpc` of Odoo 19 (addons/rpc/controllers/json2.py): bearer API key, `X-Odoo-Database`, a JSON object
 * of named arguments (`ids`, `context`, the method's own), the bare result back. Errors as Odoo's own tests assert
 * them (odoo/addons/test_http/tests/test_webjson2.py): 401 without a valid key, 400 for a body that is not a JSON
 * object, 422 for a missing argument or `ids` on a model method, 404 for an unknown model or method.
 */
export function serveJson2(
  req: { headers: IncomingHttpHeaders; body: string; model: string; method: string },
  server: { db: string; apiKey: string; hasModel: (model: string) => boolean; execute: Execute },
): Json2Reply {
  const bearer = /^bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1]?.trim();
  if (bearer !== server.apiKey) return json2Error(new OdooFault('werkzeug.exceptions.Unauthorized', 'Invalid apikey'), 401);
  const db = req.headers['x-odoo-database'];
  if (db !== undefined && db !== server.db) {
    return { status: 404, contentType: 'text/html; charset=utf-8', body: '<h1>Not Found</h1><p>The requested URL was not found on the server.</p>' };
  }
  let body: unknown;
  try {
    body = req.body === '' ? {} : JSON.parse(req.body);
  } catch (error) {
    return json(400, `could not parse the body as json: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return json(400, 'could not parse the body, expecting a json object');
  const { ids, ...named } = body as Record<string, unknown>;
  const { model, method } = req;
  if (!server.hasModel(model)) return json2Error(new OdooFault('werkzeug.exceptions.NotFound', `the model '${model}' does not exist`));
  if (method.startsWith('_')) return json2Error(new OdooFault('werkzeug.exceptions.NotFound', `Private methods (such as ${model}.${method}) cannot be called remotely.`));
  const isModelMethod = MODEL_METHODS.has(method);
  if (isModelMethod && Array.isArray(ids) && ids.length > 0) return json(422, `cannot call ${model}.${method} with ids`);
  const required = REQUIRED[method];
  if (required !== undefined && !(required in named)) return json(422, `missing a required argument: '${required}'`);

  const { vals_list: valsList, ...kwargs } = named;
  // `create` answers a recordset, hence a list of ids, for a dict as for a list.
  const args = method === 'create' ? [Array.isArray(valsList) ? valsList : [valsList]] : isModelMethod ? [] : [Array.isArray(ids) ? ids : []];
  try {
    const result = server.execute(model, method, args, kwargs);
    return json(200, result === undefined ? null : result);
  } catch (error) {
    if (!(error instanceof OdooFault)) return json2Error(new OdooFault('builtins.Exception', error instanceof Error ? error.message : String(error)));
    // `get_public_method` raising AttributeError is a 404 on JSON-2.
    if (error.odooName === 'builtins.AttributeError') return json2Error(new OdooFault('werkzeug.exceptions.NotFound', error.message));
    return json2Error(error);
  }
}
