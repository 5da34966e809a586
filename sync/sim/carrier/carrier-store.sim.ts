/**
 * Shipments of the carrier sandbox with EasyPost's rules: a shipment is bought at most once (a second buy is a 422),
 * labels convert to ZPL on request, a return label swaps the addresses it prints. Every method returns the HTTP reply
 * the platform would send, so the server around it stays a router.
 */
import { buildCarrierLabelZpl } from './carrier-label.sim';
import { SandboxBuyBodySchema, SandboxShipmentInputSchema } from './carrier-schema.sim';
import { isReturn, postageLabel, shipmentWire, type ShipmentRecord } from './carrier-shipment-wire.sim';
import type { TrackerStore } from './carrier-tracker.sim';
import { blank, isoNow, newId, newTrackingCode, notFound, ratesFor, unprocessable, wireAddress, type SandboxReply } from './carrier-wire.sim';

export type { SandboxReply } from './carrier-wire.sim';

export interface SandboxStoreOptions {
  /** Buy returns only a PNG label even when ZPL was asked, so clients must convert (as some carriers do). */
  deferZplConversion: boolean;
}

const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'object' && Object.keys(v).length === 0);

export class SandboxStore {
  private readonly records = new Map<string, ShipmentRecord>();
  private readonly bought: { shipmentId: string; trackingCode: string }[] = [];

  constructor(
    private readonly opts: SandboxStoreOptions,
    private readonly trackers: TrackerStore,
  ) {}

  createShipment(body: unknown): SandboxReply {
    const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).shipment : undefined;
    if (isBlank(raw)) return blank('shipment');
    const parsed = SandboxShipmentInputSchema.safeParse(raw);
    if (!parsed.success) {
      const missing = parsed.error.issues.some((i) => i.code === 'invalid_type' && i.input === undefined);
      const errors = parsed.error.issues.map((i) => ({ field: ['shipment', ...i.path].join('.'), message: missing ? 'cannot be blank' : i.message }));
      return unprocessable(missing ? 'PARAMETER.REQUIRED' : 'PARAMETER.INVALID', 'Invalid or missing parameter.', errors);
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
      scanForm: null,
      labelZpl: null,
    };
    this.records.set(id, record);
    return { status: 201, body: shipmentWire(record), headers: { location: `/api/v2/shipments/${id}` } };
  }

  getShipment(id: string): SandboxReply {
    const r = this.records.get(id);
    return r ? { status: 200, body: shipmentWire(r) } : notFound('Shipment');
  }

  buy(id: string, body: unknown, origin: string): SandboxReply {
    const r = this.records.get(id);
    if (!r) return notFound('Shipment');
    const parsed = SandboxBuyBodySchema.safeParse(body);
    if (!parsed.success) return blank('rate');
    if (r.postageLabel !== null) return unprocessable('SHIPMENT.POSTAGE.FAILURE', 'This shipment already has postage. A shipment may only be purchased once.');
    const rate = r.rates.find((x) => x.id === parsed.data.rate.id);
    if (!rate) return unprocessable('SHIPMENT.POSTAGE.FAILURE', "The rate is not one of this shipment's rates.", [{ field: 'rate.id', message: 'is invalid' }]);
    const at = isoNow();
    const trackingCode = newTrackingCode(rate.carrier);
    const from = { ...r.input.from_address, name: r.input.from_address.name ?? '' };
    const to = { ...r.input.to_address, name: r.input.to_address.name ?? '' };
    r.selectedRate = rate;
    r.trackingCode = trackingCode;
    r.updatedAt = at;
    r.labelZpl = buildCarrierLabelZpl({
      carrier: rate.carrier,
      service: rate.service,
      trackingCode,
      // EasyPost swaps the addresses of a return on the label: the customer sends the parcel back.
      from: isReturn(r) ? to : from,
      to: isReturn(r) ? from : to,
      weightOz: r.input.parcel.weight,
      reference: r.input.reference ?? null,
      shipmentId: r.id,
      date: at.slice(0, 10),
    });
    const wantsZpl = r.input.options?.label_format === 'ZPL' && !this.opts.deferZplConversion;
    r.postageLabel = postageLabel(r, at, `${origin}/labels/${r.id}.zpl`, wantsZpl, origin);
    r.tracker = this.trackers.forPurchase(trackingCode, rate.carrier, r.id, at);
    this.bought.push({ shipmentId: r.id, trackingCode });
    return { status: 200, body: shipmentWire(r) };
  }

  /** `GET /shipments/:id/label?file_format=ZPL`: adds the converted file's URL and answers the shipment. */
  convertLabel(id: string, fileFormat: string | null, origin: string): SandboxReply {
    const r = this.records.get(id);
    if (!r) return notFound('Shipment');
    const format = (fileFormat ?? '').toUpperCase();
    if (!['ZPL', 'PNG', 'PDF', 'EPL2'].includes(format)) {
      return unprocessable('PARAMETER.INVALID', 'Invalid parameter.', [{ field: 'file_format', message: 'must be one of PNG, PDF, ZPL, EPL2' }]);
    }
    if (!r.postageLabel) return unprocessable('SHIPMENT.POSTAGE.REQUIRED', 'The shipment has no postage label yet.');
    if (format === 'ZPL') r.postageLabel.label_zpl_url = `${origin}/labels/${r.id}.zpl`;
    if (format === 'PDF' || format === 'EPL2') return unprocessable('SHIPMENT.LABEL.FAILURE', `The sandbox cannot convert labels to ${format}.`);
    r.postageLabel.updated_at = isoNow();
    return { status: 200, body: shipmentWire(r) };
  }

  /** The shipment as the store holds it, for the refund and scan form desks. */
  record(id: string): ShipmentRecord | undefined {
    return this.records.get(id);
  }

  /** The shipment sold with `trackingCode`, for linking a tracker to it. */
  soldWith(trackingCode: string): { shipmentId: string; carrier: string } | null {
    const r = [...this.records.values()].find((x) => x.trackingCode === trackingCode);
    return r?.selectedRate ? { shipmentId: r.id, carrier: r.selectedRate.carrier } : null;
  }

  /** The ZPL file behind `label_zpl_url`, null when there is none. */
  labelZpl(id: string): string | null {
    return this.records.get(id)?.labelZpl ?? null;
  }

  shipments(): { id: string; reference: string | null; trackingCode: string | null; bought: boolean }[] {
    return [...this.records.values()].map((r) => ({ id: r.id, reference: r.input.reference ?? null, trackingCode: r.trackingCode, bought: r.postageLabel !== null }));
  }

  /** Every shipment with a label, in the order they were created, for the reports. */
  labelled(): ShipmentRecord[] {
    return [...this.records.values()].filter((r) => r.postageLabel !== null);
  }

  purchases(): { shipmentId: string; trackingCode: string }[] {
    return this.bought.map((p) => ({ ...p }));
  }
}
