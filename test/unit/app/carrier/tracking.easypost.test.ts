import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EASYPOST_TRACKING, easyPostTrackingReport, fromEasyPost } from '../../../../app/carrier/tracking.easypost';
import type { TrackingStatus } from '../../../../app/domain';
import { EasyPostTrackerSchema } from '../../../../sync/carrier/easypost.schema';
import { readCassette, readDocsResponse } from '../../sync/carrier/cassette.fixture';

// Expected values are written out here, not read from the table, so that a changed row fails a test.
const STATUSES: [string, TrackingStatus][] = [
  ['unknown', 'unknown'],
  ['pre_transit', 'pre_transit'],
  ['in_transit', 'in_transit'],
  ['out_for_delivery', 'out_for_delivery'],
  ['delivered', 'delivered'],
  ['available_for_pickup', 'available_for_pickup'],
  ['return_to_sender', 'returned_to_sender'],
  ['failure', 'delivery_failed'],
  ['cancelled', 'cancelled'],
  ['error', 'unknown'],
];

// Every documented detail under in_transit, the status most details refine.
const IN_TRANSIT: [string, TrackingStatus][] = [
  ['address_correction', 'in_transit'],
  ['arrived_at_destination', 'in_transit'],
  ['arrived_at_facility', 'in_transit'],
  ['arrived_at_pickup_location', 'in_transit'],
  ['awaiting_information', 'exception'],
  ['cancelled', 'in_transit'],
  ['damaged', 'exception'],
  ['delayed', 'delayed'],
  ['delivery_exception', 'delivery_failed'],
  ['departed_facility', 'in_transit'],
  ['departed_origin_facility', 'in_transit'],
  ['expired', 'exception'],
  ['failure', 'delivery_failed'],
  ['held', 'exception'],
  ['in_transit', 'in_transit'],
  ['label_created', 'in_transit'],
  ['lost', 'exception'],
  ['missorted', 'delayed'],
  ['out_for_delivery', 'out_for_delivery'],
  ['received_at_destination_facility', 'in_transit'],
  ['received_at_origin_facility', 'in_transit'],
  ['refused', 'delivery_failed'],
  ['return', 'returned_to_sender'],
  ['status_update', 'in_transit'],
  ['transferred_to_destination_carrier', 'in_transit'],
  ['transit_exception', 'exception'],
  ['unknown', 'in_transit'],
  ['weather_delay', 'delayed'],
];

// The refinements of the other statuses, plus neighbours that must keep the status's meaning.
const OTHER_PAIRS: [string, string, TrackingStatus][] = [
  ['out_for_delivery', 'delayed', 'delayed'],
  ['out_for_delivery', 'weather_delay', 'delayed'],
  ['out_for_delivery', 'delivery_exception', 'delivery_failed'],
  ['out_for_delivery', 'failure', 'delivery_failed'],
  ['out_for_delivery', 'refused', 'delivery_failed'],
  ['out_for_delivery', 'damaged', 'exception'],
  ['out_for_delivery', 'lost', 'exception'],
  ['out_for_delivery', 'arrived_at_destination', 'out_for_delivery'],
  ['pre_transit', 'cancelled', 'cancelled'],
  ['pre_transit', 'expired', 'exception'],
  ['pre_transit', 'label_created', 'pre_transit'],
  ['failure', 'damaged', 'exception'],
  ['failure', 'lost', 'exception'],
  ['failure', 'held', 'exception'],
  ['failure', 'transit_exception', 'exception'],
  ['failure', 'return', 'returned_to_sender'],
  ['failure', 'cancelled', 'cancelled'],
  ['failure', 'address_correction', 'delivery_failed'],
  ['failure', 'refused', 'delivery_failed'],
  ['failure', 'delayed', 'delivery_failed'],
  ['available_for_pickup', 'held', 'available_for_pickup'],
  ['error', 'unknown', 'unknown'],
];

