/**
 * An EasyPost Tracker → the canonical tracking report. Events keep the platform's order (oldest first); a status
 * the mapping does not know becomes `unknown` and is listed in `unmapped`, never dropped.
 */
import type { TrackingEvent, TrackingReport, TrackingStatus, UnmappedTrackingValue } from '../../app/domain/tracking.schema';
import type { EasyPostTracker, EasyPostTrackingDetail } from './easypost.schema';

/** EasyPost's ten tracker statuses (docs: Tracker object); details refine only a failed delivery. */
const BY_STATUS: Readonly<Record<string, TrackingStatus>> = {
  unknown: 'unknown',
  pre_transit: 'pre_transit',
  in_transit: 'in_transit',
  out_for_delivery: 'out_for_delivery',
  delivered: 'delivered',
  available_for_pickup: 'available_for_pickup',
  return_to_sender: 'returned_to_sender',
  failure: 'delivery_failed',
  cancelled: 'cancelled',
  error: 'exception',
};

/** The minimal EasyPost → canonical table this adapter needs; `known` false means the value is new to it. */
function fromEasyPost(status: string, statusDetail: string | null): { status: TrackingStatus; known: boolean } {
  const mapped = BY_STATUS[status];
  if (mapped === undefined) return { status: 'unknown', known: false };
  if (mapped === 'in_transit' && statusDetail === 'delayed') return { status: 'delayed', known: true };
  return { status: mapped, known: true };
}

function locationOf(detail: EasyPostTrackingDetail): string | null {
  const l = detail.tracking_location;
  if (!l) return null;
  const text = [l.city, l.state, l.zip, l.country].filter((p): p is string => typeof p === 'string' && p !== '').join(' ');
  return text === '' ? null : text;
}

export function toTrackingReport(tracker: EasyPostTracker, askedCarrier: string): TrackingReport {
  const unmapped: UnmappedTrackingValue[] = [];
  const canonical = (status: string, detail: string | null): TrackingStatus => {
    const r = fromEasyPost(status, detail);
    if (!r.known && !unmapped.some((u) => u.status === status && u.detail === detail)) unmapped.push({ platform: 'easypost', status, detail });
    return r.status;
  };
  const events: TrackingEvent[] = tracker.tracking_details.map((d) => ({
    status: canonical(d.status, d.status_detail ?? null),
    at: d.datetime,
    platformStatus: d.status,
    platformDetail: d.status_detail ?? null,
    description: d.message || d.description || '',
    location: locationOf(d),
  }));
  return {
    carrier: tracker.carrier ?? askedCarrier,
    trackingCode: tracker.tracking_code,
    status: canonical(tracker.status, tracker.status_detail ?? null),
    events,
    estimatedDelivery: tracker.est_delivery_date ?? null,
    unmapped,
  };
}
