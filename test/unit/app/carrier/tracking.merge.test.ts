import { describe, expect, it } from 'vitest';
import { fromEasyPost } from '../../../../app/carrier/tracking.easypost';
import { TERMINAL_EXITS, TRACKING_RANK, mergeTracking, nextTrackingStatus, trackingReportFrom } from '../../../../app/carrier/tracking.merge';
import { StationError, TrackingReportSchema, TrackingStatusSchema, type TrackingEvent, type TrackingReport, type TrackingStatus } from '../../../../app/domain';

const ev = (at: string, status: TrackingStatus, description: string = status, platformStatus: string = status): TrackingEvent => ({
  status,
  at,
  platformStatus,
  platformDetail: null,
  description,
  location: null,
});

const report = (events: TrackingEvent[], extra: Partial<TrackingReport> = {}): TrackingReport => ({
  carrier: 'USPS',
  trackingCode: 'EZ1',
  status: 'unknown',
  events,
  estimatedDelivery: null,
  unmapped: [],
  ...extra,
});

/** Delivers `events` one webhook at a time, in the given order. */
const arrive = (events: TrackingEvent[]): TrackingReport =>
  events.reduce<TrackingReport | null>((known, e) => mergeTracking(known, report([e])), null) ?? report([]);

const labelled = ev('2024-05-01T08:00:00Z', 'pre_transit', 'Shipping Label Created');
const accepted = ev('2024-05-01T17:00:00Z', 'in_transit', 'Accepted at USPS Origin Facility');
const arrived = ev('2024-05-02T03:00:00Z', 'in_transit', 'Arrived at USPS Regional Facility');
const outForDelivery = ev('2024-05-03T07:30:00Z', 'out_for_delivery', 'Out for Delivery');
const delivered = ev('2024-05-03T14:02:00Z', 'delivered', 'Delivered, In/At Mailbox');

