import { StationError } from '../../app/domain/errors';
import type { StationErrorCode } from '../../app/domain/errors';
import type { OdooErrorData } from './jsonrpc-reply.schema';
import { GATEWAY_DOWN } from '../http/gateway-down';

// Keyed by the Python class path Odoo puts in `error.data.name`; the message is for humans only.
const BY_NAME: Readonly<Record<string, StationErrorCode>> = {
  'odoo.exceptions.AccessDenied': 'AUTH',
  'odoo.exceptions.AccessError': 'AUTH',
  'odoo.http.SessionExpiredException': 'AUTH',
  'werkzeug.exceptions.Unauthorized': 'AUTH',
  'werkzeug.exceptions.Forbidden': 'AUTH',
  'odoo.exceptions.UserError': 'REJECTED',
  'odoo.exceptions.ValidationError': 'REJECTED',
  'odoo.exceptions.RedirectWarning': 'REJECTED',
  'odoo.exceptions.Warning': 'REJECTED',
  'odoo.exceptions.except_orm': 'REJECTED',
  'odoo.exceptions.MissingError': 'NOT_FOUND',
  'werkzeug.exceptions.NotFound': 'NOT_FOUND',
};

export function codeForOdooError(name: string | undefined): StationErrorCode {
  return (name !== undefined ? BY_NAME[name] : undefined) ?? 'SERVER';
}

/** Removes every secret from a text that came from the server or the transport, before it reaches a log. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('***');
  return out;
}

export function stationErrorFromOdoo(
  error: { code: number; message: string; data?: OdooErrorData | undefined },
  what: string,
  secrets: readonly string[],
): StationError {
  const name = error.data?.name;
  const serverMessage = redact(error.data?.message ?? error.message, secrets);
  // The traceback (`debug`) stays out: it is long, and it may quote arguments.
  return new StationError(codeForOdooError(name), `${what}: ${name ?? error.message}: ${serverMessage}`, {
    detail: { odooName: name ?? null, odooCode: error.code, message: serverMessage },
  });
}

export function stationErrorFromHttp(status: number, what: string): StationError {
  const code: StationErrorCode =
    GATEWAY_DOWN.has(status) ? 'UNAVAILABLE' : status >= 500 ? 'SERVER' : status === 401 || status === 403 ? 'AUTH' : status === 404 ? 'NOT_FOUND' : status === 429 ? 'RATE_LIMITED' : 'REJECTED';
  return new StationError(code, `${what}: HTTP ${status}`, { detail: { status } });
}
