/** Return labels and end-of-day manifests through EasyPost's protocol-real sandbox over HTTP on 127.0.0.1. */
import { createEasyPostPlatform } from '../../../sync/carrier/easypost.platform';
import { CarrierSandbox } from '../../../sync/sim/carrier/carrier-sandbox.sim';
import { describeShippingDay } from './shipping-day.suite';

describeShippingDay(
  'EasyPost',
  async () => {
    const sandbox = await CarrierSandbox.start({ apiKey: 'sandbox-carrier-key' });
    return {
      platform: createEasyPostPlatform({ baseUrl: sandbox.url, apiKey: 'sandbox-carrier-key', timeoutMs: 5000 }),
      failNext: (n, kind) => sandbox.failNext(n, kind),
      purchases: () => sandbox.purchases(),
      close: () => sandbox.close(),
    };
  },
  { first: 'USPS:GroundAdvantage', second: 'UPS:Ground' },
);
