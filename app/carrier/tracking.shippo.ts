/**
 * Shippo track values → the canonical tracking model.
 *
 * Sources: `status` — goshippo/shippo-javascript-sdk `src/models/components/trackingstatusenum.ts` at commit
 * 51b9793f80063ae625e2dd44579b76fab2587e49 (2026-02-04; a closed enum of 6 values). `substatus.code` — the SDK types
 * it as a plain string and points (`src/models/components/trackingstatussubstatus.ts`) to Shippo's Event Definitions,
 * https://docs.goshippo.com/docs/tracking/tracking/#event-definitions: 27 codes, each listed under one status.
 */
import type { TrackingReport, TrackingStatus } from '../domain';
import { trackingReportFrom } from './tracking.merge';
import { placeName, trackingMap, type PlatformPlace, type TrackingRefinement, type TrackingTable } from './tracking.platform';

const refine = (detail: string, to: TrackingStatus, why: string, status = 'TRANSIT'): TrackingRefinement => ({ status, detail, to, why });

export const SHIPPO_TRACKING: TrackingTable = {
  statuses: {
    UNKNOWN: 'unknown',
    PRE_TRANSIT: 'pre_transit',
    TRANSIT: 'in_transit',
    DELIVERED: 'delivered',
    // "En route to be returned to the sender, or has been returned": either way the customer will not get it.
    RETURNED: 'returned_to_sender',
    // "An issue with the delivery"; lost or disposed parcels are refined to exception below.
    FAILURE: 'delivery_failed',
  },
  // Grouped by the status Shippo lists them under.
  details: [
    'information_received',
    'address_issue',
    'contact_carrier',
    'delayed',
    'delivery_attempted',
    'delivery_rescheduled',
    'delivery_scheduled',
    'location_inaccessible',
    'notice_left',
    'out_for_delivery',
    'package_accepted',
    'package_arrived',
    'package_damaged',
    'package_departed',
    'package_forwarded',
    'package_held',
    'package_processed',
    'package_processing',
    'pickup_available',
    'reschedule_delivery',
    'delivered',
    'return_to_sender',
    'package_unclaimed',
    'package_undeliverable',
    'package_disposed',
    'package_lost',
    'other',
  ],
  // Every other known pair keeps its status's mapping: package_accepted…package_processing and delivery_scheduled are
  // plain transit; RETURNED/package_unclaimed is still a return (unclaimed is why it came back).
  refinements: [
    refine('out_for_delivery', 'out_for_delivery', 'the detail is the later scan'),
    refine('pickup_available', 'available_for_pickup', 'waiting at a carrier location for the recipient'),
    refine('delayed', 'delayed', 'late, nothing to do yet'),
    refine('delivery_rescheduled', 'delayed', 'a later day than planned; Shippo says no action is required'),
    refine('address_issue', 'delivery_failed', 'the address is wrong: it will not be delivered until someone fixes it'),
    refine('delivery_attempted', 'delivery_failed', 'an attempt failed; the recipient must act'),
    refine('location_inaccessible', 'delivery_failed', 'the carrier could not reach the door'),
    refine('notice_left', 'delivery_failed', 'an attempt failed and a notice was left'),
    refine('reschedule_delivery', 'delivery_failed', 'missed: the recipient must reschedule'),
    refine('contact_carrier', 'exception', 'the carrier asks to be called'),
    refine('package_damaged', 'exception', 'the parcel itself is in trouble: a claim may follow'),
    refine('package_held', 'exception', 'held at a carrier location: someone must call'),
    refine('package_lost', 'exception', 'gone: a claim, not a redelivery', 'FAILURE'),
    refine('package_disposed', 'exception', 'gone: a claim, not a redelivery', 'FAILURE'),
  ],
};

/** Maps a Shippo `tracking_status.status` and `substatus.code` (null when Shippo sends `substatus: null`). */
export const fromShippo = trackingMap(SHIPPO_TRACKING);

/** One `tracking_status` / `tracking_history[]` entry, as sync/carrier parses it. */
export interface ShippoTrackingEvent {
  status: string;
  substatus?: { code: string; text?: string | null } | null;
  status_details?: string | null;
  /** When the carrier scanned it; optional in the API, so the entry's creation time stands in. */
  status_date?: string | null;
  object_created?: string | null;
  location?: PlatformPlace | null;
}

/** The part of a Shippo Track (`GET /tracks/<carrier>/<number>` or a `track_updated` webhook `data`) tracking needs. */
export interface ShippoTrack {
  carrier: string;
  tracking_number: string;
  eta?: string | null;
  tracking_status?: ShippoTrackingEvent | null;
  tracking_history?: readonly ShippoTrackingEvent[] | null;
}

export function shippoTrackingReport(track: ShippoTrack): TrackingReport {
  // The current status is normally the last history entry too; the merge drops the duplicate.
  const entries = [...(track.tracking_history ?? []), ...(track.tracking_status ? [track.tracking_status] : [])];
  const events = entries.map((e) => ({
    at: e.status_date || e.object_created || '',
    status: e.status,
    detail: e.substatus?.code ?? null,
    description: e.status_details || e.substatus?.text || '',
    location: placeName(e.location),
  }));
  return trackingReportFrom('shippo', track.carrier, track.tracking_number, events, fromShippo, { estimatedDelivery: track.eta ?? null });
}
