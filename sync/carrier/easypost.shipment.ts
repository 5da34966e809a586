/**
 * EasyPost shipments → the domain: rates (with transit days, date and carrier account), quotes, and bought shipments
 * with their label as ZPL.
 *
 * Resolution: EasyPost has no dpi option; `label_format: 'ZPL'` yields the carrier's 203 dpi ZPL (a PNG label is
 * 300 dpi and converts to 203 dpi ZPL). `Label.dpi` records the dpi actually received so the print step can see a
 * 203 → 300/600 mismatch and convert.
 */
import { StationError } from '../../app/domain/errors';
import { ShipmentSchema, type Dpi, type Rate, type Shipment } from '../../app/domain/shipment.schema';
import type { Quote } from '../../app/ports';
import { labelDpi } from './easypost.mapping';
import { EasyPostShipmentSchema, type EasyPostPostageLabel, type EasyPostRate, type EasyPostShipment } from './easypost.schema';
import type { PlatformHttp } from './platform-http';

export const isBought = (s: EasyPostShipment): boolean => Boolean(s.tracking_code) && s.postage_label != null;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

export function toRate(r: EasyPostRate): Rate {
  const days = r.delivery_days;
  return {
    id: r.id,
    carrier: r.carrier,
    service: r.service,
    rate: r.rate,
    currency: r.currency,
    deliveryDays: typeof days === 'number' && Number.isInteger(days) && days >= 0 ? days : null,
    deliveryDate: r.delivery_date && ISO_DATE.test(r.delivery_date) ? r.delivery_date.slice(0, 10) : null,
    carrierAccount: r.carrier_account_id ?? null,
  };
}

/** Carriers that offered no rate say why in `messages` (inside the 201, not as an HTTP error). */
function messageText(m: NonNullable<EasyPostShipment['messages']>[number]): string {
  const text = typeof m.message === 'string' ? m.message : m.message == null ? '' : JSON.stringify(m.message);
  return [m.carrier, text].filter((part) => typeof part === 'string' && part !== '').join(': ');
}

export function toQuote(s: EasyPostShipment): Quote {
  return {
    shipmentId: s.id,
    rates: s.rates.map(toRate),
    messages: (s.messages ?? []).map(messageText).filter((m) => m !== ''),
  };
}

/** The bought shipment with its ZPL label; `rateId` names the rate bought when the reply lacks `selected_rate`. */
export async function toShipment(http: PlatformHttp, s: EasyPostShipment, rateId?: string): Promise<Shipment> {
  const rate = s.selected_rate ?? s.rates.find((r) => r.id === rateId);
  if (rate == null || !s.tracking_code) {
    throw new StationError('INVALID_REPLY', `carrier shipment ${s.id} is bought but has no rate or tracking code`);
  }
  const { zpl, dpi } = await zplLabel(http, s);
  return ShipmentSchema.parse({
    shipmentId: s.id,
    trackingCode: s.tracking_code,
    rate: toRate(rate),
    label: { format: 'ZPL', dpi, data: zpl },
    platform: 'easypost',
    // EasyPost refunds name the shipment itself.
    purchaseId: s.id,
    isReturn: s.is_return === true,
  });
}

async function zplLabel(http: PlatformHttp, shipment: EasyPostShipment): Promise<{ zpl: string; dpi: Dpi }> {
  let label = shipment.postage_label;
  let url = label ? zplUrlOf(label) : null;
  if (!url) {
    // Some carriers only produce PNG at purchase; the platform converts on request (test_shipment_convert_label).
    const converted = await http.json('GET', `/shipments/${encodeURIComponent(shipment.id)}/label?file_format=ZPL`, EasyPostShipmentSchema);
    label = converted.postage_label;
    url = label ? zplUrlOf(label) : null;
  }
  if (!label || !url) throw new StationError('INVALID_REPLY', `carrier shipment ${shipment.id} has no ZPL label URL`);
  // ZPL is ASCII.
  const zpl = (await http.download(url, 'label')).toString('utf8');
  if (!zpl.includes('^XA')) throw new StationError('INVALID_REPLY', `carrier label of ${shipment.id} is not ZPL`);
  return { zpl, dpi: labelDpi(label) };
}

function zplUrlOf(label: EasyPostPostageLabel): string | null {
  if (label.label_zpl_url) return label.label_zpl_url;
  const type = (label.label_file_type ?? '').toLowerCase();
  return type.includes('zpl') && label.label_url ? label.label_url : null;
}

/** A mismatch means the ledger points at someone else's shipment: printing it would mis-ship a parcel. */
export function assertSameReference(shipment: EasyPostShipment, reference: string): void {
  if (shipment.reference && shipment.reference !== reference) {
    throw new StationError('REJECTED', `carrier shipment ${shipment.id} belongs to ${shipment.reference}, not ${reference}`, {
      detail: { code: 'REFERENCE_MISMATCH' },
    });
  }
}
