import type { RemoteCallObserver, RequestLimiter } from '../../app/ports';
import { OdooJsonRpcGateway } from '../odoo/odoo.gateway';
import type { OdooSession } from '../odoo/odoo.gateway';

/** The hub's Odoo: one logged-in session (JSON-RPC on 16–18, JSON-2 on 19+), shared by the recon reader and the notifier. */
export interface HubOdoo {
  apiSession(): Promise<OdooSession>;
}

/** hub.json `odoo`, its API key resolved (from the file or `STATION_HUB_ODOO_API_KEY`). */
export interface HubOdooConfig {
  url: string;
  db: string;
  login: string;
  apiKey: string;
  timeoutMs?: number;
}

/**
 * The hub's Odoo client, built as the station builds its own (sync/odoo/odoo.gateway.ts): the version read from
 * `common.version`, authentication on first use (retried after a failed login), Odoo's errors mapped to StationError
 * codes, secrets kept out of messages; `limiter` spaces the requests, `observer` times them.
 */
export function hubOdoo(config: HubOdooConfig, opts: { observer?: RemoteCallObserver; limiter?: RequestLimiter } = {}): HubOdoo {
  return new OdooJsonRpcGateway({
    url: config.url,
    db: config.db,
    login: config.login,
    apiKey: config.apiKey,
    ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
    ...(opts.observer ? { observer: opts.observer } : {}),
    ...(opts.limiter ? { limiter: opts.limiter } : {}),
  });
}
