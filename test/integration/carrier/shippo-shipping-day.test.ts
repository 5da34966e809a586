/** Return labels and end-of-day manifests through Shippo's protocol-real sandbox over HTTP on 127.0.0.1. */
import { createShippoPlatform } from '../../../sync/carrier/shippo.platform';
import { SHIPPO_SANDBOX_KEY, ShippoSandbox } from '../../../sync/sim/carrier/shippo/shippo-sandbox.sim';
import { describeShippingDay } from './shipping-day.suite';

describeShippingDay(
  'Shippo',
  async () => {
    const sandbox = new ShippoSandbox();
    const { url } = await sandbox.listen(0);
    return {
      platform: createShippoPlatform({ baseUrl: url, apiKey: SHIPPO_SANDBOX_KEY, timeoutMs: 5000, poll: { intervalMs: 10, withinMs: 2000 } }),
      failNext: (n, kind) => sandbox.failNext(n, kind),
      purchases: () => sandbox.purchases(),
      close: () => sandbox.close(),
    };
  },
  { first: 'usps_ground_advantage', second: 'ups_ground' },
);
