/**
 * Tracks (`GET /tracks/<carrier>/<number>`) as Shippo answers them: the `shippo` test carrier's SHIPPO_* numbers
 * with fixed histories (shaped like the docs' SHIPPO_TRANSIT example, which starts with an UNKNOWN entry and sends
 * `substatus: null`, `object_updated: null` and times without a zone), a label the sandbox sold (PRE_TRANSIT,
 * information received), and a number nobody knows (UNKNOWN, no history).
 */
import { objectId } from './shippo-wire.sim';

type Place = { city: string; state: string; zip: string; country: string };
interface Step {
  status: string;
  substatus: string | null;
  details: string;
  /** Hours before now. */
  hoursAgo: number;
  place: Place;
}

const SF: Place = { city: 'San Francisco', state: 'CA', zip: '94103', country: 'US' };
const OAK: Place = { city: 'Oakland', state: 'CA', zip: '94621', country: 'US' };
const CHI: Place = { city: 'Chicago', state: 'IL', zip: '60611', country: 'US' };

const SUBSTATUS_TEXT: Readonly<Record<string, [string, boolean]>> = {
  information_received: ['Information about the package received.', false],
  package_accepted: ['Package has been accepted into the carrier network for delivery.', false],
  package_arrived: ['Package has arrived at an intermediate location in the carrier network.', false],
  out_for_delivery: ['Package is out for delivery.', false],
  delivered: ['Package has been delivered.', false],
  delivery_attempted: ['Delivery of package has been attempted. Contact carrier to ensure delivery.', true],
  return_to_sender: ['Package is to be returned to sender.', false],
  package_undeliverable: ['Package is not able to be delivered.', true],
};

const received: Step = { status: 'PRE_TRANSIT', substatus: 'information_received', details: 'Shipping label created, the carrier awaits the item.', hoursAgo: 72, place: SF };
const accepted: Step = { status: 'TRANSIT', substatus: 'package_accepted', details: 'Accepted at the origin facility.', hoursAgo: 60, place: SF };

const TEST_HISTORIES: Readonly<Record<string, readonly Step[]>> = {
  SHIPPO_PRE_TRANSIT: [received],
  SHIPPO_TRANSIT: [
    { status: 'UNKNOWN', substatus: null, details: 'The carrier has received the electronic shipment information.', hoursAgo: 50, place: SF },
    { status: 'TRANSIT', substatus: null, details: 'Your shipment has departed from the origin.', hoursAgo: 26, place: SF },
  ],
  SHIPPO_DELIVERED: [
    received,
    accepted,
    { status: 'TRANSIT', substatus: 'package_arrived', details: 'Arrived at the regional facility.', hoursAgo: 30, place: OAK },
    { status: 'TRANSIT', substatus: 'out_for_delivery', details: 'Out for delivery.', hoursAgo: 8, place: CHI },
    { status: 'DELIVERED', substatus: 'delivered', details: 'Your shipment has been delivered at the destination mailbox.', hoursAgo: 3, place: CHI },
  ],
  SHIPPO_RETURNED: [
    received,
    accepted,
    { status: 'TRANSIT', substatus: 'delivery_attempted', details: 'Delivery attempted, no access to the delivery location.', hoursAgo: 20, place: CHI },
    { status: 'RETURNED', substatus: 'return_to_sender', details: 'Your shipment is being returned to the sender.', hoursAgo: 5, place: CHI },
  ],
  SHIPPO_FAILURE: [
    received,
    accepted,
    { status: 'FAILURE', substatus: 'package_undeliverable', details: 'The package could not be delivered.', hoursAgo: 6, place: CHI },
  ],
  SHIPPO_UNKNOWN: [{ status: 'UNKNOWN', substatus: null, details: 'The carrier has not provided tracking information.', hoursAgo: 1, place: SF }],
};

/** Shippo's test tracks send local-looking times without a zone: `2018-07-29T16:44:42.586`. */
const zoneless = (ms: number): string => new Date(ms).toISOString().replace(/Z$/, '');

function entry(step: Step, now: number): Record<string, unknown> {
  const sub = step.substatus === null ? null : SUBSTATUS_TEXT[step.substatus];
  return {
    object_created: zoneless(now),
    object_updated: null,
    object_id: objectId(),
    status: step.status,
    status_details: step.details,
    status_date: zoneless(now - step.hoursAgo * 3_600_000),
    substatus: step.substatus === null || !sub ? null : { code: step.substatus, text: sub[0], action_required: sub[1] },
    location: step.place,
  };
}

export interface IssuedLabel {
  carrier: string;
  trackingNumber: string;
  transactionId: string;
  from: Place;
  to: Place;
  servicelevel: { token: string; name: string };
  /** Epoch ms of the purchase. */
  boughtAt: number;
  etaDays: number;
}

function track(carrier: string, number: string, steps: readonly Step[], now: number, extra: Record<string, unknown>): Record<string, unknown> {
  const history = steps.map((s) => entry(s, now));
  return {
    carrier,
    tracking_number: number,
    address_from: null,
    address_to: null,
    eta: null,
    original_eta: null,
    servicelevel: null,
    metadata: null,
    messages: [],
    tracking_status: history.at(-1) ?? null,
    tracking_history: history,
    transaction: null,
    test: true,
    ...extra,
  };
}

/** The test carrier's answer for a SHIPPO_* number; null for any other number. */
export function testTrack(number: string, now = Date.now()): Record<string, unknown> | null {
  const steps = TEST_HISTORIES[number];
  if (!steps) return null;
  const eta = zoneless(now + 24 * 3_600_000);
  return track('shippo', number, steps, now, { address_from: SF, address_to: CHI, eta, original_eta: eta, metadata: 'Shippo test tracking', servicelevel: { token: 'shippo_priority', name: 'Priority Mail' } });
}

export function labelTrack(label: IssuedLabel, now = Date.now()): Record<string, unknown> {
  const step: Step = { ...received, hoursAgo: Math.max(0, (now - label.boughtAt) / 3_600_000), place: label.from };
  const eta = new Date(label.boughtAt + label.etaDays * 86_400_000).toISOString();
  return track(label.carrier, label.trackingNumber, [step], now, {
    address_from: label.from,
    address_to: label.to,
    eta,
    original_eta: eta,
    servicelevel: label.servicelevel,
    transaction: label.transactionId,
  });
}

export function unknownTrack(carrier: string, number: string): Record<string, unknown> {
  return { ...track(carrier, number, [], Date.now(), {}), tracking_status: { status: 'UNKNOWN', status_details: 'The carrier has not provided tracking information for this number.', status_date: null, substatus: null, location: null, object_created: zoneless(Date.now()), object_updated: null, object_id: objectId() } };
}
