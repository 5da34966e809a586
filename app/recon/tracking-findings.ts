/**
 * What a canonical tracking change means for the exception queues. A failed delivery, a return and a carrier
 * exception each need a person: contact the customer (address, absence), inspect the parcel when it is back, call the
 * carrier (damaged, lost, held). One exception per shipment and kind (`<kind>:<trackingCode>`): the same trouble
 * reported again by another webhook or poll is seen again, not opened twice.
 */
import type { TrackingEvent, TrackingStatus } from '../domain/tracking.schema';
import type { ExceptionFinding, ExceptionKind, ExceptionSeverity, SuggestedAction } from './exception.schema';
import type { TrackedShipment } from './recon-input.schema';

interface TrackingTrouble {
  kind: ExceptionKind;
  severity: ExceptionSeverity;
  what: string;
  action: SuggestedAction;
}

export const TRACKING_TROUBLES: Readonly<Partial<Record<TrackingStatus, TrackingTrouble>>> = {
  delivery_failed: {
    kind: 'delivery_failed',
    severity: 'warning',
    what: 'could not be delivered',
    action: { code: 'contact_customer', text: 'Contact the customer: confirm the address or arrange another delivery.' },
  },
  returned_to_sender: {
    kind: 'returned',
    severity: 'warning',
    what: 'is on its way back to the warehouse',
    action: { code: 'inspect_return', text: 'Expect the parcel back: inspect it on arrival and restock or reship.' },
  },
  exception: {
    kind: 'tracking_exception',
    severity: 'critical',
    what: 'is in trouble at the carrier',
    action: { code: 'contact_carrier', text: 'Contact the carrier: the parcel may be damaged, held or lost; open a claim if so.' },
  },
};

/** The event that brought the shipment to `status`: the newest one saying so, or the newest of all. */
export function eventOf(events: readonly TrackingEvent[], status: TrackingStatus): TrackingEvent | null {
  return events.findLast((e) => e.status === status) ?? events.at(-1) ?? null;
}

/** The finding for a shipment whose canonical status just became `after`; null when the new status needs nobody. */
export function trackingFinding(change: { before: TrackingStatus | null; after: TrackingStatus; shipment: TrackedShipment }): ExceptionFinding | null {
  const trouble = TRACKING_TROUBLES[change.after];
  if (trouble === undefined || change.before === change.after) return null;
  const s = change.shipment;
  const event = eventOf(s.report.events, change.after);
  const said = event ? ` — "${event.description || event.platformStatus}"${event.location ? ` at ${event.location}` : ''}, ${event.at}` : '';
  return {
    key: `${trouble.kind}:${s.trackingCode}`,
    kind: trouble.kind,
    severity: trouble.severity,
    source: 'tracking',
    stationId: s.stationId,
    pickingId: s.pickingId,
    pickingName: s.pickingName,
    shipmentId: s.shipmentId,
    trackingCode: s.trackingCode,
    detail: `${s.carrier ?? 'The carrier'} ${s.trackingCode}${s.pickingName ? ` (${s.pickingName})` : ''} ${trouble.what}${said}.`,
    amounts: null,
    suggestedAction: trouble.action,
  };
}
