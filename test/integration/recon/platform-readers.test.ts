/**
 * The reconciliation readers of both carrier platforms against their sandboxes over real HTTP on 127.0.0.1: more than
 * a thousand labels read in at most ⌈N/200⌉ data requests (counted at the sandbox), adjustments and refunds come
 * through, orphans are voided through the platforms' own void, and a failed or broken report is an error, never fewer
 * rows.
 */
import { describe, expect, it } from 'vitest';
import type { PlatformShipmentFacts } from '../../../app/recon/recon-input.schema';
import { RECON_BATCH } from '../../../app/recon/recon.ports';
import { createEasyPostReconReader } from '../../../sync/recon/easypost-recon.reader';
import { createEasyPostPoller, createShippoPoller } from '../../../sync/recon/platform-pollers';
import { createShippoReconReader } from '../../../sync/recon/shippo-recon.reader';
import { CarrierSandbox } from '../../../sync/sim/carrier/carrier-sandbox.sim';
import { SHIPPO_SANDBOX_KEY, ShippoSandbox } from '../../../sync/sim/carrier/shippo/shippo-sandbox.sim';
import { cleanupAfterEach } from '../../support/cleanup';
import { rejection } from '../../support/rejection';

const cleanup = cleanupAfterEach();
const HOUR = 3_600_000;
const FAST_POLL = { firstDelayMs: 5, maxDelayMs: 20, deadlineMs: 5000 };
/** More than a thousand labels in the window, and a few outside it on each side. */
const N = 1200;

async function easyPost() {
  const sandbox = await CarrierSandbox.start();
  cleanup.push(() => sandbox.close());
  const reader = createEasyPostReconReader({ baseUrl: sandbox.url, apiKey: 'sandbox-carrier-key', timeoutMs: 10_000, reportPoll: FAST_POLL });
  return { sandbox, reader };
}

async function shippo() {
  const sandbox = new ShippoSandbox();
  const { url } = await sandbox.listen(0);
  cleanup.push(() => sandbox.close());
  const reader = createShippoReconReader({ baseUrl: url, apiKey: SHIPPO_SANDBOX_KEY, timeoutMs: 10_000, reportPoll: FAST_POLL });
  return { sandbox, reader };
}

/** Reads with the sandbox's request counter from zero, and says how many requests and how long it took. */
async function measured(name: string, sandbox: CarrierSandbox | ShippoSandbox, read: () => Promise<PlatformShipmentFacts[]>) {
  sandbox.resetRequestCounts();
  const started = performance.now();
  const facts = await read();
  const ms = performance.now() - started;
  const counts = sandbox.requestCounts();
  console.log(`${name}: ${facts.length} labels in ${counts.total} requests, ${ms.toFixed(0)} ms`, counts.byPath);
  return { facts, counts };
}

const byReference = (facts: readonly PlatformShipmentFacts[], reference: string): PlatformShipmentFacts | undefined => facts.find((f) => f.reference === reference);

