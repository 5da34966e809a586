import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { ScaleProtocol } from '../../app/domain';
import type { HubException } from '../../app/recon/exception.schema';
import type { JobRun } from '../../app/recon/recon.ports';
import { CarrierSandbox } from '../../sync/sim/carrier/carrier-sandbox.sim';
import { easyPostEvent, sendEasyPostWebhook, trackerAsOf } from '../../sync/sim/carrier/carrier-webhooks.sim';
import { wireTracker } from '../../sync/sim/carrier/carrier-tracker.sim';
import { OdooSandbox } from '../../sync/sim/odoo/odoo-sandbox.sim';
import type { SandboxVersion } from '../../sync/sim/odoo/stock-models.sim';
import { resolveHubConfig } from '../hub/hub-config';
import { startHub, type RunningHub } from '../hub/hub.host';
import { startBench, type DemoBench } from './hub-demo.runner';
import { packOrder, type DemoOrder } from './simulated-packer';
import { waitUntil } from './wait-for';
import { GRAMS_PER_OUNCE } from '../../app/domain/weight-units';

export interface ReconcileScenarioOptions {
  odooVersion: SandboxVersion;
  scaleProtocol: ScaleProtocol;
  log: Logger;
  printPolicy: { statusPollMs: number; proofSettleMs: number };
  paceMs: number;
}

/** What the scenario found against what it set up. */
export interface ReconcileScenarioResult {
  expected: Map<string, string>;
  found: HubException[];
  run: JobRun;
  ok: boolean;
}

const STATIONS = 2;
const ORDERS_PER_STATION = 4;
const WEBHOOK_SECRET = 'scenario-webhook-secret';
const DAY = 86_400_000;
/** The run judges ages three days on, so "no tracking progress after two days" shows without waiting two days. */
const AS_OF_DAYS = 3;
const TIMEOUT_MS = 90_000;

/** A label a station bought, as its ledger on the hub tells it. */
interface Packed {
  stationId: string;
  pickingId: number;
  pickingName: string;
  shipmentId: string;
  trackingCode: string;
  weightG: number;
}

/**
 * `npm run demo -- --hub --reconcile-scenario --exit`: two stations pack eight pickings against one Odoo and one
 * EasyPost account; then people and carriers do what they do — a delivery cancelled and a tracking reference emptied
 * in Odoo, label attachments deleted, a picking shipped by hand with a code nobody knows, a label bought outside any
 * station, a carrier billing more weight, tracking that is late, sent twice, failed or returned, a parcel never
 * scanned — and one reconciliation must find exactly the differences this set up, each once.
 */
export async function runReconcileScenario(opts: ReconcileScenarioOptions, out: (line: string) => void): Promise<ReconcileScenarioResult> {
  const dir = mkdtempSync(join(tmpdir(), 'station-reconcile-scenario-'));
  const odoo = new OdooSandbox({ version: opts.odooVersion });
  const odooUrl = (await odoo.listen(0)).url;
  const carrier = await CarrierSandbox.start();
  const benches: DemoBench[] = [];
  let hub: RunningHub | null = null;
  try {
    const config = resolveHubConfig(
      {
        hubId: 'scenario-hub',
        dataDir: 'hub',
        listen: { host: '127.0.0.1', port: 0 },
        odoo: { url: odooUrl, db: 'station', login: 'admin', apiKey: 'sandbox-key' },
        carriers: { easypost: { baseUrl: carrier.url, apiKey: 'sandbox-carrier-key', webhookSecret: WEBHOOK_SECRET } },
        // Only the scenario's own run: a scheduled one would find the differences half made.
        reconciliation: { enabled: false },
      },
      dir,
      {},
    );
    hub = await startHub(config, { log: opts.log.child({ part: 'hub' }) });
    const started = hub;
    const shared = { odoo, odooUrl, carrier, carrierApiKey: 'sandbox-carrier-key' };
    for (let i = 1; i <= STATIONS; i++) benches.push(await startBench(`bench-${i}`, started, opts, shared));
    out(`Reconcile scenario — ${STATIONS} stations, Odoo ${opts.odooVersion} sandbox, EasyPost sandbox, hub ${started.url}/`);
    await Promise.all(benches.map(async (b) => {
      for (const order of odoo.createPickings(ORDERS_PER_STATION) as DemoOrder[]) await packOrder(b.headless.station, b.world, order, opts.paceMs);
    }));
    const packed = await waitForLedger(started, STATIONS * ORDERS_PER_STATION);
    out(`  packed: ${packed.map((p) => `${p.pickingName} (${p.stationId})`).join(', ')}`);
    const expected = await makeDifferences(packed, odoo, carrier, `${started.url}/webhooks/easypost`, out);
    const run = await reconcileOnce(started);
    const found = await started.store.exceptions.list({ states: ['open', 'in_progress'], limit: 1_000 });
    const ok = run.state === 'done' && found.length === expected.size && found.every((e) => expected.has(e.key));
    return { expected, found, run, ok };
  } finally {
    await Promise.allSettled(benches.map(async (b) => {
      await b.headless.stop();
      await b.world.close();
    }));
    await hub?.stop();
    await Promise.allSettled([odoo.close(), carrier.close()]);
  }
}

