/**
 * A small fake of the `CarrierPlatform` port for the return-label and manifest unit tests: it quotes two rates, buys
 * (remembering what it sold, so a second purchase of a shipment answers the first), makes manifests as scripted, and
 * serves form downloads. Every conversation is logged in `calls`.
 */
import type { Address, AddressVerdict, Manifest, Rate, Shipment, TrackingReport, VoidOutcome } from '../../../../app/domain';
import type { CarrierPlatform, Quote, ShipmentRequest, ShipmentState } from '../../../../app/ports';

export const RATES: Rate[] = [
  { id: 'rate_usps', carrier: 'USPS', service: 'GroundAdvantage', rate: '6.07', currency: 'USD', deliveryDays: 3, carrierAccount: 'ca_usps' },
  { id: 'rate_ups', carrier: 'UPS', service: 'Ground', rate: '10.50', currency: 'USD', deliveryDays: 2, carrierAccount: 'ca_ups' },
];

export class FakeCarrierPlatform implements CarrierPlatform {
  readonly kind = 'easypost' as const;
  readonly calls: string[] = [];
  readonly requests: ShipmentRequest[] = [];
  readonly manifests: { shipments: string[]; from: Address }[] = [];
  /** What `manifest` answers for a carrier (default: created with every tracking code and a form URL). */
  manifestAnswer: (carrier: string, shipments: readonly Shipment[]) => Manifest | Error = (carrier, shipments) => ({
    manifestId: `sf_${carrier.toLowerCase()}_${this.manifests.length}`,
    carrier,
    status: 'created',
    trackingCodes: shipments.map((s) => s.trackingCode),
    documentUrl: `https://files.example/sf_${carrier.toLowerCase()}_${this.manifests.length}.pdf`,
  });
  /** Throws this once from the next `buy` (after the purchase went through when `bought` is true: a lost reply). */
  failNextBuy: { error: Error; bought: boolean } | null = null;
  downloadFails = false;
  private readonly sold = new Map<string, Shipment>();
  private n = 0;

  async verifyAddress(address: Address): Promise<AddressVerdict> {
    this.calls.push('verify');
    return { ok: true, address, corrected: false };
  }

  async quote(request: ShipmentRequest): Promise<Quote> {
    this.calls.push(`quote ${request.reference}${request.isReturn ? ' return' : ''}`);
    this.requests.push(request);
    return { shipmentId: `shp_${++this.n}`, rates: RATES, messages: [] };
  }

  async buy(shipmentId: string, rateId: string, request: ShipmentRequest): Promise<Shipment> {
    this.calls.push(`buy ${shipmentId} ${rateId}`);
    const shipment = this.sold.get(shipmentId) ?? this.sell(shipmentId, rateId, request);
    const fail = this.failNextBuy;
    this.failNextBuy = null;
    if (fail) {
      if (!fail.bought) this.sold.delete(shipmentId);
      throw fail.error;
    }
    return shipment;
  }

  async readBack(shipmentId: string): Promise<ShipmentState> {
    this.calls.push(`read ${shipmentId}`);
    const shipment = this.sold.get(shipmentId);
    return shipment ? { bought: shipment } : { open: { shipmentId, rates: RATES, messages: [] } };
  }

  async manifest(shipments: readonly Shipment[], from: Address): Promise<Manifest> {
    const carrier = shipments[0]?.rate.carrier ?? '?';
    this.calls.push(`manifest ${carrier} ${shipments.map((s) => s.trackingCode).join(',')}`);
    const answer = this.manifestAnswer(carrier, shipments);
    if (answer instanceof Error) throw answer;
    this.manifests.push({ shipments: shipments.map((s) => s.shipmentId), from });
    return answer;
  }

  async download(url: string): Promise<Buffer> {
    this.calls.push(`download ${url}`);
    if (this.downloadFails) throw new Error('form storage unreachable');
    return Buffer.from(`%PDF-1.4 form at ${url}`);
  }

  async void(): Promise<VoidOutcome> {
    throw new Error('not used here');
  }

  async track(): Promise<TrackingReport> {
    throw new Error('not used here');
  }

  /** Sold outbound, as the ledger would hold it (for manifests). */
  shipment(tracking: string, carrier = 'USPS'): Shipment {
    const rate = RATES.find((r) => r.carrier === carrier) ?? { ...(RATES[0] as Rate), carrier, carrierAccount: null };
    return { shipmentId: `shp_${tracking}`, trackingCode: tracking, rate, label: { format: 'ZPL', dpi: 203, data: `^XA^FD${tracking}^FS^XZ` }, platform: 'easypost', purchaseId: `shp_${tracking}` };
  }

  private sell(shipmentId: string, rateId: string, request: ShipmentRequest): Shipment {
    const rate = RATES.find((r) => r.id === rateId) as Rate;
    const trackingCode = `RT${String(this.sold.size + 1).padStart(4, '0')}`;
    const shipment: Shipment = {
      shipmentId,
      trackingCode,
      rate,
      label: { format: 'ZPL', dpi: 203, data: `^XA^FO50,50^BCN,100^FD${trackingCode}^FS^XZ` },
      platform: 'easypost',
      purchaseId: shipmentId,
      isReturn: request.isReturn === true,
    };
    this.sold.set(shipmentId, shipment);
    return shipment;
  }
}
