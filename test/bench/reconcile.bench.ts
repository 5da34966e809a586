/**
 * `npm run bench -- --reconcile N`: one reconciliation of N shipments through the real parts — the hub's store on
 * PGlite in a temp dir holding 20 stations' ledgers, the hub's Odoo reader against the Odoo sandbox and the EasyPost
 * reader against the carrier sandbox (both on loopback, in a process of their own) — proving that reads are batched
 * (at most ⌈N/200⌉ read requests per system, counted at the sandboxes) and that the run finds exactly the differences
 * seeded. The Shippo reader is timed alone on the same labels at the Shippo sandbox.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HubStore } from '../../app/hub/hub.ports';
import { ReconPolicySchema } from '../../app/recon/recon-input.schema';
import { createEasyPostReconReader } from '../../sync/recon/easypost-recon.reader';
import { hubOdoo } from '../../sync/recon/hub-odoo.client';
import { odooReconReader } from '../../sync/recon/odoo-recon.reader';
import { runReconciliation } from '../../sync/recon/reconcile.job';
import { createShippoReconReader } from '../../sync/recon/shippo-recon.reader';
import { openHubStore } from '../../sync/hub/store/hub-store';
import { SHIPPO_SANDBOX_KEY } from '../../sync/sim/carrier/shippo/shippo-sandbox.sim';
import { memoryOf } from './fleet/proc-stats';
import { appendStationLedgers } from './reconcile/bench-ledger';
import { CORRECTION, DAY, STATIONS, expectedFindings, reconPlan } from './reconcile/recon-plan';
import { easyPostLine, findingLines, formatCount as num, formatMs as ms, odooLines, phaseLines, shippoLines } from './reconcile/recon-report';
import { SandboxesProcess } from './reconcile/sandboxes-process';
import { Spans, pauseCountingClock, timedDeps } from './reconcile/timed-deps';

export interface ReconcileBenchOptions {
  n: number;
  odooVersion: 16 | 17 | 18 | 19;
}

/** Linux resets the process's peak resident size (VmHWM) on this write: the run's own peak is then measured. */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

const mb = (v: number): string => `${Math.round(v)} MB`;
const indent = (lines: readonly string[]): void => lines.forEach((l) => console.log(`  ${l}`));

