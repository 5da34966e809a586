/**
 * Tracking ingestion end to end on the hub's real store (PGlite): webhooks posted over HTTP on 127.0.0.1 the way the
 * platforms post them (the sandbox sender signs as EasyPost signs), the polling fallback through the EasyPost
 * adapter against the carrier sandbox, the Odoo notice queue drained by its job.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { easyPostTrackingReport } from '../../../app/carrier/tracking.easypost';
import type { HubStore } from '../../../app/hub/hub.ports';
import { PERSONAL_MASK } from '../../../app/recon/personal-data';
import type { TrackingChange, TrackingPoller } from '../../../app/recon/recon.ports';
import { handleWebhook } from '../../../main/hub/webhook-routes';
import { EasyPostTrackerSchema } from '../../../sync/carrier/easypost.schema';
import { openHubStore } from '../../../sync/hub/store/hub-store';
import { runOdooNotify } from '../../../sync/recon/odoo-notify.job';
import { createEasyPostPoller } from '../../../sync/recon/platform-pollers';
import { TrackingIngestService } from '../../../sync/recon/tracking-ingest.service';
import { runTrackingPoll } from '../../../sync/recon/tracking-poll.job';
import { CarrierSandbox } from '../../../sync/sim/carrier/carrier-sandbox.sim';
import { wireTracker } from '../../../sync/sim/carrier/carrier-tracker.sim';
import { easyPostEvent, sendEasyPostWebhook, sendShippoWebhook, shippoTrackUpdated, trackerAsOf } from '../../../sync/sim/carrier/carrier-webhooks.sim';
import { testTrack } from '../../../sync/sim/carrier/shippo/shippo-tracks.sim';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-02T12:00:00Z');
const SECRET = 'whsec-é-hub';
const silent = { info: () => {}, warn: () => {}, error: () => {} };

let dataDir: string;
let store: HubStore;
let server: Server;
let sandbox: CarrierSandbox;
let base: string;
let now = T0;
const clock = { now: () => now };
let ingest: TrackingIngestService;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hub-tracking-'));
  store = await openHubStore({ dataDir, now: clock.now });
  ingest = new TrackingIngestService({ tracking: store.tracking, odooNotices: store.odooNotices, exceptions: store.exceptions, shipmentAudit: store.shipmentAudit, clock });
  const deps = { ingest, easypost: { webhookSecret: SECRET }, shippo: { webhookSecret: 'shippo-url-token' }, clock, log: silent };
  server = createServer((req, res) => void handleWebhook(req, res, deps).then((handled) => handled || res.writeHead(404).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sandbox = await CarrierSandbox.start();
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await sandbox.close();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const easypost = (event: Record<string, unknown>, secret: string | null = SECRET) => sendEasyPostWebhook(`${base}/webhooks/easypost`, event, secret);
const tracker = (code: string) => wireTracker(code, 'USPS', `shp_${code}`, new Date(T0 - 2 * HOUR).toISOString());
const label = (code: string, pickingId: number, labelAt = T0 - 24 * HOUR) =>
  store.tracking.register({ trackingCode: code, carrier: 'USPS', platform: 'easypost', shipmentId: `shp_${code}`, stationId: 'bench-1', pickingId, pickingName: `WH/OUT/${pickingId}`, labelAt });

/** Drains the Odoo queue into a list of what Odoo was told. */
async function toldOdoo(): Promise<TrackingChange[]> {
  const told: TrackingChange[] = [];
  await runOdooNotify({ notices: store.odooNotices, notifier: { notify: async (c) => void told.push(c) }, clock, log: silent });
  return told;
}

