/**
 * `npm run bench`: speed numbers printed for people, never asserted in tests.
 *
 *   --placements N   box placements per link for the latency run (default 200)
 *   --frames N       frames per pass for the parser throughput (default 50000)
 *   --labels N       labels for the printing latency (default 200)
 *   --pickings N     ready pickings in the Odoo sandbox for the offline prefetch (default 500)
 *   --drain-events N     events in the Odoo drain's backlog (default 10000)
 *   --drain-pickings N   pickings they belong to (default 2000: two parcels each, so five events per picking)
 *   --drain-latency MS   added to every request on its way to the Odoo sandbox (default 20)
 *
 *   --fleet N            runs only the hub's fleet bench, with N simulated stations (see fleet.bench.ts)
 *   --fleet-window S     its measured window of steady load (default 60)
 *   --fleet-commands N   commands timed through the fleet API (default 50)
 *   --fleet-backoff-max MS   the stations' reconnection backoff ceiling (default 5000, socket.io's own)
 *   --fleet-hubs 1|2     1: the one-hub run only; 2 (default): also two hubs on PostgreSQL + Redis
 *   --fleet-profile      each hub process writes a CPU profile (.cpuprofile, for Chrome DevTools) into the temp dir
 *
 *   --reconcile [N]      runs only the reconciliation bench, with N shipments (default 10000; see reconcile.bench.ts)
 *   --reconcile-odoo V   the Odoo sandbox's version for it: 16, 17 (default), 18 or 19
 */
import { spawnSync } from 'node:child_process';
import { measureParsers } from './parser-throughput.bench';
import { measureLatency, type LatencyResult } from './weight-latency.bench';
import { measurePrinting } from './print-latency.bench';
import { measurePrefetch } from './picking-prefetch.bench';
import { measureDrain, measureEnqueue } from './outbox.bench';
import { printOdooDrain } from './odoo-drain.bench';
import { runFleetBench } from './fleet.bench';
import { runReconcileBench } from './reconcile.bench';

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

const ms = (v: number) => `${v.toFixed(2)} ms`;
const hasSocat = () => spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;

function summarise(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted[sorted.length - 1] ?? NaN, n: sorted.length };
}