/** Every picking validated and labelled in the hub's own records: the stations' side of the story is in. */
async function waitForLedger(hub: RunningHub, pickings: number): Promise<Packed[]> {
  let packed: Packed[] = [];
  await waitUntil(async () => {
    const validated = await hub.store.ledger.validatedPickings();
    const facts = await hub.store.ledger.pickingFacts(0, Date.now() + DAY);
    const weights = new Map<string, number>();
    for (const { stationId, entry } of facts) if (entry.fact.type === 'parcel.packed') weights.set(`${stationId}/${entry.fact.pickingId}`, entry.fact.weightG);
    packed = facts.flatMap(({ stationId, entry: { fact } }) =>
      fact.type === 'label.bought' && !fact.isReturn
        ? [{ stationId, pickingId: fact.pickingId, pickingName: fact.pickingName ?? String(fact.pickingId), shipmentId: fact.shipmentId, trackingCode: fact.trackingCode, weightG: weights.get(`${stationId}/${fact.pickingId}`) ?? 0 }]
        : [],
    );
    return validated.length === pickings && packed.length === pickings && packed.every((p) => p.weightG > 0);
  }, TIMEOUT_MS, "the hub to hold every station's pickings, validated and labelled", 250);
  return packed.sort((a, b) => a.pickingId - b.pickingId);
}

/** Makes each difference and returns the keys reconciliation must find, with what was done. */
async function makeDifferences(packed: Packed[], odoo: OdooSandbox, carrier: CarrierSandbox, webhookUrl: string, out: (line: string) => void): Promise<Map<string, string>> {
  const [p1, p2, p3, p4, p5, p6, p7, p8] = packed;
  if (!p1 || !p2 || !p3 || !p4 || !p5 || !p6 || !p7 || !p8) throw new Error(`the scenario needs 8 packed pickings, the hub holds ${packed.length}`);
  const expected = new Map<string, string>();
  const did = (key: string, what: string) => {
    expected.set(key, what);
    out(`  ${what}`);
  };
  odoo.byHand.cancel(p1.pickingId);
  did(`packed_not_done:${p1.pickingId}`, `Odoo: ${p1.pickingName} cancelled by hand after ${p1.stationId} packed it`);
  odoo.byHand.clearTrackingRef(p2.pickingId);
  did(`done_missing_tracking:${p2.pickingId}`, `Odoo: ${p2.pickingName}'s tracking reference emptied by hand`);
  odoo.byHand.removeAttachments(p3.pickingId);
  did(`done_missing_label:${p3.pickingId}`, `Odoo: ${p3.pickingName}'s label attachment deleted`);
  const [manual] = odoo.createPickings(1) as DemoOrder[];
  if (!manual) throw new Error('the Odoo sandbox made no picking');
  odoo.byHand.shipDone(manual.id, '1Z999AA10123456784', Date.now());
  did(`unknown_tracking:${manual.id}`, `Odoo: ${manual.name} shipped by hand with tracking 1Z999AA10123456784, known to no station or platform`);
  const orphan = carrier.seedShipment({ reference: null, createdAt: Date.now() - 2 * 3_600_000 });
  did(`orphan_label:easypost:${orphan.shipmentId}`, `EasyPost: label ${orphan.trackingCode} bought outside any station`);
  const billedOz = Math.round(p5.weightG / GRAMS_PER_OUNCE) + 40;
  carrier.addAdjustment(p5.shipmentId, { reason: 'carrier weight correction', amount: 4.2, billedWeightOz: billedOz });
  did(`weight_variance:${p5.shipmentId}`, `EasyPost: ${p5.pickingName} billed at ${billedOz} oz (weighed ${p5.weightG} g)`);
  did(`price_variance:${p5.shipmentId}`, `EasyPost: ${p5.pickingName} charged 4.20 more than quoted`);
  carrier.addAdjustment(p6.shipmentId, { reason: 'fuel surcharge', amount: 0.2 });
  out(`  EasyPost: ${p6.pickingName} charged 0.20 more (within tolerance: no difference)`);
  // Tracking: four parcels on their way, one delivered (then told twice and late), one failed, one returned, one never scanned.
  for (const p of [p1, p2, p3, p5]) await track(webhookUrl, p, 'EZ2000000002', 4);
  await track(webhookUrl, p6, 'EZ4000000004', 8);
  await track(webhookUrl, p6, 'EZ4000000004', 8);
  await track(webhookUrl, p6, 'EZ4000000004', 4);
  out(`  tracking: ${p6.pickingName} delivered, the event sent twice, then an older in-transit scan arrives late (no change)`);
  await track(webhookUrl, p7, 'EZ6000000006', 7);
  did(`delivery_failed:${p7.trackingCode}`, `tracking: ${p7.pickingName} delivery attempt failed`);
  await track(webhookUrl, p8, 'EZ5000000005', 7);
  did(`returned:${p8.trackingCode}`, `tracking: ${p8.pickingName} returned to sender`);
  did(`no_tracking_progress:${p4.shipmentId}`, `tracking: ${p4.pickingName} never scanned by the carrier`);
  return expected;
}

