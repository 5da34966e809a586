import { describe, expect, it } from 'vitest';
import type { TrackingReport } from '../../../app/domain/tracking.schema';
import type { OdooTrackingNotifier, TrackingChange, TrackingPoller } from '../../../app/recon/recon.ports';
import { runOdooNotify } from '../../../sync/recon/odoo-notify.job';
import { TrackingIngestService } from '../../../sync/recon/tracking-ingest.service';
import { runTrackingPoll } from '../../../sync/recon/tracking-poll.job';
import { FakeAudit, FakeExceptionStore, FakeNoticeQueue, FakeTrackingStore } from './tracking-fakes';

const HOUR = 3_600_000;
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const moving = (code: string): TrackingReport => ({
  carrier: 'USPS',
  trackingCode: code,
  status: 'in_transit',
  events: [{ status: 'in_transit', at: '2026-03-01T08:00:00Z', platformStatus: 'in_transit', platformDetail: null, description: 'Departed', location: null }],
  estimatedDelivery: null,
  unmapped: [],
});

function world(now: { t: number }) {
  const tracking = new FakeTrackingStore();
  const notices = new FakeNoticeQueue();
  const ingest = new TrackingIngestService({ tracking, odooNotices: notices, exceptions: new FakeExceptionStore(), shipmentAudit: new FakeAudit(), clock: { now: () => now.t } });
  return { tracking, notices, ingest };
}

const label = (code: string, platform: 'easypost' | 'shippo', labelAt: number) => ({ trackingCode: code, carrier: 'USPS', platform, shipmentId: null, stationId: 's1', pickingId: 7, pickingName: 'WH/OUT/00007', labelAt });

describe('runTrackingPoll', () => {
  it('asks only quiet shipments, counts and logs a failure and goes on, skips a platform without a poller', async () => {
    const now = { t: 100 * HOUR };
    const { tracking, ingest } = world(now);
    for (const code of ['EZQUIET1', 'EZFAILS2', 'EZQUIET3']) await tracking.register(label(code, 'easypost', 10 * HOUR));
    await tracking.register(label('SHIPPO_QUIET', 'shippo', 10 * HOUR));
    await tracking.register(label('EZRECENT', 'easypost', 10 * HOUR));
    await ingest.ingest({ platform: 'easypost', report: moving('EZRECENT'), shipmentId: null, raw: {} }, 'webhook');

    const asked: string[] = [];
    const poller: TrackingPoller = {
      platform: 'easypost',
      track: async (carrier, code) => {
        asked.push(`${carrier}/${code}`);
        if (code === 'EZFAILS2') throw new Error('timeout after 20000 ms');
        return { report: moving(code), raw: { tracker: code } };
      },
    };
    const warnings: unknown[] = [];
    const result = await runTrackingPoll({ tracking, ingest, pollers: [poller], clock: { now: () => now.t }, log: { ...silent, warn: (o) => warnings.push(o) }, quietMs: 12 * HOUR, batch: 200 });

    expect(asked.sort()).toEqual(['USPS/EZFAILS2', 'USPS/EZQUIET1', 'USPS/EZQUIET3']);
    expect(result).toEqual({ polled: 2, changed: 2, failed: 1, skipped: 1 });
    expect(warnings).toContainEqual(expect.objectContaining({ trackingCode: 'EZFAILS2', error: 'timeout after 20000 ms' }));
    expect(tracking.raw.filter((r) => r.source === 'poll').map((r) => r.trackingCode).sort()).toEqual(['EZQUIET1', 'EZQUIET3']);
    // Heard from now: the next run leaves them alone, and asks again about the one that failed.
    asked.length = 0;
    await runTrackingPoll({ tracking, ingest, pollers: [poller], clock: { now: () => now.t }, log: silent, quietMs: 12 * HOUR, batch: 200 });
    expect(asked).toEqual(['USPS/EZFAILS2']);
  });

  it('takes at most one batch per run', async () => {
    const now = { t: 100 * HOUR };
    const { tracking, ingest } = world(now);
    for (let i = 0; i < 5; i += 1) await tracking.register(label(`EZ${i}`, 'easypost', i));
    const poller: TrackingPoller = { platform: 'easypost', track: async (_c, code) => ({ report: moving(code), raw: {} }) };
    const result = await runTrackingPoll({ tracking, ingest, pollers: [poller], clock: { now: () => now.t }, log: silent, quietMs: HOUR, batch: 3 });
    expect(result.polled).toBe(3);
  });
});

describe('runOdooNotify', () => {
  const change = (code: string): TrackingChange => ({ pickingId: 7, pickingName: 'WH/OUT/00007', trackingCode: code, carrier: 'USPS', before: 'in_transit', after: 'delivered', description: 'Delivered', location: null, at: 1 });

  it('tells Odoo each due change once; a failure waits twice as long each time, then goes through', async () => {
    const now = { t: 1_000 };
    const notices = new FakeNoticeQueue();
    await notices.enqueue(change('A'), now.t);
    await notices.enqueue(change('B'), now.t);
    let odooDown = true;
    const told: string[] = [];
    const notifier: OdooTrackingNotifier = {
      notify: async (c) => {
        if (c.trackingCode === 'B' && odooDown) throw new Error('Odoo unreachable');
        told.push(c.trackingCode);
      },
    };
    const deps = { notices, notifier, clock: { now: () => now.t }, log: silent, backoff: { baseMs: 60_000, maxMs: 3_600_000 } };

    expect(await runOdooNotify(deps)).toEqual({ sent: 1, failed: 1 });
    expect(notices.notices.find((n) => n.trackingCode === 'B')).toMatchObject({ attempts: 1, error: 'Odoo unreachable', nextAt: 61_000 });
    expect(await runOdooNotify(deps)).toEqual({ sent: 0, failed: 0 });
    now.t = 61_000;
    expect(await runOdooNotify(deps)).toEqual({ sent: 0, failed: 1 });
    expect(notices.notices.find((n) => n.trackingCode === 'B')).toMatchObject({ attempts: 2, nextAt: 61_000 + 120_000 });
    odooDown = false;
    now.t = 181_000;
    expect(await runOdooNotify(deps)).toEqual({ sent: 1, failed: 0 });
    expect(told).toEqual(['A', 'B']);
    expect(await notices.pending()).toBe(0);
  });

  it('drains more than one batch in a run', async () => {
    const notices = new FakeNoticeQueue();
    for (let i = 0; i < 7; i += 1) await notices.enqueue(change(`C${i}`), 0);
    const result = await runOdooNotify({ notices, notifier: { notify: async () => {} }, clock: { now: () => 1 }, log: silent, batch: 3 });
    expect(result).toEqual({ sent: 7, failed: 0 });
  });
});
