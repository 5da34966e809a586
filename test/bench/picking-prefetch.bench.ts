/**
 * Prefetch cost against the Odoo sandbox over HTTP on 127.0.0.1 with a real SQLite file: a full pass over N ready
 * pickings (start-up), an incremental pass with nothing changed, and one after a new picking — wall time and the
 * JSON-RPC calls each pass made. Everything runs in one process: the sandbox's own work is included (an upper bound
 * for the station's side, not a measure of a real Odoo).
 *
 *   node --import tsx test/bench/picking-prefetch.bench.ts [--pickings 500]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeStationDb, openStationDb } from '../../sync/db/station-db';
import { OdooJsonRpcGateway } from '../../sync/odoo/odoo.gateway';
import { OdooSandbox } from '../../sync/sim/odoo/odoo-sandbox.sim';
import { PickingPrefetcher } from '../../sync/odoo/picking-prefetch';
import { OutboxStore } from '../../sync/outbox/outbox.store';
import { SqlitePickingCache } from '../../sync/outbox/picking-cache.store';
import { systemClock } from '../../main/system-clock';

export interface PrefetchPass {
  pass: string;
  ms: number;
  calls: number;
  loaded: number;
}

export async function measurePrefetch(pickings: number): Promise<PrefetchPass[]> {
  const odoo = new OdooSandbox({ version: 17 });
  const dir = mkdtempSync(join(tmpdir(), 'prefetch-bench-'));
  const db = openStationDb(join(dir, 'station.db'));
  try {
    const { url } = await odoo.listen(0);
    odoo.createPickings(pickings);
    const feed = new OdooJsonRpcGateway({ url, db: 'station', login: 'admin', apiKey: 'sandbox-key' });
    await feed.version(); // log in outside the measured passes
    const cache = new SqlitePickingCache(db, systemClock, new OutboxStore(db, systemClock));
    const options = { enabled: true, intervalMs: 300_000, maxPickings: pickings + 10, maxAgeDays: 14 };
    const prefetch = new PickingPrefetcher({ feed, cache, clock: systemClock, options });
    const passes: PrefetchPass[] = [];
    const run = async (pass: string) => {
      odoo.clearCalls();
      const started = performance.now();
      const report = await prefetch.refresh();
      if (report.error) throw new Error(`${pass}: ${report.error}`);
      passes.push({ pass, ms: performance.now() - started, calls: odoo.calls().length, loaded: report.loaded });
    };
    await run(`full (start-up), ${pickings} ready`);
    await run('incremental, nothing changed');
    odoo.createPickings(1);
    await run('incremental, 1 new picking');
    return passes;
  } finally {
    closeStationDb(db);
    rmSync(dir, { recursive: true, force: true });
    await odoo.close();
  }
}

if (process.argv[1]?.endsWith('picking-prefetch.bench.ts')) {
  const at = process.argv.indexOf('--pickings');
  const count = at >= 0 ? Number(process.argv[at + 1]) : 500;
  for (const p of await measurePrefetch(count)) {
    console.log(`  ${p.pass.padEnd(34)} ${p.ms.toFixed(0).padStart(6)} ms  ${String(p.calls).padStart(3)} calls  ${p.loaded} loaded`);
  }
}
