/**
 * The ordering rule of tracking. Webhooks and polls arrive late, twice and out of order; a shipment's status must
 * never move backwards because of that. So a report's status is not "the last thing we heard" but a fold over all of
 * its events in the carrier's time order:
 * - events are deduplicated by (instant, platform status, platform detail, description) and sorted oldest first;
 *   events at the same instant are ordered by TRACKING_RANK, so the later stage of a parcel's life wins a tie;
 * - each event moves the status to its own, except that
 *   - an `unknown` event never replaces something known (it is kept, and its value reported, but it says nothing),
 *   - once the carrier has the parcel, a `pre_transit` event (label data sent again) does not take it back,
 *   - a terminal state (delivered, returned_to_sender, cancelled) is left only for a status in TERMINAL_EXITS.
 * Because the fold is over the carrier's times, an older event that arrives late changes nothing, and a report is the
 * same whatever order its events arrived in.
 */
import { StationError, type TrackingEvent, type TrackingReport, type TrackingStatus, type UnmappedTrackingValue } from '../domain';
import type { PlatformTrackingEvent, TrackingMap } from './tracking.platform';

/** Breaks ties between events stamped with the same instant (date-only stamps, a scan and its outcome in one minute). */
export const TRACKING_RANK: Readonly<Record<TrackingStatus, number>> = {
  unknown: 0,
  pre_transit: 1,
  in_transit: 2,
  delayed: 3,
  exception: 4,
  out_for_delivery: 5,
  delivery_failed: 6,
  available_for_pickup: 7,
  cancelled: 8,
  delivered: 9,
  returned_to_sender: 10,
};

type TerminalStatus = 'delivered' | 'returned_to_sender' | 'cancelled';

/**
 * What a newer event may move a terminal state to. After a delivery only a return is genuine news (refused or sent
 * back after the scan); a transit or out-for-delivery scan stamped later is the carrier's bookkeeping (EasyPost's own
 * tracking-guide webhook shows one). A return stays a return. A cancelled (voided) label that is scanned after all
 * is a parcel on the move, which the warehouse must see.
 */
export const TERMINAL_EXITS: Readonly<Record<TerminalStatus, readonly TrackingStatus[]>> = {
  delivered: ['returned_to_sender'],
  returned_to_sender: [],
  cancelled: ['in_transit', 'delayed', 'exception', 'out_for_delivery', 'delivery_failed', 'available_for_pickup', 'delivered', 'returned_to_sender'],
};

const isTerminal = (s: TrackingStatus): s is TerminalStatus => Object.hasOwn(TERMINAL_EXITS, s);

/** The status after `event`, which is at least as new as everything that made `state`. */
export function nextTrackingStatus(state: TrackingStatus, event: TrackingStatus): TrackingStatus {
  if (event === 'unknown') return state;
  if (isTerminal(state)) return TERMINAL_EXITS[state].includes(event) ? event : state;
  if (event === 'pre_transit' && state !== 'unknown') return state;
  return event;
}

const NO_OFFSET = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/** Milliseconds of an ISO time; a time without an offset (Shippo's test mode sends some) is UTC; unreadable is oldest. */
export function instant(at: string): number {
  const ms = Date.parse(NO_OFFSET.test(at) ? `${at}Z` : at);
  return Number.isNaN(ms) ? -Infinity : ms;
}

const eventKey = (e: TrackingEvent): string => {
  const t = instant(e.at);
  return JSON.stringify([Number.isFinite(t) ? t : e.at, e.platformStatus, e.platformDetail, e.description]);
};

function chronological(a: TrackingEvent, b: TrackingEvent): number {
  const ta = instant(a.at);
  const tb = instant(b.at);
  if (ta !== tb) return ta < tb ? -1 : 1;
  const byRank = TRACKING_RANK[a.status] - TRACKING_RANK[b.status];
  if (byRank !== 0) return byRank;
  const ka = eventKey(a);
  const kb = eventKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

const unmappedKey = (u: UnmappedTrackingValue): string => JSON.stringify([u.platform, u.status, u.detail]);

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  // A repeat replaces the earlier copy: an event read again may carry a better mapping or a location.
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

/** Folds `incoming` (a poll, a webhook, a replay) into what is known of the same shipment. */
export function mergeTracking(current: TrackingReport | null, incoming: TrackingReport): TrackingReport {
  if (current !== null && current.trackingCode !== incoming.trackingCode) {
    throw new StationError('CONFLICT', `tracking of ${incoming.trackingCode} cannot be merged into ${current.trackingCode}`);
  }
  const events = uniqueBy([...(current?.events ?? []), ...incoming.events], eventKey).sort(chronological);
  const fromEvents = events.reduce<TrackingStatus>((state, e) => nextTrackingStatus(state, e.status), 'unknown');
  // Without a known event, the reports' own statuses are all there is (a platform's overall status, say).
  const status = fromEvents !== 'unknown' ? fromEvents : nextTrackingStatus(current?.status ?? 'unknown', incoming.status);
  return {
    carrier: incoming.carrier || (current?.carrier ?? ''),
    trackingCode: incoming.trackingCode,
    status,
    events,
    estimatedDelivery: incoming.estimatedDelivery ?? current?.estimatedDelivery ?? null,
    unmapped: uniqueBy([...(current?.unmapped ?? []), ...incoming.unmapped], unmappedKey),
  };
}

export interface TrackingReportExtras {
  estimatedDelivery?: string | null;
  /** The platform's overall status of the shipment, used when no event says anything known. */
  overall?: { status: string; detail: string | null };
}

/**
 * A report from one platform's raw events and its mapping function. An event with a value the table does not know
 * is kept (as `unknown`, or with its status's meaning for an unknown detail) and the value is listed in `unmapped`.
 */
export function trackingReportFrom(
  platform: string,
  carrier: string,
  trackingCode: string,
  rawEvents: readonly PlatformTrackingEvent[],
  map: TrackingMap,
  extras: TrackingReportExtras = {},
): TrackingReport {
  const unmapped: UnmappedTrackingValue[] = [];
  const canonical = (status: string, detail: string | null): TrackingStatus => {
    const mapping = map(status, detail);
    if (!mapping.known) unmapped.push({ platform, status, detail });
    return mapping.status;
  };
  const events = rawEvents.map((e) => ({
    status: canonical(e.status, e.detail),
    at: e.at,
    platformStatus: e.status,
    platformDetail: e.detail,
    description: e.description,
    location: e.location,
  }));
  const overall = extras.overall ? canonical(extras.overall.status, extras.overall.detail) : 'unknown';
  return mergeTracking(null, { carrier, trackingCode, status: overall, events, estimatedDelivery: extras.estimatedDelivery ?? null, unmapped });
}
