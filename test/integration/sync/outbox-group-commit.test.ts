/**
 * Group commit of done-marks through a real SQLite file: what the engine reports delivered is durable once it has
 * stopped, and a kill between the remote's acknowledgement and the group's commit costs a redelivery, never an event.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../../../app/domain/outbox-event.schema';
import { closeStationDb, openStationDb } from '../../../sync/db/station-db';
import { SyncEngine } from '../../../sync/engine/sync.engine';
import type { Deliverer } from '../../../sync/engine/sync.engine';
import { OutboxStore } from '../../../sync/outbox/outbox.store';
import { SqliteLedger } from '../../../sync/outbox/sqlite-ledger';
import { SqlitePickingCache } from '../../../sync/outbox/picking-cache.store';
import { FakeClock, flushPromises } from '../../support/fake-clock';
import { parcel, picking, tempDir } from '../../unit/sync/outbox/outbox-fixtures';

const policy = { baseDelayMs: 1_000, maxDelayMs: 30_000, maxAttempts: 10 };

function boot(file: string, clock: FakeClock, deliver: Deliverer, pickings: number[]) {
  const db = openStationDb(file);
  const store = new OutboxStore(db, clock);
  const ledger = new SqliteLedger(db, clock, store);
  const cache = new SqlitePickingCache(db, clock, store);
  for (const id of pickings) cache.cachePicking(picking(id));
  let groups = 0;
  const markDoneMany = store.markDoneMany.bind(store);
  store.markDoneMany = (ids) => {
    groups += 1;
    return markDoneMany(ids);
  };
  const engine = new SyncEngine({ store, deliverers: { odoo: deliver }, clock, policy, random: () => 0.5, concurrency: 4, groupCommitMs: 5 });
  const unkick = ledger.onEnqueued(() => engine.kick());
  return { db, ledger, store, engine, unkick, groups: () => groups };
}

/** Reads the file through a connection of its own, as the next start would. */
function statesOnDisk(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as { state: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  } finally {
    db.close();
  }
}

describe('group commit of done-marks on a real SQLite file', () => {
  const tmp = tempDir();
  afterEach(() => tmp.cleanup());

  it('delivers every event exactly once in order per picking, in fewer commits than events, durable after stop', async () => {
    const file = tmp.file();
    const pickings = Array.from({ length: 12 }, (_, i) => i + 1);
    const sends = new Map<number, number>();
    const order = new Map<string, string[]>();
    const station = boot(
      file,
      new FakeClock(),
      async (e: OutboxEvent) => {
        sends.set(e.id, (sends.get(e.id) ?? 0) + 1);
        order.set(e.orderKey, [...(order.get(e.orderKey) ?? []), `${e.payload.type}#${e.id}`]);
        await Promise.resolve();
      },
      pickings,
    );
    await station.engine.start();
    for (const id of pickings) {
      station.ledger.recordParcelPacked(parcel(id, 1));
      station.ledger.recordParcelPacked(parcel(id, 2));
      station.ledger.recordPickingPacked(id);
    }
    await station.engine.idle();
    await station.engine.stop();
    station.unkick();
    closeStationDb(station.db);

    expect(statesOnDisk(file)).toEqual({ done: 36 });
    expect(sends.size).toBe(36);
    expect([...sends.values()].every((n) => n === 1)).toBe(true);
    for (const events of order.values()) {
      expect(events.map((e) => e.split('#')[0])).toEqual(['parcel.packed', 'parcel.packed', 'picking.validate']);
      const ids = events.map((e) => Number(e.split('#')[1]));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }
    expect(station.groups()).toBeLessThan(36);
  });

  it('a kill before the group commits: the acknowledged event is delivered again, and the idempotent remote applies it once', async () => {
    const file = tmp.file('killed.db');
    const applied = new Map<string, number>();
    let sends = 0;
    const remote = async (e: OutboxEvent) => {
      sends += 1;
      // Idempotent like the gateways: a second delivery of the same event changes nothing.
      applied.set(`${e.orderKey} ${e.payload.type}`, e.id);
    };

    const clock1 = new FakeClock();
    const first = boot(
      file,
      clock1,
      async (e) => {
        await remote(e);
        // picking 2 hangs at the remote, so picking 1's done-mark waits for the window (which never passes here).
        if (e.orderKey === 'picking:2') await new Promise<void>(() => undefined);
      },
      [1, 2],
    );
    await first.engine.start();
    first.ledger.recordParcelPacked(parcel(1, 1));
    first.ledger.recordPickingPacked(1);
    first.ledger.recordPickingPacked(2);
    await flushPromises();
    expect(sends).toBe(2);
    expect(first.store.pendingCount()).toBe(3);
    // Kill: no stop(), no flush; the timers of the old engine never fire again.
    first.unkick();
    first.db.close();
    expect(statesOnDisk(file)).toEqual({ pending: 3 });

    const second = boot(file, new FakeClock(clock1.now() + 1_000), remote, [1, 2]);
    await second.engine.start();
    await second.engine.idle();
    await second.engine.stop();
    closeStationDb(second.db);

    expect(statesOnDisk(file)).toEqual({ done: 3 });
    expect(sends).toBe(5); // picking 1's parcel and picking 2's validate twice, picking 1's validate once
    expect([...applied.keys()].sort()).toEqual(['picking:1 parcel.packed', 'picking:1 picking.validate', 'picking:2 picking.validate']);
  });
});
