import { beforeEach, describe, expect, it } from 'vitest';
import { PERSONAL_MASK } from '../../../app/recon/personal-data';
import { readEasyPostWebhook } from '../../../sync/recon/easypost-webhook';
import { TrackingIngestService, type TrackingUpdate } from '../../../sync/recon/tracking-ingest.service';
import { easyPostEvent, trackerAsOf } from '../../../sync/sim/carrier/carrier-webhooks.sim';
import { wireTracker } from '../../../sync/sim/carrier/carrier-tracker.sim';
import { FakeAudit, FakeExceptionStore, FakeNoticeQueue, FakeTrackingStore } from './tracking-fakes';

const CODE = 'EZ6000000006';
// EZ6: label data, label created, arrived, departed, at destination, out for delivery, delivery attempt failed.
const tracker = wireTracker(CODE, 'USPS', 'shp_6', '2026-03-02T12:00:00Z');

function update(scans: number, patch: Record<string, unknown> = {}): TrackingUpdate {
  const reading = readEasyPostWebhook(easyPostEvent({ ...trackerAsOf(tracker, scans), ...patch }));
  if (reading.kind !== 'tracking') throw new Error(`not tracking: ${JSON.stringify(reading)}`);
  return reading.update;
}

describe('TrackingIngestService', () => {
  let tracking: FakeTrackingStore;
  let notices: FakeNoticeQueue;
  let exceptions: FakeExceptionStore;
  let audit: FakeAudit;
  let now: number;
  let service: TrackingIngestService;

  beforeEach(async () => {
    tracking = new FakeTrackingStore();
    notices = new FakeNoticeQueue();
    exceptions = new FakeExceptionStore();
    audit = new FakeAudit();
    now = 1_000;
    service = new TrackingIngestService({ tracking, odooNotices: notices, exceptions, shipmentAudit: audit, clock: { now: () => now } });
    await tracking.register({ trackingCode: CODE, carrier: 'USPS', platform: 'easypost', shipmentId: 'shp_6', stationId: 'bench-1', pickingId: 12, pickingName: 'WH/OUT/00012', labelAt: 500 });
  });

  it('a change is queued for Odoo and written in the trail; a transit change opens no exception', async () => {
    const result = await service.ingest(update(4), 'webhook');
    expect(result).toEqual({ trackingCode: CODE, before: 'unknown', after: 'in_transit', changed: true, newEvents: 4, odooNotice: true, exceptionId: null });
    expect(notices.notices).toEqual([
      expect.objectContaining({ pickingId: 12, pickingName: 'WH/OUT/00012', trackingCode: CODE, carrier: 'USPS', before: 'unknown', after: 'in_transit', description: 'Departed USPS Regional Facility', location: 'HOUSTON, TX 77201' }),
    ]);
    expect(notices.notices[0]?.at).toBe(Date.parse(String((tracker.tracking_details as { datetime: string }[])[3]?.datetime)));
    expect(exceptions.raised).toEqual([]);
    expect(audit.entries).toEqual([
      expect.objectContaining({ at: 1_000, trackingCode: CODE, shipmentId: 'shp_6', pickingId: 12, system: 'easypost', actor: 'platform', kind: 'status', summary: 'unknown → in_transit (webhook): Departed USPS Regional Facility' }),
    ]);
  });

  it('the same event twice is one change: the duplicate stores its raw event and does nothing else', async () => {
    await service.ingest(update(4), 'webhook');
    const again = await service.ingest(update(4), 'webhook');
    expect(again).toMatchObject({ before: 'in_transit', after: 'in_transit', changed: false, newEvents: 0 });
    expect(notices.notices).toHaveLength(1);
    expect(audit.entries).toHaveLength(1);
    expect(tracking.raw).toHaveLength(2);
  });

  it("a webhook sent again after the hub failed to write what follows a change writes it then, once", async () => {
    const enqueue = notices.enqueue.bind(notices);
    notices.enqueue = async () => {
      throw new Error('database went away');
    };
    await expect(service.ingest(update(7), 'webhook')).rejects.toThrow('database went away');
    expect(notices.notices).toHaveLength(0);
    notices.enqueue = enqueue;
    const resent = await service.ingest(update(7), 'webhook');
    expect(resent).toMatchObject({ changed: false, newEvents: 0, after: 'delivery_failed', odooNotice: true });
    expect(resent.exceptionId).not.toBeNull();
    expect(exceptions.raised.map((r) => r.finding.kind)).toEqual(['delivery_failed']);
    expect(notices.notices.map((n) => n.after)).toEqual(['delivery_failed']);
    // A poll that hears nothing new does not re-raise (the history would fill with every poll).
    await service.ingest(update(7), 'poll');
    expect(exceptions.raised).toHaveLength(1);
  });

  it('a failed delivery opens an exception and queues one notice; late older scans move nothing back', async () => {
    const details = tracker.tracking_details as Record<string, unknown>[];
    const scans = (...indexes: number[]) => update(0, { tracking_details: indexes.map((i) => details[i]) });
    await service.ingest(scans(0, 1), 'webhook');
    now = 2_000;
    const failed = await service.ingest(scans(0, 1, 6), 'webhook');
    expect(failed).toMatchObject({ before: 'pre_transit', after: 'delivery_failed', changed: true, odooNotice: true, exceptionId: 1 });
    expect(exceptions.raised).toEqual([{ finding: expect.objectContaining({ key: `delivery_failed:${CODE}`, kind: 'delivery_failed', pickingId: 12, stationId: 'bench-1' }), by: 'hub', now: 2_000 }]);

    // The transit scans before the failed attempt arrive after it: kept, but the status stays.
    const late = await service.ingest(scans(2, 3, 4, 5), 'webhook');
    expect(late).toMatchObject({ before: 'delivery_failed', after: 'delivery_failed', changed: false, newEvents: 4 });
    const replay = await service.ingest(scans(0, 1, 6), 'poll');
    expect(replay).toMatchObject({ changed: false, newEvents: 0 });
    expect(notices.notices.map((n) => n.after)).toEqual(['pre_transit', 'delivery_failed']);
    expect(exceptions.raised).toHaveLength(1);
    expect(audit.entries.map((e) => e.summary)).toEqual([
      'unknown → pre_transit (webhook): Shipping Label Created',
      'pre_transit → delivery_failed (webhook): Delivery Attempted - No Access to Delivery Location',
    ]);
  });

  it('a shipment without a picking is not queued for Odoo; an unknown code first heard with nothing known is no change', async () => {
    const other = { ...update(4), report: { ...update(4).report, trackingCode: 'EZ2000000002' } };
    expect(await service.ingest(other, 'poll')).toMatchObject({ before: null, after: 'in_transit', changed: true, odooNotice: false });
    expect(notices.notices).toEqual([]);
    expect(audit.entries[0]?.summary).toBe('new → in_transit (poll): Departed USPS Regional Facility');
    const blank = { ...other, report: { ...other.report, trackingCode: 'EZ7000000007', events: [], status: 'unknown' as const } };
    expect(await service.ingest(blank, 'poll')).toMatchObject({ before: null, after: 'unknown', changed: false });
  });

  it('personal data is masked in the raw event kept and in the carrier words stored', async () => {
    const details = (tracker.tracking_details as Record<string, unknown>[]).slice(0, 4);
    const last = { ...details[3], message: 'Left with: ANN LEE, call 555-123-4567' };
    await service.ingest(update(4, { tracking_details: [...details.slice(0, 3), last], signed_by: 'Ann Lee' }), 'webhook');
    const raw = tracking.raw[0]?.raw as { result: { signed_by: string; tracking_details: { message: string }[] } };
    expect(raw.result.signed_by).toBe(PERSONAL_MASK);
    expect(raw.result.tracking_details[3]?.message).toBe(`Left with: ${PERSONAL_MASK}, call ${PERSONAL_MASK}`);
    expect(tracking.shipments.get(CODE)?.report.events.at(-1)?.description).toBe(`Left with: ${PERSONAL_MASK}, call ${PERSONAL_MASK}`);
    expect(notices.notices[0]?.description).toBe(`Left with: ${PERSONAL_MASK}, call ${PERSONAL_MASK}`);
  });
});
