/** The carrier desk over the EasyPost platform, as a station builds it, without address verification (tests count calls). */
import { createEasyPostPlatform, type EasyPostPlatformOptions } from '../../sync/carrier/easypost.platform';
import { ShippingDesk } from '../../sync/carrier/shipping-desk';

export const easyPostDesk = (opts: EasyPostPlatformOptions): ShippingDesk =>
  new ShippingDesk({ platform: createEasyPostPlatform(opts), policies: { policies: {}, services: [] }, verifyAddresses: false, clock: { now: () => Date.now() } });
