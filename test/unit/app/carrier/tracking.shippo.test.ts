import { describe, expect, it } from 'vitest';
import { SHIPPO_TRACKING, fromShippo, shippoTrackingReport } from '../../../../app/carrier/tracking.shippo';
import type { TrackingStatus } from '../../../../app/domain';

const STATUSES: [string, TrackingStatus][] = [
  ['UNKNOWN', 'unknown'],
  ['PRE_TRANSIT', 'pre_transit'],
  ['TRANSIT', 'in_transit'],
  ['DELIVERED', 'delivered'],
  ['RETURNED', 'returned_to_sender'],
  ['FAILURE', 'delivery_failed'],
];

// Every substatus code under the status Shippo's Event Definitions list it with.
const SUBSTATUSES: [string, string, TrackingStatus][] = [
  ['PRE_TRANSIT', 'information_received', 'pre_transit'],
  ['TRANSIT', 'address_issue', 'delivery_failed'],
  ['TRANSIT', 'contact_carrier', 'exception'],
  ['TRANSIT', 'delayed', 'delayed'],
  ['TRANSIT', 'delivery_attempted', 'delivery_failed'],
  ['TRANSIT', 'delivery_rescheduled', 'delayed'],
  ['TRANSIT', 'delivery_scheduled', 'in_transit'],
  ['TRANSIT', 'location_inaccessible', 'delivery_failed'],
  ['TRANSIT', 'notice_left', 'delivery_failed'],
  ['TRANSIT', 'out_for_delivery', 'out_for_delivery'],
  ['TRANSIT', 'package_accepted', 'in_transit'],
  ['TRANSIT', 'package_arrived', 'in_transit'],
  ['TRANSIT', 'package_damaged', 'exception'],
  ['TRANSIT', 'package_departed', 'in_transit'],
  ['TRANSIT', 'package_forwarded', 'in_transit'],
  ['TRANSIT', 'package_held', 'exception'],
  ['TRANSIT', 'package_processed', 'in_transit'],
  ['TRANSIT', 'package_processing', 'in_transit'],
  ['TRANSIT', 'pickup_available', 'available_for_pickup'],
  ['TRANSIT', 'reschedule_delivery', 'delivery_failed'],
  ['DELIVERED', 'delivered', 'delivered'],
  ['RETURNED', 'return_to_sender', 'returned_to_sender'],
  ['RETURNED', 'package_unclaimed', 'returned_to_sender'],
  ['FAILURE', 'package_undeliverable', 'delivery_failed'],
  ['FAILURE', 'package_disposed', 'exception'],
  ['FAILURE', 'package_lost', 'exception'],
  ['UNKNOWN', 'other', 'unknown'],
];

describe('fromShippo', () => {
  it.each(STATUSES)('status %s → %s', (status, expected) => {
    expect(fromShippo(status, null)).toEqual({ status: expected, known: true });
  });

  it.each(SUBSTATUSES)('%s + %s → %s', (status, code, expected) => {
    expect(fromShippo(status, code)).toEqual({ status: expected, known: true });
  });

  it('a known code under another status keeps that status meaning', () => {
    expect(fromShippo('FAILURE', 'delivery_attempted')).toEqual({ status: 'delivery_failed', known: true });
    expect(fromShippo('DELIVERED', 'package_damaged')).toEqual({ status: 'delivered', known: true });
    expect(fromShippo('PRE_TRANSIT', 'delayed')).toEqual({ status: 'pre_transit', known: true });
  });

  it('the expectations above cover every status, code and refinement of the table', () => {
    expect(STATUSES.map(([s]) => s).sort()).toEqual(Object.keys(SHIPPO_TRACKING.statuses).sort());
    expect(SUBSTATUSES.map(([, c]) => c).sort()).toEqual([...SHIPPO_TRACKING.details].sort());
    const tested = new Set(SUBSTATUSES.map(([s, c]) => `${s}/${c}`));
    for (const r of SHIPPO_TRACKING.refinements) expect(tested, `${r.status}/${r.detail}`).toContain(`${r.status}/${r.detail}`);
  });

  it('unknown values map to unknown (status) or keep the status meaning (code), and are reported', () => {
    expect(fromShippo('CANCELED', null)).toEqual({ status: 'unknown', known: false });
    expect(fromShippo('transit', null)).toEqual({ status: 'unknown', known: false });
    expect(fromShippo('TRANSIT', 'in_customs')).toEqual({ status: 'in_transit', known: false });
    expect(fromShippo('TRANSIT', 'delivery_scheduled ')).toEqual({ status: 'in_transit', known: false });
  });
});

