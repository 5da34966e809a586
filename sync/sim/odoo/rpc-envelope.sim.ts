import type { OdooFault } from './odoo-fault.sim';

export type RpcId = number | string | null;

export interface RpcRequest {
  id: RpcId;
  service: string;
  method: string;
  args: unknown[];
}

/** Reads Odoo's `{"jsonrpc":"2.0","method":"call","params":{service, method, args},"id":…}`; null when it is not one. */
export function parseRpcRequest(body: unknown): RpcRequest | null {
  if (typeof body !== 'object' || body === null) return null;
  const { params, id } = body as { params?: unknown; id?: unknown };
  if (typeof params !== 'object' || params === null) return null;
  const { service, method, args } = params as { service?: unknown; method?: unknown; args?: unknown };
  if (typeof service !== 'string' || typeof method !== 'string') return null;
  const rpcId: RpcId = typeof id === 'number' || typeof id === 'string' ? id : null;
  return { id: rpcId, service, method, args: Array.isArray(args) ? args : [] };
}

/** A Python `None` is sent with no `result` key at all (seen on 16), hence the omission for `undefined`. */
export function resultEnvelope(id: RpcId, result: unknown): Record<string, unknown> {
  return result === undefined ? { jsonrpc: '2.0', id } : { jsonrpc: '2.0', id, result };
}

/**
 * `JsonRPCDispatcher.handle_error` + `serialize_exception` (HTTP 200): JSON-RPC code 200 on 16–18, 0 on 19 ("we don't
 * care of this code", odoo/http.py).
 */
export function errorEnvelope(id: RpcId, fault: OdooFault, code = 200): Record<string, unknown> {
  const debug =
    'Traceback (most recent call last):\n' +
    '  File "/usr/lib/python3/dist-packages/odoo/http.py", line 1584, in _serve_db\n' +
    '    return service_model.retrying(self._serve_ir_http, self.env)\n' +
    `${fault.odooName}: ${fault.message}\n`;
  return {
    jsonrpc: '2.0',
    id,
    error: {
      code,
      message: 'Odoo Server Error',
      data: { name: fault.odooName, debug, message: fault.message, arguments: [fault.message], context: {} },
    },
  };
}
