/**
 * A sandbox shipment as the store keeps it, and as EasyPost writes it on the wire (field for field the shipments of
 * test_shipment_buy and test_shipment_refund).
 */
import type { SandboxShipmentInput } from './carrier-schema.sim';
import { newId, type WirePostageLabel, type WireRate } from './carrier-wire.sim';

export interface ShipmentRecord {
  id: string;
  createdAt: string;
  updatedAt: string;
  input: SandboxShipmentInput;
  wire: { to: Record<string, unknown>; from: Record<string, unknown>; parcel: Record<string, unknown> };
  rates: WireRate[];
  selectedRate: WireRate | null;
  trackingCode: string | null;
  postageLabel: WirePostageLabel | null;
  tracker: Record<string, unknown> | null;
  refundStatus: string | null;
  /** The ScanForm the shipment is on; a shipment can be on one only. */
  scanForm: Record<string, unknown> | null;
  labelZpl: string | null;
}

export const isReturn = (r: ShipmentRecord): boolean => r.input.is_return === true;

/** What the cassettes show: PNG labels are 300 dpi; carrier ZPL is 203 dpi. */
export function postageLabel(r: ShipmentRecord, at: string, zplUrl: string, wantsZpl: boolean, origin: string): WirePostageLabel {
  return {
    object: 'PostageLabel',
    id: newId('pl'),
    created_at: at,
    updated_at: at,
    date_advance: 0,
    integrated_form: 'none',
    label_date: at,
    label_resolution: wantsZpl ? 203 : 300,
    label_size: r.input.options?.label_size ?? '4x6',
    label_type: 'default',
    label_file_type: wantsZpl ? 'application/zpl' : 'image/png',
    label_url: wantsZpl ? zplUrl : `${origin}/labels/${r.id}.png`,
    label_pdf_url: null,
    label_zpl_url: wantsZpl ? zplUrl : null,
    label_epl2_url: null,
    label_file: null,
  };
}

export function shipmentWire(r: ShipmentRecord): Record<string, unknown> {
  return {
    id: r.id,
    created_at: r.createdAt,
    is_return: isReturn(r),
    messages: [],
    mode: 'test',
    options: { currency: 'USD', payment: { type: 'SENDER' }, date_advance: 0, ...r.input.options },
    reference: r.input.reference ?? null,
    status: 'unknown',
    tracking_code: r.trackingCode,
    updated_at: r.updatedAt,
    batch_id: null,
    batch_status: null,
    batch_message: null,
    customs_info: null,
    from_address: r.wire.from,
    insurance: null,
    order_id: null,
    parcel: r.wire.parcel,
    postage_label: r.postageLabel,
    rates: r.rates,
    refund_status: r.refundStatus,
    scan_form: r.scanForm,
    selected_rate: r.selectedRate,
    tracker: r.tracker,
    to_address: r.wire.to,
    usps_zone: 4,
    return_address: r.wire.from,
    buyer_address: r.wire.to,
    forms: [],
    fees: r.selectedRate
      ? [
          { object: 'Fee', type: 'LabelFee', amount: '0.00000', charged: true, refunded: r.refundStatus === 'refunded' },
          { object: 'Fee', type: 'PostageFee', amount: `${r.selectedRate.rate}000`, charged: true, refunded: r.refundStatus === 'refunded' },
        ]
      : [],
    object: 'Shipment',
  };
}
