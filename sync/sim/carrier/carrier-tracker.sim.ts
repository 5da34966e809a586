/**
 * Trackers of the carrier sandbox as EasyPost answers them: `POST /trackers` → 200 (not 201), the existing tracker
 * for a code already tracked. EasyPost's test codes EZ1000000001 … EZ7000000007 each stand at one status with the
 * history leading there (EZ1's two events are test_tracker_create's, verbatim); a code of a label the sandbox sold
 * starts in pre_transit like a label just bought.
 */
import { SandboxTrackerBodySchema } from './carrier-schema.sim';
import { blank, isoNow, newId, notFound, type SandboxReply } from './carrier-wire.sim';

interface Step {
  status: string;
  detail: string;
  message: (carrier: string) => string;
  place: [city: string, state: string, zip: string] | null;
  /** Hours after the first event. */
  hour: number;
}

const step = (status: string, detail: string, message: (carrier: string) => string, place: Step['place'], hour: number): Step => ({ status, detail, message, place, hour });

const INFO_SENT = step('pre_transit', 'status_update', (c) => `Pre-Shipment Info Sent to ${c}`, null, 0);
const LABEL_CREATED = step('pre_transit', 'status_update', () => 'Shipping Label Created', ['HOUSTON', 'TX', '77063'], 12.6);
const ARRIVED = step('in_transit', 'arrived_at_facility', (c) => `Arrived at ${c} Regional Origin Facility`, ['HOUSTON', 'TX', '77201'], 30);
const DEPARTED = step('in_transit', 'departed_facility', (c) => `Departed ${c} Regional Facility`, ['HOUSTON', 'TX', '77201'], 36);
const AT_DESTINATION = step('in_transit', 'arrived_at_destination', (c) => `Arrived at ${c} Regional Destination Facility`, ['CHARLESTON', 'SC', '29407'], 60);
const OUT = step('out_for_delivery', 'out_for_delivery', () => 'Out for Delivery', ['CHARLESTON', 'SC', '29401'], 70);
const DELIVERED = step('delivered', 'arrived_at_destination', () => 'Delivered, In/At Mailbox', ['CHARLESTON', 'SC', '29401'], 75);
const RETURNED = step('return_to_sender', 'return', () => 'Return to Sender Processed', ['CHARLESTON', 'SC', '29407'], 76);
const FAILED = step('failure', 'delivery_exception', () => 'Delivery Attempted - No Access to Delivery Location', ['CHARLESTON', 'SC', '29401'], 75);

const PRE_TRANSIT = [INFO_SENT, LABEL_CREATED];
const MOVING = [...PRE_TRANSIT, ARRIVED, DEPARTED];
const HISTORIES: Readonly<Record<string, readonly Step[]>> = {
  EZ1: PRE_TRANSIT,
  EZ2: MOVING,
  EZ3: [...MOVING, AT_DESTINATION, OUT],
  EZ4: [...MOVING, AT_DESTINATION, OUT, DELIVERED],
  EZ5: [...MOVING, AT_DESTINATION, OUT, RETURNED],
  EZ6: [...MOVING, AT_DESTINATION, OUT, FAILED],
  EZ7: [],
};

const historyOf = (code: string): readonly Step[] => HISTORIES[code.slice(0, 3).toUpperCase()] ?? PRE_TRANSIT;

const HOUR_MS = 3_600_000;
/** The cassette's first event is a month before the tracker was created. */
const HISTORY_STARTS_DAYS_BEFORE = 28;

function wireDetail(s: Step, carrier: string, start: number): Record<string, unknown> {
  const [city, state, zip] = s.place ?? [null, null, null];
  return {
    object: 'TrackingDetail',
    message: s.message(carrier),
    description: '',
    status: s.status,
    status_detail: s.detail,
    datetime: new Date(start + s.hour * HOUR_MS).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    source: carrier,
    carrier_code: '',
    tracking_location: { object: 'TrackingLocation', city, state, country: null, zip },
  };
}

export function wireTracker(trackingCode: string, carrier: string, shipmentId: string | null, at: string): Record<string, unknown> {
  const id = newId('trk');
  const history = historyOf(trackingCode);
  const last = history[history.length - 1];
  const start = Date.parse(at) - HISTORY_STARTS_DAYS_BEFORE * 24 * HOUR_MS;
  const finished = last !== undefined && ['delivered', 'return_to_sender', 'failure'].includes(last.status);
  return {
    id,
    object: 'Tracker',
    mode: 'test',
    tracking_code: trackingCode,
    status: last?.status ?? 'unknown',
    status_detail: last?.detail ?? 'unknown',
    created_at: at,
    updated_at: at,
    signed_by: last === DELIVERED ? 'John Tester' : null,
    weight: null,
    est_delivery_date: finished || last === undefined ? null : at,
    shipment_id: shipmentId,
    carrier,
    tracking_details: history.map((s) => wireDetail(s, carrier, start)),
    fees: [],
    carrier_detail: null,
    finalized: true,
    is_return: false,
    public_url: `https://track.easypost.com/${Buffer.from(id).toString('base64url')}`,
  };
}

export class TrackerStore {
  private readonly byId = new Map<string, Record<string, unknown>>();

  /** `sold` finds the shipment the sandbox sold with this tracking code, to link the tracker to it. */
  constructor(private readonly sold: (trackingCode: string) => { shipmentId: string; carrier: string } | null) {}

  create(body: unknown): SandboxReply {
    const parsed = SandboxTrackerBodySchema.safeParse(body);
    if (!parsed.success) return blank('tracker.tracking_code');
    const { tracking_code: code, carrier } = parsed.data.tracker;
    const existing = this.byCode(code);
    if (existing) return { status: 200, body: existing };
    const shipment = this.sold(code);
    return { status: 200, body: this.add(wireTracker(code, carrier ?? shipment?.carrier ?? 'USPS', shipment?.shipmentId ?? null, isoNow())) };
  }

  get(id: string): SandboxReply {
    const t = this.byId.get(id);
    return t ? { status: 200, body: t } : notFound('Tracker');
  }

  /** The tracker a purchase creates with its label (the shipment's `tracker`). */
  forPurchase(trackingCode: string, carrier: string, shipmentId: string, at: string): Record<string, unknown> {
    return this.add(wireTracker(trackingCode, carrier, shipmentId, at));
  }

  private byCode(code: string): Record<string, unknown> | undefined {
    return [...this.byId.values()].find((t) => t.tracking_code === code);
  }

  private add(tracker: Record<string, unknown>): Record<string, unknown> {
    this.byId.set(String(tracker.id), tracker);
    return tracker;
  }
}