describe('mergeTracking', () => {
  it('the same event twice, from a replayed webhook or written with another precision, is kept once', () => {
    const once = arrive([labelled, accepted]);
    const again = mergeTracking(once, report([accepted, { ...accepted, at: '2024-05-01T17:00:00.000Z', location: 'HOUSTON, TX 77063' }]));
    expect(again.events).toHaveLength(2);
    expect(again.events[1]).toMatchObject({ at: '2024-05-01T17:00:00.000Z', location: 'HOUSTON, TX 77063' });
    expect(again.status).toBe('in_transit');
  });

  it('events arriving newest first are sorted oldest first and the newest decides', () => {
    const merged = arrive([outForDelivery, arrived, accepted, labelled]);
    expect(merged.events.map((e) => e.description)).toEqual([labelled, accepted, arrived, outForDelivery].map((e) => e.description));
    expect(merged.status).toBe('out_for_delivery');
  });

  it('an in-transit scan older than the delivery, arriving after it, does not move the shipment back', () => {
    const merged = arrive([labelled, delivered, arrived]);
    expect(merged.status).toBe('delivered');
    expect(merged.events.map((e) => e.status)).toEqual(['pre_transit', 'in_transit', 'delivered']);
  });

  it('a transit scan stamped after the delivery is kept but leaves the shipment delivered', () => {
    const merged = arrive([delivered, ev('2024-05-04T02:00:00Z', 'in_transit', 'In Transit to Next Facility')]);
    expect(merged.status).toBe('delivered');
    expect(merged.events.at(-1)?.status).toBe('in_transit');
  });

  it('a return after the delivery is honoured, and stays whatever arrives later', () => {
    const returned = ev('2024-05-06T10:00:00Z', 'returned_to_sender', 'Refused, Returned to Sender');
    expect(arrive([delivered, returned]).status).toBe('returned_to_sender');
    expect(arrive([returned, delivered, outForDelivery]).status).toBe('returned_to_sender');
    expect(arrive([returned, ev('2024-05-09T10:00:00Z', 'delivered', 'Delivered to Sender')]).status).toBe('returned_to_sender');
  });

  it('a voided label that is scanned after all is on the move; label data sent again is not', () => {
    const voided = ev('2024-05-01T09:00:00Z', 'cancelled');
    expect(arrive([labelled, voided, ev('2024-05-01T10:00:00Z', 'pre_transit', 'Label data resent')]).status).toBe('cancelled');
    expect(arrive([labelled, voided, accepted]).status).toBe('in_transit');
  });

  it('once the carrier has the parcel, a newer pre-transit event does not take it back; other later news does', () => {
    expect(arrive([accepted, ev('2024-05-01T18:00:00Z', 'pre_transit', 'Shipping Label Created')]).status).toBe('in_transit');
    expect(arrive([outForDelivery, ev('2024-05-03T19:00:00Z', 'in_transit', 'Returned to depot')]).status).toBe('in_transit');
    expect(arrive([arrived, ev('2024-05-02T09:00:00Z', 'delayed', 'Weather delay')]).status).toBe('delayed');
  });

  it('events at the same instant go to the later stage, whatever their arrival order', () => {
    const sameMinute = [ev('2024-05-03T00:00:00Z', 'out_for_delivery'), ev('2024-05-03T00:00:00Z', 'delivered'), ev('2024-05-03T00:00:00Z', 'in_transit')];
    for (const order of [[0, 1, 2], [2, 1, 0], [1, 0, 2]]) {
      const merged = arrive(order.map((i) => sameMinute[i] as TrackingEvent));
      expect(merged.status).toBe('delivered');
      expect(merged.events.map((e) => e.status)).toEqual(['in_transit', 'out_for_delivery', 'delivered']);
    }
  });

  it('the result does not depend on the arrival order (all 120 orders of five scans)', () => {
    const scans = [labelled, accepted, arrived, outForDelivery, delivered];
    const expected = arrive(scans);
    const orders = (items: TrackingEvent[]): TrackingEvent[][] =>
      items.length <= 1 ? [items] : items.flatMap((first, i) => orders(items.filter((_, j) => j !== i)).map((rest) => [first, ...rest]));
    const all = orders(scans);
    expect(all).toHaveLength(120);
    for (const order of all) expect(arrive(order)).toEqual(expected);
  });

  it('an unknown event never replaces a known status, and unmapped values accumulate without repeats', () => {
    const odd = { ...ev('2024-05-02T05:00:00Z', 'unknown', 'Held in customs'), platformStatus: 'in_customs' };
    const first = mergeTracking(arrive([accepted]), report([odd], { unmapped: [{ platform: 'easypost', status: 'in_customs', detail: null }] }));
    const second = mergeTracking(first, report([arrived], { unmapped: [{ platform: 'easypost', status: 'in_customs', detail: null }, { platform: 'easypost', status: 'in_transit', detail: 'x' }] }));
    expect(first.status).toBe('in_transit');
    expect(second.status).toBe('in_transit');
    expect(second.events.map((e) => e.platformStatus)).toEqual(['in_transit', 'in_transit', 'in_customs']);
    expect(second.unmapped).toEqual([
      { platform: 'easypost', status: 'in_customs', detail: null },
      { platform: 'easypost', status: 'in_transit', detail: 'x' },
    ]);
  });

  it('without known events, the reports own statuses decide, never backwards', () => {
    expect(mergeTracking(report([], { status: 'delivered' }), report([], { status: 'in_transit' })).status).toBe('delivered');
    expect(mergeTracking(report([], { status: 'in_transit' }), report([ev('2024-05-01T00:00:00Z', 'unknown')])).status).toBe('in_transit');
    expect(mergeTracking(null, report([])).status).toBe('unknown');
  });

  it('keeps the newest estimate, and an unreadable time sorts first', () => {
    const merged = mergeTracking(report([accepted], { estimatedDelivery: '2024-05-04' }), report([ev('sometime', 'in_transit', 'Garbled')], { estimatedDelivery: null }));
    expect(merged.estimatedDelivery).toBe('2024-05-04');
    expect(merged.events.map((e) => e.description)).toEqual(['Garbled', accepted.description]);
    expect(merged.status).toBe('in_transit');
    expect(mergeTracking(merged, report([], { estimatedDelivery: '2024-05-05' })).estimatedDelivery).toBe('2024-05-05');
  });

  it('refuses to merge another shipment', () => {
    const other = () => mergeTracking(report([], { trackingCode: 'A' }), report([], { trackingCode: 'B' }));
    expect(other).toThrow(StationError);
    expect(other).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });
});