describe('shippoTrackingReport', () => {
  const place = { city: 'Las Vegas', state: 'NV', zip: '89101', country: 'US' };
  const event = (status: string, code: string | null, at: string | null, details: string) => ({
    object_created: '2016-07-23T20:35:26.129Z',
    status,
    substatus: code === null ? null : { code },
    status_date: at,
    status_details: details,
    location: place,
  });

  it('history and current status become one report; the current status, repeated in the history, counts once', () => {
    const delivered = event('DELIVERED', 'delivered', '2016-07-23T13:03:00Z', 'Your shipment has been delivered at the destination mailbox.');
    const report = shippoTrackingReport({
      carrier: 'usps',
      tracking_number: '9205590164917312751089',
      eta: '2016-07-23T00:00:00Z',
      tracking_status: delivered,
      tracking_history: [event('TRANSIT', 'package_accepted', '2016-07-21T15:33:00Z', 'Your shipment has been accepted.'), delivered],
    });
    expect(report).toMatchObject({ carrier: 'usps', status: 'delivered', estimatedDelivery: '2016-07-23T00:00:00Z', unmapped: [] });
    expect(report.events.map((e) => [e.status, e.platformStatus, e.platformDetail, e.location])).toEqual([
      ['in_transit', 'TRANSIT', 'package_accepted', 'Las Vegas, NV 89101, US'],
      ['delivered', 'DELIVERED', 'delivered', 'Las Vegas, NV 89101, US'],
    ]);
  });

  it('test-mode events (substatus null, times without an offset, no status_date) are read as UTC and kept', () => {
    const report = shippoTrackingReport({
      carrier: 'shippo',
      tracking_number: 'SHIPPO_TRANSIT',
      tracking_status: event('TRANSIT', null, '2018-07-29T16:44:42.586', 'Your shipment has departed from the origin.'),
      tracking_history: [
        { ...event('UNKNOWN', null, null, 'The carrier has received the electronic shipment information.'), object_created: '2018-07-28T14:39:42.589' },
        event('TRANSIT', null, '2018-07-29T16:44:42.589', 'Your shipment has departed from the origin.'),
      ],
    });
    expect(report.status).toBe('in_transit');
    expect(report.events.map((e) => [e.at, e.status])).toEqual([
      ['2018-07-28T14:39:42.589', 'unknown'],
      ['2018-07-29T16:44:42.586', 'in_transit'],
      ['2018-07-29T16:44:42.589', 'in_transit'],
    ]);
    expect(report.estimatedDelivery).toBeNull();
  });

  it('an event without details is described by its substatus text', () => {
    const report = shippoTrackingReport({
      carrier: 'usps',
      tracking_number: '2',
      tracking_status: { status: 'TRANSIT', substatus: { code: 'package_held', text: 'Package held at carrier location.' }, status_date: '2024-05-01T10:00:00Z', status_details: null },
    });
    expect(report.events).toEqual([
      { status: 'exception', at: '2024-05-01T10:00:00Z', platformStatus: 'TRANSIT', platformDetail: 'package_held', description: 'Package held at carrier location.', location: null },
    ]);
    expect(report.status).toBe('exception');
  });

  it('an event with an unknown status is kept as unknown and its value reported once', () => {
    const report = shippoTrackingReport({
      carrier: 'usps',
      tracking_number: '1',
      tracking_history: [
        event('TRANSIT', 'package_arrived', '2024-05-01T10:00:00Z', 'Arrived'),
        event('CANCELED', null, '2024-05-02T10:00:00Z', 'Cancelled'),
        event('CANCELED', null, '2024-05-03T10:00:00Z', 'Cancelled again'),
      ],
    });
    expect(report.status).toBe('in_transit');
    expect(report.events.map((e) => [e.status, e.platformStatus])).toEqual([['in_transit', 'TRANSIT'], ['unknown', 'CANCELED'], ['unknown', 'CANCELED']]);
    expect(report.unmapped).toEqual([{ platform: 'shippo', status: 'CANCELED', detail: null }]);
  });
});