describe('tracking webhooks at the hub', () => {
  it('a signed EasyPost tracker.updated is accepted and folded: status, masked raw event, Odoo notice, trail', async () => {
    await label('EZ4000000004', 40);
    const reply = await easypost(easyPostEvent(tracker('EZ4000000004')));
    expect(reply).toEqual({ status: 200, body: { ok: true, trackingCode: 'EZ4000000004', status: 'delivered', changed: true } });

    const shipment = await store.tracking.get('EZ4000000004');
    expect(shipment).toMatchObject({ status: 'delivered', pickingId: 40, stationId: 'bench-1', lastHeardAt: T0, lastChangeAt: T0 });
    const [raw] = await store.tracking.rawEvents('EZ4000000004');
    expect(raw).toMatchObject({ source: 'webhook', platform: 'easypost', before: 'unknown', after: 'delivered' });
    expect((raw?.raw as { result: { signed_by: string } }).result.signed_by).toBe(PERSONAL_MASK);
    expect(await toldOdoo()).toEqual([expect.objectContaining({ pickingId: 40, trackingCode: 'EZ4000000004', before: 'unknown', after: 'delivered', description: 'Delivered, In/At Mailbox' })]);
    expect((await store.shipmentAudit.trail('EZ4000000004')).map((e) => [e.kind, e.summary])).toEqual([['status', 'unknown → delivered (webhook): Delivered, In/At Mailbox']]);
  });

  it('a Shippo track_updated with the URL token is folded the same way', async () => {
    const reply = await sendShippoWebhook(`${base}/webhooks/shippo`, shippoTrackUpdated(testTrack('SHIPPO_TRANSIT', T0) ?? {}), { token: 'shippo-url-token' });
    expect(reply).toEqual({ status: 200, body: { ok: true, trackingCode: 'SHIPPO_TRANSIT', status: 'in_transit', changed: true } });
    expect(await store.tracking.get('SHIPPO_TRANSIT')).toMatchObject({ platform: 'shippo', status: 'in_transit', pickingId: null });
  });

  it('a bad signature is refused and nothing is stored', async () => {
    const pending = await store.odooNotices.pending();
    const event = easyPostEvent(tracker('EZ6000000999'));
    expect((await easypost(event, 'not-the-secret')).status).toBe(403);
    expect((await easypost(event, null)).status).toBe(401);
    expect(await store.tracking.get('EZ6000000999')).toBeNull();
    expect(await store.tracking.rawEvents('EZ6000000999')).toEqual([]);
    expect(await store.shipmentAudit.trail('EZ6000000999')).toEqual([]);
    expect(await store.odooNotices.pending()).toBe(pending);
  });

  it('the same event twice is one change', async () => {
    await label('EZ3000000003', 30);
    const event = easyPostEvent(tracker('EZ3000000003'));
    expect((await easypost(event)).body).toMatchObject({ status: 'out_for_delivery', changed: true });
    now = T0 + 60_000;
    expect((await easypost(event)).body).toMatchObject({ status: 'out_for_delivery', changed: false });
    expect((await store.tracking.rawEvents('EZ3000000003')).map((r) => [r.before, r.after])).toEqual([
      ['unknown', 'out_for_delivery'],
      ['out_for_delivery', 'out_for_delivery'],
    ]);
    expect(await store.tracking.get('EZ3000000003')).toMatchObject({ lastChangeAt: T0, lastHeardAt: T0 + 60_000 });
    expect(await store.shipmentAudit.trail('EZ3000000003')).toHaveLength(1);
    expect((await toldOdoo()).map((c) => [c.trackingCode, c.after])).toEqual([['EZ3000000003', 'out_for_delivery']]);
  });

  it('a late older event does not move the status back', async () => {
    await label('EZ5000000005', 50);
    const full = tracker('EZ5000000005');
    expect((await easypost(easyPostEvent(full))).body).toMatchObject({ status: 'returned_to_sender', changed: true });
    // The tracker as it stood when the parcel was still out for delivery, delivered only now.
    expect((await easypost(easyPostEvent(trackerAsOf(full, 6)))).body).toMatchObject({ status: 'returned_to_sender', changed: false });
    expect((await store.tracking.get('EZ5000000005'))?.status).toBe('returned_to_sender');
    const returned = await store.exceptions.list({ ref: 'EZ5000000005' });
    expect(returned.map((e) => [e.key, e.state])).toEqual([['returned:EZ5000000005', 'open']]);
    await toldOdoo();
  });

  it('a failed delivery opens an exception and queues an Odoo notice once', async () => {
    await label('EZ6000000006', 60);
    const full = tracker('EZ6000000006');
    expect((await easypost(easyPostEvent(trackerAsOf(full, 6)))).body).toMatchObject({ status: 'out_for_delivery' });
    now = T0 + 2 * 60_000;
    expect((await easypost(easyPostEvent(full))).body).toMatchObject({ status: 'delivery_failed', changed: true });
    expect((await easypost(easyPostEvent(full))).body).toMatchObject({ status: 'delivery_failed', changed: false });
    await ingest.ingest({ platform: 'easypost', report: (await store.tracking.get('EZ6000000006'))!.report, shipmentId: null, raw: {} }, 'poll');

    const failed = await store.exceptions.list({ kind: 'delivery_failed', ref: 'EZ6000000006' });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ key: 'delivery_failed:EZ6000000006', state: 'open', source: 'tracking', pickingId: 60, stationId: 'bench-1', suggestedAction: { code: 'contact_customer' } });
    const told = (await toldOdoo()).filter((c) => c.trackingCode === 'EZ6000000006');
    expect(told.map((c) => [c.before, c.after])).toEqual([
      ['unknown', 'out_for_delivery'],
      ['out_for_delivery', 'delivery_failed'],
    ]);
    expect(await store.odooNotices.pending()).toBe(0);
  });
});

