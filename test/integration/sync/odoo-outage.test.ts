/**
 * An Odoo that refuses connections for longer than the whole retry schedule, then comes back on the same port: every
 * event of the packed pickings is delivered, none is dead-lettered, and the backlog goes out at once on return.
 * Real parts: the Odoo sandbox over HTTP on 127.0.0.1, the JSON-RPC gateway, the station's SQLite file, real time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Picking } from '../../../app/domain';
import { closeStationDb, openStationDb } from '../../../sync/db/station-db';
import { SyncEngine } from '../../../sync/engine/sync.engine';
import { createOdooDeliverer } from '../../../sync/odoo/odoo.deliverer';
import { OdooJsonRpcGateway } from '../../../sync/odoo/odoo.gateway';
import { OdooSandbox } from '../../../sync/sim/odoo/odoo-sandbox.sim';
import { OutboxStore } from '../../../sync/outbox/outbox.store';
import { SqliteLedger } from '../../../sync/outbox/sqlite-ledger';
import { SqlitePickingCache } from '../../../sync/outbox/picking-cache.store';
import { systemClock } from '../../../main/system-clock';
import { shipment, tempDir } from '../../unit/sync/outbox/outbox-fixtures';
import { waitUntil } from '../../../main/demo/wait-for';
import { wholePicking } from './odoo-world';

/** The whole schedule (3 attempts, ≤ 200 ms apart) is over in well under a second; the outage lasts 2.5 s. */
const policy = { baseDelayMs: 20, maxDelayMs: 200, maxAttempts: 3 };
const OUTAGE_MS = 2_500;

describe('Odoo down for longer than the retry schedule', () => {
  const tmp = tempDir();
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.();
    tmp.cleanup();
  });

  it('waits, never dead-letters, and delivers everything exactly once when Odoo is back', async () => {
    const sandbox = new OdooSandbox({ version: 17 });
    const { url, port } = await sandbox.listen(0, '127.0.0.1');
    cleanups.push(() => sandbox.close());
    const gateway = new OdooJsonRpcGateway({ url, db: 'station', login: 'admin', apiKey: 'sandbox-key', timeoutMs: 2_000 });
    const db = openStationDb(tmp.file());
    cleanups.push(() => closeStationDb(db));
    const store = new OutboxStore(db, systemClock);
    const ledger = new SqliteLedger(db, systemClock, store);
    const cache = new SqlitePickingCache(db, systemClock, store);
    const engine = new SyncEngine({
      store,
      deliverers: { odoo: createOdooDeliverer(gateway) },
      probes: { odoo: () => gateway.probe() },
      probeBaseMs: 20,
      probeMaxMs: 100,
      clock: systemClock,
      policy,
    });
    cleanups.push(() => engine.stop());
    ledger.onEnqueued(() => engine.kick());

    const seeded = sandbox.createPickings(3);
    const pickings = await Promise.all(seeded.map(async (s) => (await gateway.findPicking(s.name)) as Picking));
    pickings.forEach((picking) => cache.cachePicking(picking));
    await engine.start();

    await sandbox.close();
    const downAt = Date.now();
    pickings.forEach((picking, i) => {
      ledger.recordParcelPacked(wholePicking(picking));
      ledger.recordLabelBought(picking.id, 1, `${picking.name}#1`, shipment(`94001000000000000000${i}`, `shp_${i}`));
      ledger.recordPickingPacked(picking.id);
    });
    await waitUntil(() => engine.status().sync[0]?.unreachableSince != null, 2_000, 'Odoo to be seen unreachable');
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));

    const during = engine.status();
    expect(during.deadLetters).toEqual([]);
    expect(during.sync[0]).toMatchObject({ depth: 9, unreachableSince: expect.any(Number) });
    expect(during.sync[0]!.unreachableSince!).toBeGreaterThanOrEqual(downAt);
    expect(during.sync[0]!.lastError).toMatch(/NETWORK/);

    await sandbox.listen(port, '127.0.0.1');
    const backAt = Date.now();
    await waitUntil(() => store.pendingCount() === 0, 10_000, 'the backlog to drain');
    // Probes run at most 100 ms apart, so the drain starts within about that, not after the 200 ms+ event backoff.
    expect(Date.now() - backAt).toBeLessThan(5_000);

    const after = engine.status();
    expect(after.deadLetters).toEqual([]);
    expect(after.sync[0]).toMatchObject({ depth: 0, unreachableSince: null, lastError: null });
    pickings.forEach((picking, i) => {
      const view = sandbox.picking(picking.id);
      expect(view.state).toBe('done');
      expect(view.packages).toHaveLength(1);
      expect(view.packages[0]!.shipping_weight).toBe(1.25);
      expect(view.carrier_tracking_ref).toBe(`94001000000000000000${i}`);
      expect(view.attachments).toHaveLength(1);
    });
  });
});
