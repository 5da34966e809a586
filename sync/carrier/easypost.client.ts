/**
 * CarrierGateway over an EasyPost-style REST API (`/v2`). Buying is made resumable: the shipment id is handed to
 * `onShipmentCreated` before the purchase, and a resumed call reads the shipment first so a label whose buy reply
 * was lost is reused instead of bought twice.
 *
 * Resolution: EasyPost has no dpi option; `label_format: 'ZPL'` yields the carrier's 203 dpi ZPL (a PNG label is
 * 300 dpi and converts to 203 dpi ZPL). `request.labelDpi` therefore cannot be honoured here: `Label.dpi` records
 * the dpi actually received so the print step can see a 203 → 300/600 mismatch and convert.
 */
import { StationError } from '../../app/domain/errors';
import { ShipmentSchema, type Rate, type Shipment } from '../../app/domain/shipment.schema';
import type { CarrierGateway, RemoteCallObserver, ShipmentRequest, RequestLimiter } from '../../app/ports';
import { requireSecureUrl } from '../http/url-policy';
import { labelDpi, toShipmentBody } from './easypost.mapping';
import { pickRate } from './easypost.rates';
import { EasyPostShipmentSchema, type EasyPostRate, type EasyPostShipment } from './easypost.schema';
import { EasyPostTransport } from './easypost.transport';

export interface EasyPostGatewayOptions {
  /** e.g. `https://api.easypost.com/v2`, or `http://127.0.0.1:<port>/v2` for the sandbox. */
  baseUrl: string;
  apiKey: string;
  /** Per HTTP request; label purchase can take seconds at some carriers. */
  timeoutMs?: number;
  observer?: RemoteCallObserver;
  /** The request-rate limit of the platform (`sync.carrier.rps`). */
  limiter?: RequestLimiter;
}

const DEFAULT_TIMEOUT_MS = 20_000;

const isBought = (s: EasyPostShipment): boolean => Boolean(s.tracking_code) && s.postage_label != null;

const toRate = (r: EasyPostRate): Rate => ({ id: r.id, carrier: r.carrier, service: r.service, rate: r.rate, currency: r.currency });

export class EasyPostGateway implements CarrierGateway {
  onShipmentCreated?: (reference: string, shipmentId: string) => void;

  private readonly http: EasyPostTransport;

  constructor(opts: EasyPostGatewayOptions) {
    const baseUrl = requireSecureUrl(opts.baseUrl, 'carrier baseUrl');
    if (!opts.apiKey) throw new StationError('CONFIG', 'carrier API key is missing');
    this.http = new EasyPostTransport({ baseUrl, apiKey: opts.apiKey, timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, observer: opts.observer, limiter: opts.limiter });
  }

  async buyLabel(request: ShipmentRequest, existingShipmentId?: string): Promise<Shipment> {
    let shipment: EasyPostShipment;
    if (existingShipmentId) {
      shipment = await this.retrieve(existingShipmentId);
      this.assertSameReference(shipment, request.reference);
    } else {
      shipment = await this.http.json('POST', '/shipments', EasyPostShipmentSchema, toShipmentBody(request));
      // Before buying: if the buy's reply is lost, the caller resumes with this id instead of paying again.
      this.onShipmentCreated?.(request.reference, shipment.id);
    }
    let chosen: EasyPostRate | null = null;
    if (!isBought(shipment)) {
      chosen = pickRate(shipment.rates, request.services);
      shipment = await this.buy(shipment.id, chosen);
    }
    const rate = shipment.selected_rate ?? chosen;
    if (rate == null || !shipment.tracking_code) {
      throw new StationError('INVALID_REPLY', `carrier shipment ${shipment.id} is bought but has no rate or tracking code`);
    }
    const { zpl, dpi } = await this.zplLabel(shipment);
    return ShipmentSchema.parse({
      shipmentId: shipment.id,
      trackingCode: shipment.tracking_code,
      rate: toRate(rate),
      label: { format: 'ZPL', dpi, data: zpl },
    });
  }

  private retrieve(id: string): Promise<EasyPostShipment> {
    return this.http.json('GET', `/shipments/${encodeURIComponent(id)}`, EasyPostShipmentSchema);
  }

  private async buy(id: string, rate: EasyPostRate): Promise<EasyPostShipment> {
    try {
      return await this.http.json('POST', `/shipments/${encodeURIComponent(id)}/buy`, EasyPostShipmentSchema, { rate: { id: rate.id } });
    } catch (e) {
      // The platform refuses a second purchase (422). If an earlier attempt did buy it, that label is ours.
      if (e instanceof StationError && e.code === 'REJECTED') {
        const current = await this.retrieve(id);
        if (isBought(current)) return current;
      }
      throw e;
    }
  }

  private async zplLabel(shipment: EasyPostShipment): Promise<{ zpl: string; dpi: Shipment['label']['dpi'] }> {
    let label = shipment.postage_label;
    let url = label ? zplUrlOf(label) : null;
    if (!url) {
      // Some carriers only produce PNG at purchase; the platform converts on request (test_shipment_convert_label).
      const converted = await this.http.json('GET', `/shipments/${encodeURIComponent(shipment.id)}/label?file_format=ZPL`, EasyPostShipmentSchema);
      label = converted.postage_label;
      url = label ? zplUrlOf(label) : null;
    }
    if (!label || !url) throw new StationError('INVALID_REPLY', `carrier shipment ${shipment.id} has no ZPL label URL`);
    const zpl = await this.http.download(url);
    if (!zpl.includes('^XA')) throw new StationError('INVALID_REPLY', `carrier label of ${shipment.id} is not ZPL`);
    return { zpl, dpi: labelDpi(label) };
  }

  private assertSameReference(shipment: EasyPostShipment, reference: string): void {
    // A mismatch means the ledger points at someone else's shipment: printing it would mis-ship a parcel.
    if (shipment.reference && shipment.reference !== reference) {
      throw new StationError('REJECTED', `carrier shipment ${shipment.id} belongs to ${shipment.reference}, not ${reference}`, {
        detail: { code: 'REFERENCE_MISMATCH' },
      });
    }
  }
}

function zplUrlOf(label: NonNullable<EasyPostShipment['postage_label']>): string | null {
  if (label.label_zpl_url) return label.label_zpl_url;
  const type = (label.label_file_type ?? '').toLowerCase();
  return type.includes('zpl') && label.label_url ? label.label_url : null;
}
