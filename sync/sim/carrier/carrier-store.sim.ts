/**
 * State of the carrier sandbox: shipments, purchases and trackers, with EasyPost's rules — a shipment is bought
 * at most once, a second buy is a 422, labels convert to ZPL on request. Every method returns the HTTP reply
 * the platform would send, so the server around it stays a router.
 */
import { buildCarrierLabelZpl } from './carrier-label.sim';
import {
  SandboxBuyBodySchema,
  SandboxShipmentInputSchema,
  SandboxTrackerBodySchema,
  type SandboxShipmentInput,
} from './carrier-schema.sim';
import { errorBody, isoNow, newId, newTrackingCode, ratesFor, wireAddress, wireTracker, type WirePostageLabel, type WireRate } from './carrier-wire.sim';

export interface SandboxReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface ShipmentRecord {
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
  labelZpl: string | null;
}

export interface SandboxStoreOptions {
  /** Buy returns only a PNG label even when ZPL was asked, so clients must convert (as some carriers do). */
  deferZplConversion: boolean;
}

const notFound = (what: string): SandboxReply => ({
  status: 404,
  body: errorBody('NOT_FOUND', 'The requested resource could not be found.', [`${what} not found`]),
});

const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'object' && Object.keys(v).length === 0);

export class SandboxStore {
  private readonly records = new Map<string, ShipmentRecord>();
  private readonly trackers = new Map<string, Record<string, unknown>>();
  private readonly bought: { shipmentId: string; trackingCode: string; at: number }[] = [];

  constructor(private readonly opts: SandboxStoreOptions) {}

