/**
 * Voiding a label that reconciliation found (an orphan) through the platform's own void code (`CarrierPlatform.void`
 * of easypost.platform.ts / shippo.platform.ts: refusals, repeated asks and pending refunds handled there). The hub
 * knows the label by the platform's id only; the platforms' void reads the platform and the purchase id (EasyPost:
 * the shipment, Shippo: the transaction) and nothing else of the Shipment, so the rest of it stays empty.
 */
import type { Shipment } from '../../app/domain/shipment.schema';
import type { CarrierPlatform } from '../../app/ports';

export async function voidPurchase(platform: CarrierPlatform, purchaseId: string): Promise<'submitted' | 'refunded' | 'rejected'> {
  const target: Shipment = {
    shipmentId: purchaseId,
    purchaseId,
    platform: platform.kind,
    trackingCode: purchaseId,
    rate: { id: '', carrier: '', service: '', rate: '0', currency: '' },
    label: { format: 'ZPL', dpi: 203, data: '' },
  };
  return (await platform.void(target)).status;
}
