import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { CarrierKind, ScaleProtocol } from '../../app/domain';
import type { SandboxVersion } from '../../sync/sim/odoo/stock-models.sim';
import { startHeadless, stopOnSignals, type HeadlessStation } from '../headless/headless.host';
import { resolveHubConfig } from '../hub/hub-config';
import { startHub, type RunningHub } from '../hub/hub.host';
import { startDemoWorld, type DemoWorld, type WorldOptions } from './demo.world';
import { packOrder, type DemoOrder } from './simulated-packer';
import { waitUntil } from './wait-for';

export interface HubDemoOptions {
  stations: number;
  /** Orders per station; unset: the stations keep packing until Ctrl+C. */
  orders: number | undefined;
  exit: boolean;
  port: number | undefined;
  paceMs: number;
  odooVersion: SandboxVersion;
  scaleProtocol: ScaleProtocol;
  carrier: CarrierKind;
  log: Logger;
  printPolicy: { statusPollMs: number; proofSettleMs: number };
}

export interface DemoBench {
  id: string;
  world: DemoWorld;
  headless: HeadlessStation;
}

/** How long the hub may take to hear of every picking once the stations are done with them. */
const HUB_RECORDS_TIMEOUT_MS = 60_000;
/** Between two pickings at one bench in the endless demo: a packer fetching the next tote. */
const NEXT_PICKING_MS = { min: 1_500, spread: 3_000 } as const;

/**
 * `npm run demo -- --hub --stations N`: a hub (PGlite in a temp dir) and N stations, each with its own simulated
 * devices and sandboxes, reporting to it. With `--exit`, success is judged by the hub's own records.
 */
export async function runHubDemo(opts: HubDemoOptions, out: (line: string) => void): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'station-hub-demo-'));
  const hubConfig = resolveHubConfig({ hubId: 'demo-hub', dataDir: 'hub', listen: { host: '127.0.0.1', port: opts.port ?? (opts.exit ? 0 : 8900) } }, dir, {});
  const hub = await startHub(hubConfig, { log: opts.log.child({ part: 'hub' }) });
  const benches: DemoBench[] = [];
  const stopAll = async () => {
    await Promise.allSettled(benches.map(async (b) => {
      await b.headless.stop();
      await b.world.close();
    }));
    await hub.stop();
  };
  try {
    const password = randomBytes(12).toString('base64url');
    await hub.store.users.put('admin', password, 'admin', Date.now());
    for (let i = 1; i <= opts.stations; i++) benches.push(await startBench(`demo-station-${i}`, hub, opts));
    out(`Packing hub demo — ${opts.stations} stations (Odoo ${opts.odooVersion} sandbox, ${opts.carrier} sandbox, ${opts.scaleProtocol} scale, ZPL printer simulator each)`);
    out(`  fleet view: ${hub.url}/   sign in as admin / ${password}`);
    for (const b of benches) out(`  ${b.id}: ${b.headless.openUrl}`);
  } catch (error) {
    await stopAll();
    throw error;
  }
  if (opts.exit) {
    const code = await packAndAudit(benches, hub, opts.orders ?? 2, opts.paceMs, out);
    await stopAll();
    return code;
  }
  out('The stations pack until Ctrl+C.');
  stopOnSignals(stopAll, opts.log);
  for (const bench of benches) void packForever(bench, opts, out);
  await new Promise(() => {});
  return 0;
}

/** A station with its own simulated devices reporting to `hub` (sandboxes its own, or `shared` by the fleet). */
export async function startBench(
  id: string,
  hub: RunningHub,
  opts: Pick<HubDemoOptions, 'odooVersion' | 'scaleProtocol' | 'log' | 'printPolicy'> & { carrier?: CarrierKind },
  shared?: WorldOptions['shared'],
): Promise<DemoBench> {
  const token = await hub.store.tokens.issue(id, Date.now());
  const world = await startDemoWorld({
    odooVersion: opts.odooVersion,
    scaleProtocol: opts.scaleProtocol,
    uiPort: 0,
    ...(opts.carrier ? { carrier: opts.carrier } : {}),
    stationId: id,
    hub: { url: hub.url, token },
    ...(shared ? { shared } : {}),
  });
  const headless = await startHeadless(world.config, { log: opts.log.child({ stationId: id }), printPolicy: opts.printPolicy }).catch(async (error: unknown) => {
    await world.close();
    throw error;
  });
  return { id, world, headless };
}

/** Every bench packs its orders side by side; then the hub's records must show every station online and every picking done. */
async function packAndAudit(benches: DemoBench[], hub: RunningHub, orders: number, paceMs: number, out: (line: string) => void): Promise<number> {
  const t0 = Date.now();
  const expected = benches.length * orders;
  let failure: unknown = null;
  try {
    await Promise.all(
      benches.map(async (b) => {
        for (const order of b.world.odoo.createPickings(orders) as DemoOrder[]) await packOrder(b.headless.station, b.world, order, paceMs);
      }),
    );
    await waitUntil(async () => {
      const seen = await hubRecords(hub, benches);
      return seen.online === benches.length && seen.validated === expected;
    }, HUB_RECORDS_TIMEOUT_MS, 'the hub to record every station online and every picking validated', 200);
  } catch (error) {
    failure = error;
  }
  const seen = await hubRecords(hub, benches);
  const ok = failure === null && seen.online === benches.length && seen.validated === expected;
  out(
    `${ok ? 'OK' : 'FAILED'}: the hub's records show ${seen.online}/${benches.length} stations online and ${seen.validated}/${expected} pickings validated ` +
      `(${seen.facts} ledger facts), ${Date.now() - t0} ms`,
  );
  if (failure) out(`demo failed: ${failure instanceof Error ? failure.message : String(failure)}`);
  return ok ? 0 : 1;
}

async function hubRecords(hub: RunningHub, benches: DemoBench[]): Promise<{ online: number; validated: number; facts: number }> {
  const ids = new Set(benches.map((b) => b.id));
  const presence = await hub.store.presence.list(Date.now(), 30_000);
  const validated = await hub.store.ledger.validatedPickings();
  let facts = 0;
  for (const id of ids) facts += (await hub.store.ledger.entries(id, 0, 10_000)).length;
  return {
    online: presence.filter((p) => ids.has(p.stationId) && p.online).length,
    validated: new Set(validated.filter((v) => ids.has(v.stationId)).map((v) => `${v.stationId}/${v.pickingId}`)).size,
    facts,
  };
}

/** The endless demo: one picking after another at each bench, at a packer's pace. */
async function packForever(bench: DemoBench, opts: HubDemoOptions, out: (line: string) => void): Promise<void> {
  for (;;) {
    const [order] = bench.world.odoo.createPickings(1) as DemoOrder[];
    if (!order) return;
    try {
      await packOrder(bench.headless.station, bench.world, order, opts.paceMs);
    } catch (error) {
      out(`  ${bench.id}: ${order.name} not packed: ${error instanceof Error ? error.message : String(error)}`);
    }
    await new Promise((r) => setTimeout(r, NEXT_PICKING_MS.min + Math.random() * NEXT_PICKING_MS.spread));
  }
}
