import { afterEach, describe, expect, it } from 'vitest';
import { StationError } from '../../../app/domain/errors';
import type { OutboxEvent } from '../../../app/domain/outbox-event.schema';
import { closeStationDb, openStationDb } from '../../../sync/db/station-db';
import { SyncEngine } from '../../../sync/engine/sync.engine';
import type { Deliverer } from '../../../sync/engine/sync.engine';
import { OutboxStore } from '../../../sync/outbox/outbox.store';
import { SqliteLedger } from '../../../sync/outbox/sqlite-ledger';
import { SqlitePickingCache } from '../../../sync/outbox/picking-cache.store';
import { FakeClock } from '../../support/fake-clock';
import { parcel, picking, shipment, tempDir } from '../../unit/sync/outbox/outbox-fixtures';

const policy = { baseDelayMs: 1_000, maxDelayMs: 30_000, maxAttempts: 10 };

function boot(file: string, clock: FakeClock, deliver: Deliverer) {
  const db = openStationDb(file);
  const store = new OutboxStore(db, clock);
  const ledger = new SqliteLedger(db, clock, store);
  const cache = new SqlitePickingCache(db, clock, store);
  for (const id of [1, 2, 3, 7]) cache.cachePicking(picking(id));
  const engine = new SyncEngine({ store, deliverers: { odoo: deliver }, clock, policy, random: () => 0.5 });
  const unkick = ledger.onEnqueued(() => engine.kick());
  return { db, ledger, store, engine, unkick };
}

describe('outbox across a restart', () => {
  const tmp = tempDir();
  afterEach(() => tmp.cleanup());

  it('delivers every event exactly once when the agent is killed and started again on the same file', async () => {
    const file = tmp.file();
    const calls = new Map<number, number>();
    const order: string[] = [];
    const count = (e: OutboxEvent) => calls.set(e.id, (calls.get(e.id) ?? 0) + 1);

    // First life: Odoo accepts picking 1 but is unreachable for picking 2; picking 3 is recorded just before the kill,
    // before the engine looks at it.
    const clock1 = new FakeClock();
    const first = boot(file, clock1, async (e) => {
      if (e.orderKey === 'picking:2') throw new StationError('NETWORK', 'connection refused');
      count(e);
      order.push(`${e.orderKey} ${e.payload.type}`);
    });
    await first.engine.start();
    first.ledger.recordParcelPacked(parcel(1, 1));
    first.ledger.recordLabelBought(1, 1, 'WH/OUT/00001#1', shipment('TRK1'));
    first.ledger.recordPickingPacked(1);
    first.ledger.recordParcelPacked(parcel(2, 1));
    first.ledger.recordPickingPacked(2);
    await first.engine.idle();
    first.unkick();
    first.ledger.recordParcelPacked(parcel(3, 1));
    expect(first.store.pendingCount()).toBe(3);

    // Kill: no stop(), no checkpoint, timers of the old engine simply never fire again.
    first.db.close();

    const clock2 = new FakeClock(clock1.now() + 60_000);
    const second = boot(file, clock2, async (e) => {
      count(e);
      order.push(`${e.orderKey} ${e.payload.type}`);
    });
    expect(second.store.pendingCount()).toBe(3);
    await second.engine.start();
    await second.engine.idle();
    clock2.advance(5_000);
    await second.engine.idle();

    expect([...calls.values()]).toEqual([1, 1, 1, 1, 1, 1]);
    expect(order.filter((o) => o.startsWith('picking:1'))).toEqual(['picking:1 parcel.packed', 'picking:1 label.bought', 'picking:1 picking.validate']);
    expect(order.filter((o) => o.startsWith('picking:2'))).toEqual(['picking:2 parcel.packed', 'picking:2 picking.validate']);
    expect(second.store.pendingCount()).toBe(0);
    // The ledger's idempotency survives the restart too: re-recording after a crash enqueues nothing.
    second.ledger.recordParcelPacked(parcel(3, 1));
    second.ledger.recordPickingPacked(1);
    expect(second.store.pendingCount()).toBe(0);
    await second.engine.stop();
    closeStationDb(second.db);
  });

  it('a delivery cut off by the kill is sent again, and the idempotent remote applies it once', async () => {
    const file = tmp.file('inflight.db');
    const applied = new Set<string>();
    let sends = 0;
    const remote = async (e: OutboxEvent) => {
      sends++;
      applied.add(JSON.stringify(e.payload));
    };

    const clock1 = new FakeClock();
    const first = boot(file, clock1, async (e) => {
      await remote(e); // the remote committed...
      await new Promise<void>(() => undefined); // ...but the agent dies before it hears the reply
    });
    await first.engine.start();
    first.ledger.recordPickingPacked(7);
    await new Promise((r) => setImmediate(r));
    first.db.close();

    const second = boot(file, new FakeClock(clock1.now() + 1_000), remote);
    await second.engine.start();
    await second.engine.idle();
    expect(sends).toBe(2);
    expect(applied.size).toBe(1);
    expect(second.store.pendingCount()).toBe(0);
    await second.engine.stop();
    closeStationDb(second.db);
  });
});
