/**
 * The one place that knows which carrier platform the station is configured for: everything else (the packing flow,
 * voids, returns, the end-of-day run) takes the `CarrierPlatform` or the desk built here.
 */
import type { CarrierPlatform, Clock, Ledger, RemoteCallObserver, RequestLimiter } from '../../app/ports';
import { createEasyPostPlatform } from '../../sync/carrier/easypost.platform';
import { createShippoPlatform } from '../../sync/carrier/shippo.platform';
import { ShippingDesk } from '../../sync/carrier/shipping-desk';
import type { ResolvedConfig } from '../config/load-config';

export interface CarrierWiringDeps {
  observer: RemoteCallObserver;
  limiter?: RequestLimiter | undefined;
}

export function createCarrierPlatform(carrier: ResolvedConfig['carrier'], deps: CarrierWiringDeps): CarrierPlatform {
  const opts = { baseUrl: carrier.baseUrl, apiKey: carrier.apiKey, timeoutMs: carrier.timeoutMs, observer: deps.observer, ...(deps.limiter ? { limiter: deps.limiter } : {}) };
  switch (carrier.kind) {
    case 'easypost':
      return createEasyPostPlatform(opts);
    case 'shippo':
      return createShippoPlatform(opts);
  }
}

/** The desk the packing flow buys through; each shipment id is in the ledger before its purchase. */
export function createShippingDesk(carrier: ResolvedConfig['carrier'], platform: CarrierPlatform, deps: { ledger: Pick<Ledger, 'recordShipmentCreated'>; clock: Pick<Clock, 'now'> }): ShippingDesk {
  const desk = new ShippingDesk({
    platform,
    policies: { policy: carrier.policy, policies: carrier.policies, services: carrier.services },
    verifyAddresses: carrier.verifyAddresses,
    clock: deps.clock,
  });
  desk.onShipmentCreated = (reference, shipmentId) => deps.ledger.recordShipmentCreated(reference, shipmentId);
  return desk;
}
