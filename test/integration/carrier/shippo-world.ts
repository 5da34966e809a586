/** A Shippo sandbox on 127.0.0.1 and platforms talking to it, closed after each test; shared by the Shippo tests. */
import { afterEach } from 'vitest';
import type { RemoteCallObserver } from '../../../app/ports';
import { createShippoPlatform, type ShippoPlatform } from '../../../sync/carrier/shippo.platform';
import { SHIPPO_SANDBOX_KEY, ShippoSandbox, type ShippoSandboxOptions } from '../../../sync/sim/carrier/shippo/shippo-sandbox.sim';
import { contractRequest } from './platform-contract';

export { rejection } from '../../support/rejection';
export { contractRequest as request } from './platform-contract';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

export interface ShippoWorld {
  sandbox: ShippoSandbox;
  url: string;
  /** A platform on this sandbox, as a station process would make it (a second one is a restarted station). */
  platform(opts?: { apiKey?: string; observer?: RemoteCallObserver; take?: () => void }): ShippoPlatform;
  /** Shippo's API called directly, as the dashboard or another tool would. */
  api(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

export async function shippoWorld(opts: ShippoSandboxOptions = {}): Promise<ShippoWorld> {
  const sandbox = new ShippoSandbox(opts);
  const { url } = await sandbox.listen(0);
  cleanups.push(() => sandbox.close());
  return {
    sandbox,
    url,
    platform: (p = {}) =>
      createShippoPlatform({
        baseUrl: url,
        apiKey: p.apiKey ?? SHIPPO_SANDBOX_KEY,
        timeoutMs: 5000,
        poll: { intervalMs: 10, withinMs: 2000 },
        ...(p.observer ? { observer: p.observer } : {}),
        ...(p.take ? { limiter: { take: async () => p.take?.() } } : {}),
      }),
    api: async (method, path, body) => {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `ShippoToken ${SHIPPO_SANDBOX_KEY}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
  };
}

/** Quotes `reference` and buys its cheapest USPS rate. */
export async function buyUsps(platform: ShippoPlatform, reference: string, over: Parameters<typeof contractRequest>[1] = {}) {
  const req = contractRequest(reference, over);
  const quote = await platform.quote(req);
  const rate = quote.rates.filter((r) => r.carrier === 'USPS').sort((a, b) => Number(a.rate) - Number(b.rate))[0];
  if (!rate) throw new Error('no USPS rate');
  return { req, quote, rate, shipment: await platform.buy(quote.shipmentId, rate.id, req) };
}
