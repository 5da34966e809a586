/**
 * CarrierGateway over EasyPost alone, choosing by the legacy preferred services: a thin shell over
 * `EasyPostPlatform` until the platform-neutral desk (shipping-desk.ts) takes its place. Buying is resumable: the
 * shipment id is handed to `onShipmentCreated` before the purchase, and a resumed call reads the shipment back so a
 * label whose buy reply was lost is reused instead of bought twice.
 */
import type { Shipment } from '../../app/domain/shipment.schema';
import type { CarrierGateway, Quote, ShipmentRequest } from '../../app/ports';
import { EasyPostPlatform, type EasyPostPlatformOptions } from './easypost.platform';
import { pickRate } from './easypost.rates';

export type EasyPostGatewayOptions = EasyPostPlatformOptions;

export class EasyPostGateway implements CarrierGateway {
  onShipmentCreated?: (reference: string, shipmentId: string) => void;

  private readonly platform: EasyPostPlatform;

  constructor(opts: EasyPostGatewayOptions) {
    this.platform = new EasyPostPlatform(opts);
  }

  async buyLabel(request: ShipmentRequest, existingShipmentId?: string): Promise<Shipment> {
    let quote: Quote;
    if (existingShipmentId) {
      const state = await this.platform.readBack(existingShipmentId, request);
      if ('bought' in state) return state.bought;
      quote = state.open;
    } else {
      quote = await this.platform.quote(request);
      // Before buying: if the buy's reply is lost, the caller resumes with this id instead of paying again.
      this.onShipmentCreated?.(request.reference, quote.shipmentId);
    }
    const chosen = pickRate(quote.rates, request.services);
    return this.platform.buy(quote.shipmentId, chosen.id, request);
  }
}