describe('the rank and terminal tables', () => {
  it('rank every canonical status, in the order of a parcel life, terminal states last', () => {
    expect(Object.keys(TRACKING_RANK).sort()).toEqual([...TrackingStatusSchema.options].sort());
    expect(new Set(Object.values(TRACKING_RANK)).size).toBe(TrackingStatusSchema.options.length);
    const terminal = Object.keys(TERMINAL_EXITS) as TrackingStatus[];
    const lowestTerminal = Math.min(...terminal.map((s) => TRACKING_RANK[s]));
    for (const s of TrackingStatusSchema.options) if (!terminal.includes(s)) expect(TRACKING_RANK[s]).toBeLessThan(lowestTerminal);
  });

  it.each([
    ['delivered', 'returned_to_sender', 'returned_to_sender'],
    ['delivered', 'in_transit', 'delivered'],
    ['delivered', 'delivery_failed', 'delivered'],
    ['returned_to_sender', 'delivered', 'returned_to_sender'],
    ['cancelled', 'in_transit', 'in_transit'],
    ['cancelled', 'delivered', 'delivered'],
    ['cancelled', 'pre_transit', 'cancelled'],
    ['in_transit', 'pre_transit', 'in_transit'],
    ['pre_transit', 'cancelled', 'cancelled'],
    ['unknown', 'pre_transit', 'pre_transit'],
    ['exception', 'in_transit', 'in_transit'],
    ['delivered', 'unknown', 'delivered'],
  ] satisfies [TrackingStatus, TrackingStatus, TrackingStatus][])('%s then newer %s → %s', (state, event, expected) => {
    expect(nextTrackingStatus(state, event)).toBe(expected);
  });
});

describe('trackingReportFrom', () => {
  it('maps every event, keeps unknown ones with their platform values, and lists each unknown value once', () => {
    const raw = [
      { at: '2024-05-02T10:00:00Z', status: 'in_transit', detail: 'arrived_at_facility', description: 'Arrived', location: 'MEMPHIS, TN' },
      { at: '2024-05-01T10:00:00Z', status: 'pre_transit', detail: 'label_created', description: 'Label', location: null },
      { at: '2024-05-03T10:00:00Z', status: 'in_customs', detail: null, description: 'Customs', location: null },
      { at: '2024-05-04T10:00:00Z', status: 'in_transit', detail: 'customs_hold', description: 'Held', location: null },
      { at: '2024-05-05T10:00:00Z', status: 'in_customs', detail: null, description: 'Customs again', location: null },
    ];
    const built = trackingReportFrom('easypost', 'FedEx', '7700', raw, fromEasyPost, { estimatedDelivery: '2024-05-06T00:00:00Z' });
    expect(TrackingReportSchema.parse(built)).toEqual(built);
    expect(built.status).toBe('in_transit');
    expect(built.events.map((e) => [e.status, e.platformStatus, e.platformDetail])).toEqual([
      ['pre_transit', 'pre_transit', 'label_created'],
      ['in_transit', 'in_transit', 'arrived_at_facility'],
      ['unknown', 'in_customs', null],
      ['in_transit', 'in_transit', 'customs_hold'],
      ['unknown', 'in_customs', null],
    ]);
    expect(built.unmapped).toEqual([
      { platform: 'easypost', status: 'in_customs', detail: null },
      { platform: 'easypost', status: 'in_transit', detail: 'customs_hold' },
    ]);
    expect(built).toMatchObject({ carrier: 'FedEx', trackingCode: '7700', estimatedDelivery: '2024-05-06T00:00:00Z' });
  });
});
