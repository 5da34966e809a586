/**
 * EasyPost keeps the carrier platform contract, against its protocol-real sandbox over HTTP on 127.0.0.1.
 */
import { createEasyPostPlatform } from '../../../sync/carrier/easypost.platform';
import { CarrierSandbox } from '../../../sync/sim/carrier/carrier-sandbox.sim';
import { describePlatformContract } from './platform-contract';

const KEY = 'sandbox-carrier-key';

describePlatformContract('EasyPost', async () => {
  const sandbox = await CarrierSandbox.start({ apiKey: KEY });
  const withKey = (apiKey: string) => createEasyPostPlatform({ baseUrl: sandbox.url, apiKey, timeoutMs: 5000 });
  return {
    sandbox,
    platform: withKey(KEY),
    withKey,
    // EasyPost's test mode: the tracker of each EZ code stands at one status.
    testTracking: { carrier: 'USPS', delivered: 'EZ4000000004', returned: 'EZ5000000005', failure: 'EZ6000000006' },
  };
});