/** Sends the tracker a platform would send for `p` after `scans` scans of `history`'s story (EasyPost's test codes). */
async function track(url: string, p: Packed, history: string, scans: number): Promise<void> {
  const tracker = { ...wireTracker(history, 'USPS', p.shipmentId, new Date().toISOString()), tracking_code: p.trackingCode };
  const reply = await sendEasyPostWebhook(url, easyPostEvent(trackerAsOf(tracker, scans)), WEBHOOK_SECRET);
  if (reply.status !== 200) throw new Error(`the hub refused a tracking webhook for ${p.trackingCode}: ${reply.status} ${JSON.stringify(reply.body)}`);
}

/** One run, asked like the fleet view's button does, judged three days on. */
async function reconcileOnce(hub: RunningHub): Promise<JobRun> {
  const asOf = new Date(Date.now() + AS_OF_DAYS * DAY).toISOString();
  const runId = await hub.store.jobs.enqueue('reconcile', { asOf }, 'scenario', Date.now());
  let run: JobRun | null = null;
  await waitUntil(async () => {
    run = await hub.store.jobs.get(runId);
    return run !== null && (run.state === 'done' || run.state === 'failed');
  }, TIMEOUT_MS, 'the reconciliation run to finish', 250);
  if (run === null) throw new Error(`reconciliation run ${runId} vanished`);
  return run;
}

/** Prints each exception found and the comparison; the exit code of `--reconcile-scenario --exit`. */
export function reportScenario(result: ReconcileScenarioResult, out: (line: string) => void): number {
  const summary = result.run.result ?? {};
  out(`Reconciliation run ${result.run.id}: ${result.run.state}${result.run.error ? ` — ${result.run.error}` : ''} ${JSON.stringify({ ledgerPickings: summary.ledgerPickings, odooPickings: summary.odooPickings, platformShipments: summary.platformShipments })}`);
  out('Exceptions found:');
  for (const e of [...result.found].sort((a, b) => a.key.localeCompare(b.key))) {
    out(`  ${result.expected.has(e.key) ? '✓' : '✗ unexpected'} [${e.severity}] ${e.kind}: ${e.detail}`);
    out(`      → ${e.suggestedAction.text}`);
  }
  const foundKeys = new Set(result.found.map((e) => e.key));
  for (const [key, what] of result.expected) if (!foundKeys.has(key)) out(`  ✗ missing ${key} (${what})`);
  out(`${result.ok ? 'OK' : 'FAILED'}: ${result.found.length} exceptions found, ${result.expected.size} expected${result.ok ? ', the same set' : ''}`);
  return result.ok ? 0 : 1;
}