describe('EasyPost through its shipment and shipment_invoice reports', () => {
  it(`reads ${N} labels in a handful of requests, with adjustments, refunds and tracking`, async () => {
    const { sandbox, reader } = await easyPost();
    const until = Date.now();
    const since = until - 24 * HOUR;
    const ids: string[] = [];
    for (let i = 0; i < N; i++) ids.push(sandbox.seedShipment({ reference: `WH/OUT/${String(i).padStart(5, '0')}#1`, createdAt: since + 1000 + i * 60_000, weightOz: 15.4 }).shipmentId);
    sandbox.seedShipment({ reference: 'before', createdAt: since - HOUR });
    const heavy = ids[7] ?? '';
    sandbox.addAdjustment(heavy, { reason: 'weight', amount: 2.35, billedWeightOz: 40 });
    sandbox.addAdjustment(heavy, { reason: 'surcharge', amount: 1.1, service: 'Priority' });
    const delivered = sandbox.seedShipment({ reference: 'delivered', createdAt: since + 5 * HOUR, trackingStatus: 'delivered' });
    expect(await reader.void(ids[9] ?? '')).toBe('submitted');
    const { facts, counts } = await measured('EasyPost', sandbox, () => reader.shipments(since, until));

    expect(facts).toHaveLength(N + 1);
    expect(counts.total).toBeLessThanOrEqual(Math.ceil(N / RECON_BATCH));
    expect(byReference(facts, 'before')).toBeUndefined();
    const first = byReference(facts, 'WH/OUT/00000#1');
    expect(first).toMatchObject({ platform: 'easypost', carrier: 'USPS', service: 'GroundAdvantage', quotedPrice: 6.07, chargedPrice: 6.07, currency: 'USD', declaredWeightG: 436.6, billedWeightG: null, adjustments: [], refundStatus: null, trackingStatus: 'pre_transit' });
    expect(first?.trackingCode).toMatch(/^9400/);
    expect(facts.find((f) => f.shipmentId === heavy)).toMatchObject({
      quotedPrice: 6.07,
      chargedPrice: 9.52,
      billedWeightG: 1134,
      adjustments: [
        { reason: 'weight: the carrier weighed 40 oz', amount: 2.35 },
        { reason: 'service GroundAdvantage → Priority', amount: 1.1 },
      ],
    });
    expect(facts.find((f) => f.shipmentId === ids[9])?.refundStatus).toBe('submitted');
    expect(facts.find((f) => f.shipmentId === delivered.shipmentId)?.trackingStatus).toBe('delivered');
  });

  it('a report that fails, a file that is not CSV, a missing column: each an error naming the report', async () => {
    const { sandbox, reader } = await easyPost();
    sandbox.seedShipment({ reference: 'one' });
    const window = [Date.now() - HOUR, Date.now() + HOUR] as const;
    sandbox.failNextReport(1, 'failed');
    expect(await rejection(reader.shipments(...window))).toMatchObject({ code: 'SERVER', message: expect.stringMatching(/EasyPost shipment report shprep_\w+ .* failed at the platform/) });
    sandbox.failNextReport(1, 'bad-csv');
    expect(await rejection(reader.shipments(...window))).toMatchObject({ code: 'INVALID_REPLY', message: expect.stringMatching(/not valid CSV/) });
    sandbox.failNextReport(1, 'missing-column');
    expect(await rejection(reader.shipments(...window))).toMatchObject({ code: 'INVALID_REPLY', message: expect.stringMatching(/missing column created_at/) });
    expect(await reader.shipments(...window)).toHaveLength(1);
  });
});