describe('fromEasyPost', () => {
  it.each(STATUSES)('status %s → %s', (status, expected) => {
    expect(fromEasyPost(status, null)).toEqual({ status: expected, known: true });
  });

  it.each(IN_TRANSIT)('in_transit + %s → %s', (detail, expected) => {
    expect(fromEasyPost('in_transit', detail)).toEqual({ status: expected, known: true });
  });

  it.each(OTHER_PAIRS)('%s + %s → %s', (status, detail, expected) => {
    expect(fromEasyPost(status, detail)).toEqual({ status: expected, known: true });
  });

  it.each(['delivered', 'return_to_sender', 'cancelled'])('%s is the fact whatever the detail', (status) => {
    const expected = fromEasyPost(status, null).status;
    for (const detail of EASYPOST_TRACKING.details) expect(fromEasyPost(status, detail)).toEqual({ status: expected, known: true });
  });

  it('the expectations above cover every status, detail and refinement of the table', () => {
    expect(STATUSES.map(([s]) => s).sort()).toEqual(Object.keys(EASYPOST_TRACKING.statuses).sort());
    expect(IN_TRANSIT.map(([d]) => d).sort()).toEqual([...EASYPOST_TRACKING.details].sort());
    const tested = new Set([...IN_TRANSIT.map(([d]) => `in_transit/${d}`), ...OTHER_PAIRS.map(([s, d]) => `${s}/${d}`)]);
    for (const r of EASYPOST_TRACKING.refinements) {
      expect(tested, `${r.status}/${r.detail}`).toContain(`${r.status}/${r.detail}`);
      expect(Object.keys(EASYPOST_TRACKING.statuses)).toContain(r.status);
      expect(EASYPOST_TRACKING.details).toContain(r.detail);
    }
  });

  it('an unknown status maps to unknown and is reported, whatever the detail', () => {
    expect(fromEasyPost('in_customs', null)).toEqual({ status: 'unknown', known: false });
    expect(fromEasyPost('in_customs', 'held')).toEqual({ status: 'unknown', known: false });
    expect(fromEasyPost('IN_TRANSIT', null)).toEqual({ status: 'unknown', known: false });
    expect(fromEasyPost('constructor', null)).toEqual({ status: 'unknown', known: false });
  });

  it('an unknown detail keeps its status meaning and is reported', () => {
    expect(fromEasyPost('in_transit', 'customs_hold')).toEqual({ status: 'in_transit', known: false });
    expect(fromEasyPost('delivered', 'left_with_neighbour')).toEqual({ status: 'delivered', known: false });
    expect(fromEasyPost('failure', 'toString')).toEqual({ status: 'delivery_failed', known: false });
  });
});

describe('EasyPost trackers as recorded and documented, read with the client\'s own schema', () => {
  const WebhookSchema = z.object({ description: z.string(), result: EasyPostTrackerSchema });

  it('the recorded POST /trackers reply (USPS test tracker) is pre-transit, labelled in Houston', () => {
    const [created] = readCassette('test_tracker_create.yaml');
    const report = easyPostTrackingReport(EasyPostTrackerSchema.parse(created?.body));
    expect(report).toMatchObject({ carrier: 'USPS', trackingCode: 'EZ1000000001', status: 'pre_transit', estimatedDelivery: '2025-03-06T19:48:26Z', unmapped: [] });
    expect(report.events.map((e) => [e.at, e.status, e.platformDetail, e.description, e.location])).toEqual([
      ['2025-02-06T19:48:26Z', 'pre_transit', 'status_update', 'Pre-Shipment Info Sent to USPS', null],
      ['2025-02-07T08:25:26Z', 'pre_transit', 'status_update', 'Shipping Label Created', 'HOUSTON, TX 77063'],
    ]);
  });

  it('a production tracker.updated webhook (FedEx) is in transit at its last facility', () => {
    const event = WebhookSchema.parse(readDocsResponse('fixtures/event-body.json'));
    expect(event.description).toBe('tracker.updated');
    const report = easyPostTrackingReport(event.result);
    expect(report).toMatchObject({ carrier: 'FedEx', status: 'in_transit', estimatedDelivery: '2024-08-05T00:00:00Z', unmapped: [] });
    expect(report.events).toHaveLength(7);
    expect(report.events[0]).toMatchObject({ status: 'pre_transit', platformDetail: 'label_created', location: '32837, US' });
    expect(report.events.at(-1)).toMatchObject({ status: 'in_transit', description: 'Arrived at FedEx location', location: 'EDISON, NJ 08817, US' });
  });

  it('the tracking guide webhook stays delivered although its transit scans are stamped after the delivery', () => {
    const report = easyPostTrackingReport(WebhookSchema.parse(readDocsResponse('guides/tracking-webhook.json')).result);
    expect(report.status).toBe('delivered');
    expect(report.events.map((e) => e.status)).toEqual(['delivered', 'pre_transit', 'in_transit', 'in_transit', 'in_transit', 'out_for_delivery']);
    expect(report.events.every((e) => e.platformDetail === null)).toBe(true);
    expect(report.unmapped).toEqual([]);
  });

  it('a tracker without scans takes its overall status, and an unknown one is reported', () => {
    const refunded = easyPostTrackingReport({ tracking_code: 'EZ9', carrier: null, status: 'cancelled', status_detail: 'cancelled', tracking_details: [] }, 'USPS');
    expect(refunded).toMatchObject({ carrier: 'USPS', status: 'cancelled', events: [], unmapped: [] });
    const odd = easyPostTrackingReport({ tracking_code: 'EZ9', status: 'in_customs', status_detail: null });
    expect(odd).toMatchObject({ carrier: '', status: 'unknown', unmapped: [{ platform: 'easypost', status: 'in_customs', detail: null }] });
  });
});