async function main(): Promise<void> {
  if (process.argv.includes('--fleet')) {
    const fleet = { stations: arg('fleet', 500), windowS: arg('fleet-window', 60), commands: arg('fleet-commands', 50) };
    const profile = process.argv.includes('--fleet-profile');
    return runFleetBench({ ...fleet, backoffMaxMs: arg('fleet-backoff-max', 5_000), hubs: arg('fleet-hubs', 2), profile });
  }
  if (process.argv.includes('--reconcile')) {
    const version = arg('reconcile-odoo', 17);
    if (![16, 17, 18, 19].includes(version)) throw new Error(`--reconcile-odoo ${version}: the Odoo sandbox is 16, 17, 18 or 19`);
    return runReconcileBench({ n: arg('reconcile', 10_000), odooVersion: version as 16 | 17 | 18 | 19 });
  }
  const placements = arg('placements', 200);
  const framesPerPass = arg('frames', 50_000);
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);

  console.log(`\n(a) last byte of a stable frame → WEIGHT.STABLE in the packing machine (${placements} placements per link)`);
  const runs: LatencyResult[] = [await measureLatency('tcp', placements)];
  if (hasSocat()) runs.push(await measureLatency('pty', placements));
  else console.log('  socat not found: PTY run skipped');
  const stats = runs.map((r) => ({ via: r.via, timedOut: r.timedOut, placed: summarise(r.fromPlacement), ...summarise(r.samples) }));
  for (const s of stats) {
    console.log(`  ${s.via.padEnd(4)} median ${ms(s.median)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  (n=${s.n}, timed out ${s.timedOut})`);
  }
  console.log('  from the weight changing on the simulated platter (adds the wait for the next 20 ms poll):');
  for (const s of stats) console.log(`  ${s.via.padEnd(4)} median ${ms(s.placed.median)}  p99 ${ms(s.placed.p99)}`);
  const [tcp, pty] = stats;
  if (tcp && pty) console.log(`  pty/tcp ratio: median ×${(pty.median / tcp.median).toFixed(2)}, p99 ×${(pty.p99 / tcp.p99).toFixed(2)}`);
  if (tcp) console.log(`  p99/median (tcp): ×${(tcp.p99 / tcp.median).toFixed(2)}`);

  console.log(`\n(b) parser throughput (splitter + parse, 32-byte chunks, ${framesPerPass} frames per pass, best of 5)`);
  const parsers = measureParsers({ framesPerPass });
  const reference = parsers.find((p) => p.protocol === 'mt-sics')?.framesPerSecond;
  for (const p of parsers) {
    if (p.framesPerSecond === undefined) {
      console.log(`  ${p.protocol.padEnd(12)} skipped: ${p.skipped ?? 'no result'}`);
      continue;
    }
    const vsRef = reference ? ` ×${(p.framesPerSecond / reference).toFixed(2)} of mt-sics` : '';
    // A continuous scale at 50 Hz is the busiest real source: the headroom says how far from mattering parsing is.
    const headroom = `headroom ×${Math.round(p.framesPerSecond / 50).toLocaleString('en')} over a 50 Hz stream`;
    const share = p.weightShare === 1 ? '' : `  weights ${(100 * (p.weightShare ?? 0)).toFixed(0)}% of frames`;
    console.log(`  ${p.protocol.padEnd(12)} ${Math.round(p.framesPerSecond).toLocaleString('en').padStart(11)} frames/s ${vsRef}  ${headroom}${share}`);
  }

  const labels = arg('labels', 200);
  const printing = await measurePrinting(labels);
  console.log(`\n(c) printing over raw TCP 9100 to the Zebra-like simulator (${labels} labels of ${printing.labelBytes} bytes)`);
  const direct = summarise(printing.direct);
  const spooled = summarise(printing.spooled);
  const status = summarise(printing.status);
  console.log(`  label bytes available → last byte at the printer, driver:  median ${ms(direct.median)}  p99 ${ms(direct.p99)}  (n=${direct.n})`);
  console.log(`  … through the durable spooler (row, ~HS, counter, send): median ${ms(spooled.median)}  p99 ${ms(spooled.p99)}  (n=${spooled.n})`);
  const silent = summarise(printing.spooledSgdSilent);
  console.log(`  … spooler to a ZPL emulation silent to SGD (no counter):   median ${ms(silent.median)}  p99 ${ms(silent.p99)}  (n=${silent.n})`);
  console.log(`  spooler/driver ratio: median ×${(spooled.median / direct.median).toFixed(2)}, p99 ×${(spooled.p99 / direct.p99).toFixed(2)}`);
  console.log(`  status round trip (~HS, 3 strings):                       median ${ms(status.median)}  p99 ${ms(status.p99)}  (n=${status.n})`);

  const pickings = arg('pickings', 500);
  console.log(`\n(d) offline prefetch of the ready pickings from the Odoo sandbox on loopback (${pickings} ready)`);
  const passes = await measurePrefetch(pickings);
  for (const p of passes) console.log(`  ${p.pass.padEnd(34)} ${ms(p.ms).padStart(12)}  ${String(p.calls).padStart(3)} JSON-RPC calls  ${p.loaded} loaded`);
  const [full, none] = passes;
  if (full && none) console.log(`  full/incremental ratio: ×${(full.ms / none.ms).toFixed(1)} time, ×${(full.calls / Math.max(1, none.calls)).toFixed(0)} calls`);

  console.log('\n(e) outbox (real SQLite file, WAL, synchronous=FULL)');
  const enqueue = measureEnqueue(2_000);
  console.log(`  enqueue through the ledger (parcel row + outbox event, one transaction): ${Math.round(enqueue.ledgerPerSecond)}/s`);
  console.log(`  raw better-sqlite3 single-row insert, one transaction each:              ${Math.round(enqueue.rawPerSecond)}/s`);
  console.log(`  WAL pages per commit: ledger ${enqueue.ledgerPagesPerCommit.toFixed(1)}, raw ${enqueue.rawPagesPerCommit.toFixed(1)} (what a commit costs beyond its fsync)`);
  console.log(`  ledger/raw ratio: ${(enqueue.ledgerPerSecond / enqueue.rawPerSecond).toFixed(2)} (goal ≥ 0.8)`);
  const small = await measureDrain(1_000, 500);
  const large = await measureDrain(10_000, 500);
  console.log(`  sync engine + SQLite per delivered event: ${small.toFixed(0)} µs with 1,000 pending, ${large.toFixed(0)} µs with 10,000 (×${(large / small).toFixed(2)}; flat is ×1)`);

  const drain = { events: arg('drain-events', 10_000), pickings: arg('drain-pickings', 2_000), latencyMs: arg('drain-latency', 20) };
  console.log(`\n(f) Odoo drain: a backlog of packed pickings' events to the Odoo sandbox over HTTP on loopback, +${drain.latencyMs} ms per request`);
  await printOdooDrain(drain);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