describe('the polling fallback', () => {
  it('asks the platform about quiet shipments only, and folds the answers as polls', async () => {
    const heardAt = async (code: string, at: number, scans: number) => {
      now = at;
      await ingest.ingest({ platform: 'easypost', report: easyPostTrackingReport(EasyPostTrackerSchema.parse(trackerAsOf(tracker(code), scans))), shipmentId: null, raw: {} }, 'webhook');
    };
    await label('EZ2000000101', 101); // never heard of since its label a day ago: quiet
    await label('EZ2000000102', 102);
    await heardAt('EZ2000000102', T0 - 5 * HOUR, 3); // heard 5 h ago: not quiet
    await label('EZ2000000103', 103);
    await heardAt('EZ2000000103', T0 - 13 * HOUR, 3); // heard 13 h ago: quiet
    await label('EZ4000000104', 104);
    await heardAt('EZ4000000104', T0 - 15 * HOUR, 7); // delivered long ago: final, never asked
    await label('EZ2000000105', 105, T0 - HOUR); // label an hour old: not quiet yet

    const asked: string[] = [];
    const real = createEasyPostPoller({ baseUrl: sandbox.url, apiKey: 'sandbox-carrier-key' });
    const poller: TrackingPoller = { platform: 'easypost', track: (carrier, code) => (asked.push(code), real.track(carrier, code)) };
    now = T0 + HOUR;
    const result = await runTrackingPoll({ tracking: store.tracking, ingest, pollers: [poller], clock, log: silent, quietMs: 12 * HOUR, batch: 200 });

    expect(asked).toEqual(['EZ2000000101', 'EZ2000000103']);
    expect(result).toEqual({ polled: 2, changed: 1, failed: 0, skipped: 0 });
    expect(await store.tracking.get('EZ2000000101')).toMatchObject({ status: 'in_transit', lastHeardAt: T0 + HOUR });
    expect((await store.tracking.rawEvents('EZ2000000101')).map((r) => r.source)).toEqual(['poll']);
    expect((await store.tracking.quiet(now - 12 * HOUR, 200)).map((s) => s.trackingCode)).toEqual([]);
  });
});