export async function runReconcileBench(opts: ReconcileBenchOptions): Promise<void> {
  const plan = reconPlan(opts.n, Date.now());
  const expected = expectedFindings(plan);
  const day = new Date(plan.since).toISOString().slice(0, 10);
  console.log(`reconciliation bench: ${num(plan.n)} shipments packed at ${STATIONS} stations on ${day}, Odoo ${opts.odooVersion}, EasyPost and Shippo sandboxes`);
  console.log('  (sandboxes on loopback in their own process; the hub store on PGlite in a temp dir, in this process)');
  console.log(
    `  seeded differences: ${expected.orphan_label} orphan labels, ${expected.weight_variance} carrier weight corrections (+${CORRECTION.extraOz} oz, ` +
      `+${CORRECTION.amount.toFixed(2)} USD), ${expected.done_missing_tracking} tracking references emptied in Odoo, ${expected.no_tracking_progress} parcels never scanned`,
  );
  const sandboxes = new SandboxesProcess();
  const dir = mkdtempSync(join(tmpdir(), 'reconcile-bench-'));
  let store: HubStore | null = null;
  try {
    console.log('\nseeding (not part of the result)');
    let started = performance.now();
    const seeded = await sandboxes.seed(plan.n, Date.now(), opts.odooVersion);
    for (const s of seeded.seeding) console.log(`  ${s.system.padEnd(9)} ${ms(s.ms).padStart(10)}  ${s.what}`);
    console.log(`  sandboxes' process: ${ms(performance.now() - started)} in all, RSS ${mb(seeded.memory.rssMb)}`);
    started = performance.now();
    store = await openHubStore({ dataDir: dir });
    const opened = performance.now() - started;
    started = performance.now();
    const appended = await appendStationLedgers(store.ledger, plan, seeded.shipped);
    console.log(`  hub store ${ms(opened).padStart(10)}  PGlite created and migrated`);
    console.log(`  hub ledger${ms(performance.now() - started).padStart(10)}  ${num(appended.facts)} facts from ${STATIONS} stations in ${appended.appends} appends of ≤ 500`);

    await sandboxes.resetCounts();
    const spans = new Spans();
    const reportWait = pauseCountingClock();
    const deps = timedDeps(
      {
        ledger: store.ledger,
        tracking: store.tracking,
        exceptions: store.exceptions,
        audit: store.shipmentAudit,
        odoo: odooReconReader(hubOdoo({ url: seeded.urls.odoo, db: 'station', login: 'admin', apiKey: 'sandbox-key' })),
        platforms: [createEasyPostReconReader({ baseUrl: seeded.urls.easypost, apiKey: 'sandbox-carrier-key', clock: reportWait.clock })],
        policy: ReconPolicySchema.parse({}),
      },
      spans,
      ['EasyPost: shipment + invoice reports'],
    );
    const before = memoryOf(process.pid);
    const peakReset = resetPeakRss();
    const now = Date.now();
    spans.restart();
    started = performance.now();
    const summary = await runReconciliation(deps, { since: plan.since, until: plan.until, now }, 'bench');
    const runMs = performance.now() - started;
    const after = memoryOf(process.pid);
    const counts = await sandboxes.counts();

    console.log(`\none reconciliation of ${day} (judged ${new Date(now).toISOString().slice(0, 16)}Z): ${ms(runMs)}`);
    console.log(`  read ${num(summary.ledgerPickings)} ledger pickings, ${num(summary.odooPickings)} Odoo pickings, ${num(summary.platformShipments)} EasyPost labels`);
    console.log('read requests counted at the sandboxes, against ⌈records/200⌉ (records: the pickings or labels the system holds for the window)');
    indent(odooLines(counts.odoo, plan.n, opts.odooVersion));
    indent([easyPostLine(counts.easypost, plan.n + plan.orphans)]);
    console.log('phases (ms from the start of the run)');
    indent(phaseLines(spans.spans, runMs));
    console.log(`  (the sandboxes' process was busy ${ms(counts.busyMs)} of the run computing replies: the readers' time includes it)`);
    console.log(`  (EasyPost's time includes ${ms(reportWait.pausedMs())} waiting for its two reports, made side by side: the reader first looks after 2 s, DEFAULT_REPORT_POLL)`);
    console.log('findings by kind');
    const findings = findingLines(summary, expected);
    indent(findings.lines);
    const peak = peakReset ? `peak during the run ${mb(after.peakMb)}` : `peak since the bench started ${mb(after.peakMb)} (the peak could not be reset)`;
    console.log(`memory: hub process (store, readers, rules) RSS ${mb(before.rssMb)} before the run, ${mb(after.rssMb)} after, ${peak}`);
    console.log(`        sandboxes' process peak ${mb(counts.memory.peakMb)} (holding ${num(plan.n)} pickings and twice ${num(plan.n + plan.orphans)} labels)`);

    await sandboxes.resetCounts();
    const shippoWait = pauseCountingClock();
    const shippo = createShippoReconReader({ baseUrl: seeded.urls.shippo, apiKey: SHIPPO_SANDBOX_KEY, clock: shippoWait.clock });
    started = performance.now();
    const labels = await shippo.shipments(plan.since - DAY, plan.until);
    const shippoMs = performance.now() - started;
    const shippoCounts = (await sandboxes.counts()).shippo;
    console.log(`\nShippo reader alone (the same labels sold at the Shippo sandbox): ${num(labels.length)} labels in ${ms(shippoMs)}, of which ${ms(shippoWait.pausedMs())} waiting for the report run`);
    indent(shippoLines(shippoCounts, plan.n + plan.orphans));
    if (labels.length !== plan.n + plan.orphans) throw new Error(`the Shippo reader read ${labels.length} labels, the sandbox sold ${plan.n + plan.orphans}`);
    if (!findings.ok) throw new Error('the run did not find exactly the differences seeded');
  } finally {
    await store?.close();
    sandboxes.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
