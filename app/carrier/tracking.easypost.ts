/**
 * EasyPost tracker values → the canonical tracking model.
 *
 * Source of the value sets: EasyPost/easypost-node, `types/Tracker/TrackerStatus.d.ts` (10 statuses) and
 * `types/Tracker/TrackerStatusDetail.d.ts` (28 details), at commit ac2a73296fe0ca520a90f007942935be4d210e6b
 * (2026-03-03; both files last changed in b8cf7662c139a498d5e7daf15d21a29b1ea3d5ba). The same status list is in
 * `types/Tracker/TrackingDetail.d.ts`, which is the shape of one scan (`tracking_details[]`).
 */
import type { TrackingReport, TrackingStatus } from '../domain';
import { trackingReportFrom } from './tracking.merge';
import { placeName, trackingMap, type PlatformPlace, type TrackingRefinement, type TrackingTable } from './tracking.platform';

const refine = (status: string, details: readonly string[], to: TrackingStatus, why: string): TrackingRefinement[] =>
  details.map((detail) => ({ status, detail, to, why }));

export const EASYPOST_TRACKING: TrackingTable = {
  statuses: {
    unknown: 'unknown',
    pre_transit: 'pre_transit',
    in_transit: 'in_transit',
    out_for_delivery: 'out_for_delivery',
    delivered: 'delivered',
    available_for_pickup: 'available_for_pickup',
    return_to_sender: 'returned_to_sender',
    // The carrier could not deliver; a detail below says when the parcel itself is in trouble instead.
    failure: 'delivery_failed',
    cancelled: 'cancelled',
    // EasyPost could not read the carrier's tracking: it says nothing about where the parcel is.
    error: 'unknown',
  },
  details: [
    'address_correction',
    'arrived_at_destination',
    'arrived_at_facility',
    'arrived_at_pickup_location',
    'awaiting_information',
    'cancelled',
    'damaged',
    'delayed',
    'delivery_exception',
    'departed_facility',
    'departed_origin_facility',
    'expired',
    'failure',
    'held',
    'in_transit',
    'label_created',
    'lost',
    'missorted',
    'out_for_delivery',
    'received_at_destination_facility',
    'received_at_origin_facility',
    'refused',
    'return',
    'status_update',
    'transferred_to_destination_carrier',
    'transit_exception',
    'unknown',
    'weather_delay',
  ],
  // Only these (status, detail) pairs change the meaning; every other known pair keeps its status's mapping
  // (delivered, return_to_sender, cancelled and available_for_pickup are never refined: the status is the fact).
  refinements: [
    ...refine('in_transit', ['out_for_delivery'], 'out_for_delivery', 'the detail is the later scan'),
    ...refine('in_transit', ['delayed', 'weather_delay'], 'delayed', 'late, nothing to do yet'),
    ...refine('in_transit', ['missorted'], 'delayed', 'the carrier re-routes a missort itself: late, nothing to do'),
    ...refine('in_transit', ['transit_exception', 'held'], 'exception', 'stopped in the network (customs, inspection, payment): someone must call the carrier'),
    ...refine('in_transit', ['awaiting_information'], 'exception', 'the carrier waits for papers or details from the shipper'),
    ...refine('in_transit', ['damaged', 'lost'], 'exception', 'the parcel itself is in trouble: a claim, not a redelivery'),
    ...refine('in_transit', ['expired'], 'exception', 'tracking ran out before any delivery scan'),
    ...refine('in_transit', ['delivery_exception', 'failure'], 'delivery_failed', 'the carrier could not hand it over'),
    ...refine('in_transit', ['refused'], 'delivery_failed', 'the recipient refused it; a return usually follows'),
    ...refine('in_transit', ['return'], 'returned_to_sender', 'on its way back: the customer will not get it'),
    ...refine('out_for_delivery', ['delayed', 'weather_delay'], 'delayed', 'it will not arrive today'),
    ...refine('out_for_delivery', ['delivery_exception', 'failure', 'refused'], 'delivery_failed', 'the delivery round did not hand it over'),
    ...refine('out_for_delivery', ['damaged', 'lost'], 'exception', 'the parcel itself is in trouble'),
    ...refine('pre_transit', ['cancelled'], 'cancelled', 'the label was voided before the carrier had the parcel'),
    ...refine('pre_transit', ['expired'], 'exception', 'the label was never scanned: the parcel may still be on the dock'),
    ...refine('failure', ['damaged', 'lost', 'held', 'transit_exception'], 'exception', 'the parcel, not the address, is the problem: a claim or a call to the carrier'),
    ...refine('failure', ['return'], 'returned_to_sender', 'it failed and is coming back'),
    ...refine('failure', ['cancelled'], 'cancelled', 'the shipment was cancelled'),
  ],
};

/** Maps an EasyPost tracker (or scan) `status` and `status_detail`. */
export const fromEasyPost = trackingMap(EASYPOST_TRACKING);

/** One entry of a tracker's `tracking_details`, as sync/carrier parses it. */
export interface EasyPostTrackingDetail {
  datetime: string;
  status: string;
  status_detail?: string | null;
  message?: string | null;
  description?: string | null;
  tracking_location?: PlatformPlace | null;
}

/** The part of an EasyPost Tracker (REST reply or `tracker.updated` webhook `result`) tracking needs. */
export interface EasyPostTracker {
  tracking_code: string;
  carrier?: string | null;
  status: string;
  status_detail?: string | null;
  est_delivery_date?: string | null;
  updated_at?: string | null;
  tracking_details?: readonly EasyPostTrackingDetail[] | null;
}

/** `askedCarrier` stands in when the tracker does not name its carrier. */
export function easyPostTrackingReport(tracker: EasyPostTracker, askedCarrier = ''): TrackingReport {
  const events = (tracker.tracking_details ?? []).map((d) => ({
    at: d.datetime,
    status: d.status,
    detail: d.status_detail ?? null,
    description: d.message || d.description || '',
    location: placeName(d.tracking_location),
  }));
  return trackingReportFrom('easypost', tracker.carrier || askedCarrier, tracker.tracking_code, events, fromEasyPost, {
    estimatedDelivery: tracker.est_delivery_date ?? null,
    overall: { status: tracker.status, detail: tracker.status_detail ?? null },
  });
}
