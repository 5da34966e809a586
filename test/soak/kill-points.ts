/**
 * Where a soak trial kills the station. Besides a random moment, the trial can wait for one of the moments the
 * exactly-once promise is hardest at, seen from outside the station (no hook in the product):
 * - `odoo-write-sent`: an Odoo write has reached the proxy; the station dies while it is in flight, the write is
 *   then forwarded and applied by Odoo (its outcome unknown to the restarted station);
 * - `odoo-write-answered`: Odoo's answer to a write was handed to the station, which dies before (or while) it marks
 *   the event done;
 * - `label-purchase-sent` / `label-purchase-answered`: the same around the carrier's `POST /shipments/:id/buy`
 *   (answered: bought, the station dies before recording the label and queueing its Odoo event);
 * - `label-printing`: the label printer has received a complete label (printed, not yet confirmed in the spool).
 */
import type { FaultProxy } from './fault-proxy';

export const KILL_POINTS = ['random', 'odoo-write-sent', 'odoo-write-answered', 'label-purchase-sent', 'label-purchase-answered', 'label-printing'] as const;
export type KillPoint = (typeof KILL_POINTS)[number];

// What the station only reads; anything else it sends Odoo changes something.
const ODOO_READS = new Set(['version', 'authenticate', 'read', 'search', 'search_read', 'search_count', 'fields_get', 'context_get', 'server_version']);

/** The Odoo method a JSON-RPC (`execute_kw`) or JSON-2 (`/json/2/<model>/<method>`) request calls. */
export function odooMethodOf(path: string, body: string): string | null {
  const json2 = /^\/json\/2\/[^/]+\/([^/?]+)/.exec(path);
  if (json2) return json2[1] ?? null;
  try {
    const parsed = JSON.parse(body) as { params?: { method?: string; args?: unknown[] } };
    const method = parsed.params?.args?.[4];
    return typeof method === 'string' ? method : (parsed.params?.method ?? null);
  } catch {
    return null;
  }
}

const isOdooWrite = (path: string, body: string): boolean => {
  const method = odooMethodOf(path, body);
  return method !== null && !ODOO_READS.has(method);
};
const isPurchase = (method: string, path: string): boolean => method === 'POST' && /\/shipments\/[^/]+\/buy(\?|$)/.test(path);

/**
 * Arms one kill point at a time. When its moment comes, `kill` runs at once; a request that is the moment waits for
 * the kill before the proxy forwards it (so the write is applied while the station is dead).
 */
export class KillPoints {
  private armed: { point: KillPoint; fire: () => Promise<void> } | null = null;

  constructor(odoo: FaultProxy, carrier: FaultProxy, printer: { onJob(listener: (zpl: string) => void): () => void }) {
    odoo.onExchange = (phase, r) => (isOdooWrite(r.path, r.body) ? this.hit(phase === 'request' ? 'odoo-write-sent' : 'odoo-write-answered') : undefined);
    carrier.onExchange = (phase, r) => (isPurchase(r.method, r.path) ? this.hit(phase === 'request' ? 'label-purchase-sent' : 'label-purchase-answered') : undefined);
    printer.onJob(() => void this.hit('label-printing'));
  }

  /** Resolves true once `point` came and `kill` finished, false when it did not come within `timeoutMs`. */
  wait(point: KillPoint, timeoutMs: number, kill: () => Promise<void>): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.armed = null;
        resolve(false);
      }, timeoutMs);
      this.armed = {
        point,
        fire: async () => {
          clearTimeout(timer);
          this.armed = null;
          await kill();
          resolve(true);
        },
      };
    });
  }

  private hit(point: KillPoint): Promise<void> | undefined {
    return this.armed?.point === point ? this.armed.fire() : undefined;
  }
}