describe('Shippo through 200-label transaction pages and an invoice.v1 Reporting API run', () => {
  it(`reads ${N} labels in ⌈N/200⌉ pages plus one run, with adjustments, refunds and tracking`, async () => {
    const { sandbox, reader } = await shippo();
    const until = Date.now();
    const since = until - 24 * HOUR;
    sandbox.seedShipment({ reference: 'before', createdAt: since - HOUR });
    const ids: string[] = [];
    for (let i = 0; i < N; i++) ids.push(sandbox.seedShipment({ reference: `WH/OUT/${String(i).padStart(5, '0')}#1`, createdAt: since + 1000 + i * 60_000 }).transactionId);
    sandbox.seedShipment({ reference: 'after', createdAt: until + HOUR });
    const heavy = ids[7] ?? '';
    sandbox.addAdjustment(heavy, { reason: 'USPS weight correction', amount: 2.35, billedWeightOz: 40 });
    const delivered = sandbox.seedShipment({ reference: 'delivered', createdAt: since + 5 * HOUR, trackingStatus: 'DELIVERED' });
    expect(await reader.void(ids[9] ?? '')).toBe('submitted');
    const { facts, counts } = await measured('Shippo', sandbox, () => reader.shipments(since, until));

    expect(facts).toHaveLength(N + 1);
    const pages = counts.byPath['GET /transactions'] ?? 0;
    expect(pages).toBeLessThanOrEqual(Math.ceil(facts.length / RECON_BATCH));
    expect(counts.total - pages).toBe(3);
    expect(byReference(facts, 'before')).toBeUndefined();
    expect(byReference(facts, 'after')).toBeUndefined();
    const first = byReference(facts, 'WH/OUT/00000#1');
    expect(first).toMatchObject({ platform: 'shippo', carrier: 'USPS', service: 'usps_ground_advantage', quotedPrice: 6.07, chargedPrice: 6.07, currency: 'USD', billedWeightG: null, adjustments: [], refundStatus: null, trackingStatus: 'pre_transit' });
    expect(facts.find((f) => f.shipmentId === heavy)).toMatchObject({ quotedPrice: 6.07, chargedPrice: 8.42, billedWeightG: 1134, adjustments: [{ reason: 'USPS weight correction', amount: 2.35 }] });
    expect(facts.find((f) => f.shipmentId === ids[9])?.refundStatus).toBe('submitted');
    expect(facts.find((f) => f.shipmentId === delivered.transactionId)?.trackingStatus).toBe('delivered');
  });

  it('a run that fails, a file that is not CSV, a missing column: each an error naming the run', async () => {
    const { sandbox, reader } = await shippo();
    sandbox.seedShipment({ reference: 'one' });
    const window = [Date.now() - HOUR, Date.now() + HOUR] as const;
    sandbox.failNextReport(1, 'failed');
    expect(await rejection(reader.shipments(...window))).toMatchObject({ code: 'SERVER', message: expect.stringMatching(/Shippo invoice.v1 run \w+ failed at the platform: The report run failed/) });
    sandbox.failNextReport(1, 'bad-csv');
    expect(await rejection(reader.shipments(...window))).toMatchObject({ code: 'INVALID_REPLY', message: expect.stringMatching(/not valid CSV/) });
    sandbox.failNextReport(1, 'missing-column');
    expect(await rejection(reader.shipments(...window))).toMatchObject({ code: 'INVALID_REPLY', message: expect.stringMatching(/missing column invoice_item_id/) });
    expect(await reader.shipments(...window)).toHaveLength(1);
  });
});

describe('an empty window', () => {
  it('EasyPost answers its reports empty (no file to fetch); Shippo one page and a run with a header only', async () => {
    const ep = await easyPost();
    const sh = await shippo();
    ep.sandbox.seedShipment({ createdAt: Date.now() - 48 * HOUR });
    sh.sandbox.seedShipment({ createdAt: Date.now() - 48 * HOUR });
    const window = [Date.now() - HOUR, Date.now()] as const;
    expect(await ep.reader.shipments(...window)).toEqual([]);
    expect(ep.sandbox.requestCounts().byPath).toEqual({ 'POST /v2/reports/shipment': 1, 'POST /v2/reports/shipment_invoice': 1, 'GET /v2/reports/:id': 2 });
    sh.sandbox.resetRequestCounts();
    expect(await sh.reader.shipments(...window)).toEqual([]);
    expect(sh.sandbox.requestCounts().byPath).toEqual({ 'GET /transactions': 1, 'POST /v2/reporting/runs': 1, 'GET /v2/reporting/runs/:id': 1, 'GET /files/reports/:id.csv': 1 });
  });
});

describe('tracking pollers', () => {
  it("poll each platform's tracking through its own track and mapping", async () => {
    const ep = await easyPost();
    const sh = await shippo();
    const easypost = createEasyPostPoller({ baseUrl: ep.sandbox.url, apiKey: 'sandbox-carrier-key', timeoutMs: 5000 });
    const polled = await easypost.track('USPS', 'EZ4000000004');
    expect(easypost.platform).toBe('easypost');
    expect(polled.report).toMatchObject({ carrier: 'USPS', trackingCode: 'EZ4000000004', status: 'delivered' });
    const shippoPoller = createShippoPoller({ baseUrl: sh.sandbox.url, apiKey: SHIPPO_SANDBOX_KEY, timeoutMs: 5000 });
    expect((await shippoPoller.track('shippo', 'SHIPPO_RETURNED')).report).toMatchObject({ trackingCode: 'SHIPPO_RETURNED', status: 'returned_to_sender' });
  });
});
