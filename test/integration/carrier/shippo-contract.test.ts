/**
 * ShippoPlatform keeps the carrier platform contract against the Shippo sandbox over real HTTP on 127.0.0.1.
 */
import { SHIPPO_SANDBOX_KEY, ShippoSandbox } from '../../../sync/sim/carrier/shippo/shippo-sandbox.sim';
import { createShippoPlatform } from '../../../sync/carrier/shippo.platform';
import { describePlatformContract } from './platform-contract';

describePlatformContract('Shippo', async () => {
  const sandbox = new ShippoSandbox();
  const { url } = await sandbox.listen(0);
  const platform = (apiKey: string) => createShippoPlatform({ baseUrl: url, apiKey, timeoutMs: 5000, poll: { intervalMs: 20, withinMs: 2000 } });
  return {
    sandbox,
    platform: platform(SHIPPO_SANDBOX_KEY),
    withKey: platform,
    testTracking: { carrier: 'shippo', delivered: 'SHIPPO_DELIVERED', returned: 'SHIPPO_RETURNED', failure: 'SHIPPO_FAILURE' },
  };
});
