import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handleWebhook, type WebhookDeps } from '../../../main/hub/webhook-routes';
import type { TrackingUpdate } from '../../../sync/recon/tracking-ingest.service';
import { easyPostEvent, sendEasyPostWebhook, sendShippoWebhook, shippoTrackUpdated } from '../../../sync/sim/carrier/carrier-webhooks.sim';
import { wireTracker } from '../../../sync/sim/carrier/carrier-tracker.sim';
import { testTrack } from '../../../sync/sim/carrier/shippo/shippo-tracks.sim';

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const ingested: TrackingUpdate[] = [];
let failIngest = false;
const deps: WebhookDeps = {
  ingest: {
    ingest: async (update) => {
      if (failIngest) throw new Error('database gone');
      ingested.push(update);
      return { trackingCode: update.report.trackingCode, before: null, after: update.report.status, changed: true, newEvents: update.report.events.length, odooNotice: false, exceptionId: null };
    },
  },
  easypost: { webhookSecret: 'ep-sécret' },
  shippo: { webhookSecret: 'shippo-token-1' },
  clock: { now: () => Date.now() },
  log: silent,
  maxBodyBytes: 64 * 1024,
};
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    void handleWebhook(req, res, deps).then((handled) => {
      if (!handled) res.writeHead(418).end('not a webhook');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  ingested.length = 0;
  failIngest = false;
});

const tracker = () => easyPostEvent(wireTracker('EZ3000000003', 'USPS', 'shp_3', new Date().toISOString()));

describe('POST /webhooks/easypost', () => {
  it('a signed tracker.updated is ingested and answered 200 with the status', async () => {
    const reply = await sendEasyPostWebhook(`${base}/webhooks/easypost`, tracker(), 'ep-sécret');
    expect(reply).toEqual({ status: 200, body: { ok: true, trackingCode: 'EZ3000000003', status: 'out_for_delivery', changed: true } });
    expect(ingested).toHaveLength(1);
    expect(ingested[0]).toMatchObject({ platform: 'easypost', shipmentId: 'shp_3' });
  });

  it('refuses an unsigned (401) or wrongly signed (403) event without ingesting it', async () => {
    expect((await sendEasyPostWebhook(`${base}/webhooks/easypost`, tracker(), null)).status).toBe(401);
    expect(await sendEasyPostWebhook(`${base}/webhooks/easypost`, tracker(), 'guessed')).toEqual({ status: 403, body: { error: 'signature does not match' } });
    expect(ingested).toEqual([]);
  });

  it('acknowledges other events, refuses a malformed body (400), an oversized one (413), a GET (405)', async () => {
    expect(await sendEasyPostWebhook(`${base}/webhooks/easypost`, easyPostEvent({ object: 'Batch', id: 'batch_1' }, 'batch.updated'), 'ep-sécret')).toEqual({ status: 200, body: { ok: true, ignored: 'batch.updated' } });
    expect((await sendEasyPostWebhook(`${base}/webhooks/easypost`, { object: 'Tracker' }, 'ep-sécret')).status).toBe(400);
    const huge = { ...tracker(), padding: 'x'.repeat(70 * 1024) };
    expect((await sendEasyPostWebhook(`${base}/webhooks/easypost`, huge, 'ep-sécret')).status).toBe(413);
    const get = await fetch(`${base}/webhooks/easypost`);
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
    expect(ingested).toEqual([]);
  });

  it('a report the hub could not store is a 500, so the platform sends it again', async () => {
    failIngest = true;
    const reply = await sendEasyPostWebhook(`${base}/webhooks/easypost`, tracker(), 'ep-sécret');
    expect(reply.status).toBe(500);
    expect(reply.body).toEqual({ error: 'not stored (database gone): send it again' });
  });
});

describe('POST /webhooks/shippo?token=…', () => {
  const body = () => shippoTrackUpdated(testTrack('SHIPPO_DELIVERED') ?? {});

  it('the registered token lets a track_updated in; none is 401, another is 403', async () => {
    expect(await sendShippoWebhook(`${base}/webhooks/shippo`, body(), { token: 'shippo-token-1' })).toEqual({ status: 200, body: { ok: true, trackingCode: 'SHIPPO_DELIVERED', status: 'delivered', changed: true } });
    expect((await sendShippoWebhook(`${base}/webhooks/shippo`, body(), { token: null })).status).toBe(401);
    expect((await sendShippoWebhook(`${base}/webhooks/shippo`, body(), { token: 'shippo-token-2' })).status).toBe(403);
    expect(ingested).toHaveLength(1);
  });

  it('with HMAC set up, the Shippo-Auth-Signature must match as well', async () => {
    const withHmac: WebhookDeps = { ...deps, shippo: { webhookSecret: 'shippo-token-1', hmacSecret: 'hmac-1' } };
    const saved = deps.shippo;
    deps.shippo = withHmac.shippo;
    try {
      expect((await sendShippoWebhook(`${base}/webhooks/shippo`, body(), { token: 'shippo-token-1' })).status).toBe(401);
      expect((await sendShippoWebhook(`${base}/webhooks/shippo`, body(), { token: 'shippo-token-1', hmacSecret: 'hmac-2' })).status).toBe(403);
      expect((await sendShippoWebhook(`${base}/webhooks/shippo`, body(), { token: 'shippo-token-1', hmacSecret: 'hmac-1' })).status).toBe(200);
      expect(ingested).toHaveLength(1);
    } finally {
      deps.shippo = saved;
    }
  });

  it('transaction events are acknowledged and ignored', async () => {
    expect(await sendShippoWebhook(`${base}/webhooks/shippo`, { event: 'transaction_updated', test: true, data: {} }, { token: 'shippo-token-1' })).toEqual({ status: 200, body: { ok: true, ignored: 'transaction_updated' } });
  });
});

describe('other paths', () => {
  it('are left to the hub (false), and a platform without an account is a 404', async () => {
    expect((await fetch(`${base}/api/fleet`)).status).toBe(418);
    expect((await fetch(`${base}/webhooks/other`, { method: 'POST' })).status).toBe(418);
    const saved = deps.easypost;
    deps.easypost = undefined;
    try {
      expect((await sendEasyPostWebhook(`${base}/webhooks/easypost`, tracker(), 'ep-sécret')).status).toBe(404);
    } finally {
      deps.easypost = saved;
    }
  });
});