  createShipment(body: unknown): SandboxReply {
    const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).shipment : undefined;
    if (isBlank(raw)) {
      return { status: 422, body: errorBody('PARAMETER.REQUIRED', 'Missing required parameter.', [{ field: 'shipment', message: 'cannot be blank' }]) };
    }
    const parsed = SandboxShipmentInputSchema.safeParse(raw);
    if (!parsed.success) {
      const missing = parsed.error.issues.some((i) => i.code === 'invalid_type' && i.input === undefined);
      const errors = parsed.error.issues.map((i) => ({ field: ['shipment', ...i.path].join('.'), message: missing ? 'cannot be blank' : i.message }));
      return { status: 422, body: errorBody(missing ? 'PARAMETER.REQUIRED' : 'PARAMETER.INVALID', 'Invalid or missing parameter.', errors) };
    }
    const at = isoNow();
    const id = newId('shp');
    const input = parsed.data;
    const record: ShipmentRecord = {
      id,
      createdAt: at,
      updatedAt: at,
      input,
      wire: {
        to: wireAddress(input.to_address, at),
        from: wireAddress(input.from_address, at),
        parcel: { id: newId('prcl'), object: 'Parcel', created_at: at, updated_at: at, predefined_package: null, mode: 'test', ...input.parcel },
      },
      rates: ratesFor(id, input.parcel.weight, at),
      selectedRate: null,
      trackingCode: null,
      postageLabel: null,
      tracker: null,
      refundStatus: null,
      labelZpl: null,
    };
    this.records.set(id, record);
    return { status: 201, body: this.toWire(record), headers: { location: `/api/v2/shipments/${id}` } };
  }

  getShipment(id: string): SandboxReply {
    const r = this.records.get(id);
    return r ? { status: 200, body: this.toWire(r) } : notFound('Shipment');
  }

  buy(id: string, body: unknown, origin: string): SandboxReply {
    const r = this.records.get(id);
    if (!r) return notFound('Shipment');
    const parsed = SandboxBuyBodySchema.safeParse(body);
    if (!parsed.success) return { status: 422, body: errorBody('PARAMETER.REQUIRED', 'Missing required parameter.', [{ field: 'rate', message: 'cannot be blank' }]) };
    if (r.postageLabel !== null) {
      return { status: 422, body: errorBody('SHIPMENT.POSTAGE.FAILURE', 'This shipment already has postage. A shipment may only be purchased once.', []) };
    }
    const rate = r.rates.find((x) => x.id === parsed.data.rate.id);
    if (!rate) return { status: 422, body: errorBody('SHIPMENT.POSTAGE.FAILURE', 'The rate is not one of this shipment\'s rates.', [{ field: 'rate.id', message: 'is invalid' }]) };
    const at = isoNow();
    const trackingCode = newTrackingCode(rate.carrier);
    r.selectedRate = rate;
    r.trackingCode = trackingCode;
    r.updatedAt = at;
    r.labelZpl = buildCarrierLabelZpl({
      carrier: rate.carrier,
      service: rate.service,
      trackingCode,
      from: { ...r.input.from_address, name: r.input.from_address.name ?? '' },
      to: { ...r.input.to_address, name: r.input.to_address.name ?? '' },
      weightOz: r.input.parcel.weight,
      reference: r.input.reference ?? null,
      shipmentId: r.id,
      date: at.slice(0, 10),
    });
    const wantsZpl = r.input.options?.label_format === 'ZPL' && !this.opts.deferZplConversion;
    const zplUrl = `${origin}/labels/${r.id}.zpl`;
    r.postageLabel = {
      object: 'PostageLabel',
      id: newId('pl'),
      created_at: at,
      updated_at: at,
      date_advance: 0,
      integrated_form: 'none',
      label_date: at,
      // What the cassettes show: PNG labels are 300 dpi; carrier ZPL is 203 dpi.
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
    r.tracker = wireTracker(trackingCode, rate.carrier, r.id, at);
    this.trackers.set(String(r.tracker.id), r.tracker);
    this.bought.push({ shipmentId: r.id, trackingCode, at: Date.now() });
    return { status: 200, body: this.toWire(r) };
  }

  /** `GET /shipments/:id/label?file_format=ZPL`: adds the converted file's URL and answers the shipment. */
  convertLabel(id: string, fileFormat: string | null, origin: string): SandboxReply {
    const r = this.records.get(id);
    if (!r) return notFound('Shipment');
    const format = (fileFormat ?? '').toUpperCase();
    if (!['ZPL', 'PNG', 'PDF', 'EPL2'].includes(format)) {
      return { status: 422, body: errorBody('PARAMETER.INVALID', 'Invalid parameter.', [{ field: 'file_format', message: 'must be one of PNG, PDF, ZPL, EPL2' }]) };
    }
    if (!r.postageLabel) return { status: 422, body: errorBody('SHIPMENT.POSTAGE.REQUIRED', 'The shipment has no postage label yet.', []) };
    if (format === 'ZPL') r.postageLabel.label_zpl_url = `${origin}/labels/${r.id}.zpl`;
    if (format === 'PDF' || format === 'EPL2') {
      return { status: 422, body: errorBody('SHIPMENT.LABEL.FAILURE', `The sandbox cannot convert labels to ${format}.`, []) };
    }
    r.postageLabel.updated_at = isoNow();
    return { status: 200, body: this.toWire(r) };
  }

  refund(id: string): SandboxReply {
    const r = this.records.get(id);
    if (!r) return notFound('Shipment');
    if (!r.postageLabel) return { status: 422, body: errorBody('SHIPMENT.REFUND.FAILURE', 'Only purchased shipments can be refunded.', []) };
    r.refundStatus ??= 'submitted';
    return { status: 200, body: this.toWire(r) };
  }

  createTracker(body: unknown): SandboxReply {
    const parsed = SandboxTrackerBodySchema.safeParse(body);
    if (!parsed.success) return { status: 422, body: errorBody('PARAMETER.REQUIRED', 'Missing required parameter.', [{ field: 'tracker.tracking_code', message: 'cannot be blank' }]) };
    const { tracking_code: code, carrier } = parsed.data.tracker;
    const existing = [...this.trackers.values()].find((t) => t.tracking_code === code);
    // Real EasyPost answers 200 (not 201) and returns the existing tracker for a known code.
    if (existing) return { status: 200, body: existing };
    const shipment = [...this.records.values()].find((r) => r.trackingCode === code);
    const tracker = wireTracker(code, carrier ?? shipment?.selectedRate?.carrier ?? 'USPS', shipment?.id ?? null, isoNow());
    this.trackers.set(String(tracker.id), tracker);
    return { status: 200, body: tracker };
  }

  getTracker(id: string): SandboxReply {
    const t = this.trackers.get(id);
    return t ? { status: 200, body: t } : notFound('Tracker');
  }

  /** The ZPL file behind `label_zpl_url`, null when there is none. */
  labelZpl(id: string): string | null {
    return this.records.get(id)?.labelZpl ?? null;
  }

  shipments(): { id: string; reference: string | null; trackingCode: string | null; bought: boolean }[] {
    return [...this.records.values()].map((r) => ({ id: r.id, reference: r.input.reference ?? null, trackingCode: r.trackingCode, bought: r.postageLabel !== null }));
  }

  purchases(): { shipmentId: string; trackingCode: string; at: number }[] {
    return this.bought.map((p) => ({ ...p }));
  }

  private toWire(r: ShipmentRecord): Record<string, unknown> {
    return {
      id: r.id,
      created_at: r.createdAt,
      is_return: false,
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
      scan_form: null,
      selected_rate: r.selectedRate,
      tracker: r.tracker,
      to_address: r.wire.to,
      usps_zone: 4,
      return_address: r.wire.from,
      buyer_address: r.wire.to,
      forms: [],
      fees: r.selectedRate
        ? [
            { object: 'Fee', type: 'LabelFee', amount: '0.00000', charged: true, refunded: false },
            { object: 'Fee', type: 'PostageFee', amount: `${r.selectedRate.rate}000`, charged: true, refunded: false },
          ]
        : [],
      object: 'Shipment',
    };
  }
}
