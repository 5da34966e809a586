/**
 * Done-marks are committed in groups: deliveries acknowledged together cost one transaction, and a key whose
 * done-mark waits for its group stays in flight — not delivered again, and its next event not started.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutboxEvent, OutboxPayload } from '../../../../app/domain/outbox-event.schema';
import type { StationDb } from '../../../../sync/db/station-db';
import { SyncEngine } from '../../../../sync/engine/sync.engine';
import type { Deliverer, SyncEngineOptions } from '../../../../sync/engine/sync.engine';
import type { OutboxStore } from '../../../../sync/outbox/outbox.store';
import { flushPromises } from '../../../support/fake-clock';
import type { FakeClock } from '../../../support/fake-clock';
import { engineWorld } from './engine-fixture';

const validate = (pickingId: number): OutboxPayload => ({ type: 'picking.validate', pickingId });

describe('SyncEngine group commit of done-marks', () => {
  const world = engineWorld();
  let db: StationDb;
  let clock: FakeClock;
  let store: OutboxStore;
  let engine: SyncEngine | undefined;
  let groups: number[][];
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

  const make = (deliver: Deliverer, opts: Partial<SyncEngineOptions> = {}): SyncEngine => {
    engine = new SyncEngine({
      store,
      deliverers: { odoo: deliver },
      clock,
      policy: { baseDelayMs: 1_000, maxDelayMs: 8_000, maxAttempts: 7 },
      random: () => 0.5,
      log,
      groupCommitMs: 5,
      ...opts,
    });
    world.engines.push(engine);
    return engine;
  };
  const stateOf = (id: number): unknown => (db.prepare('SELECT state FROM outbox WHERE id = ?').get(id) as { state: string }).state;

  beforeEach(() => {
    ({ db, clock, store } = world);
    engine = undefined;
    groups = [];
    const markDoneMany = store.markDoneMany.bind(store);
    store.markDoneMany = (ids) => {
      groups.push([...ids]);
      return markDoneMany(ids);
    };
    vi.clearAllMocks();
  });

  it('marks the deliveries acknowledged together done in one transaction', async () => {
    const ids = [1, 2, 3, 4].map((k) => store.enqueue('odoo', `picking:${k}`, validate(k)));
    const heard: number[] = [];
    const e = make(async () => undefined, { concurrency: 4 });
    e.onDelivered((ev) => heard.push(ev.id));
    await e.start();
    await e.idle();
    expect(groups).toEqual([ids]);
    expect(heard).toEqual(ids);
    expect(store.pendingCount()).toBe(0);
    expect(e.status().sync[0]).toMatchObject({ lastSuccessAt: clock.now(), lastError: null });
  });

  it('a key waiting for its done-mark is neither delivered again nor moved on, however often the engine looks', async () => {
    const a1 = store.enqueue('odoo', 'picking:1', validate(1));
    const a2 = store.enqueue('odoo', 'picking:1', validate(1));
    const b1 = store.enqueue('odoo', 'picking:2', validate(2));
    const sent: number[] = [];
    let releaseB: () => void = () => undefined;
    const e = make(async (ev: OutboxEvent) => {
      sent.push(ev.id);
      // picking 2 hangs at the remote: picking 1's done-mark waits for the window in case it joins.
      if (ev.id === b1) await new Promise<void>((resolve) => (releaseB = resolve));
    });
    await e.start();
    await flushPromises();
    expect(sent).toEqual([a1, b1]);
    expect(stateOf(a1)).toBe('pending');
    for (let i = 0; i < 5; i++) {
      e.kick();
      await flushPromises();
    }
    clock.advance(4);
    await flushPromises();
    expect(sent).toEqual([a1, b1]);
    expect(stateOf(a1)).toBe('pending');

    // The window has passed: a1 is committed alone, and only then does picking 1 move on to a2.
    clock.advance(1);
    await flushPromises();
    expect(groups[0]).toEqual([a1]);
    expect(sent).toEqual([a1, b1, a2]);
    releaseB();
    await e.idle();
    expect(store.pendingCount()).toBe(0);
    expect(sent.filter((id) => id === a1)).toHaveLength(1);
  });

  it('starts the next event of a picking only once the previous one is durably done, and each event once', async () => {
    for (let k = 1; k <= 3; k++) for (let n = 0; n < 3; n++) store.enqueue('odoo', `picking:${k}`, validate(k));
    const violations: string[] = [];
    const sent: number[] = [];
    const e = make(
      async (ev) => {
        sent.push(ev.id);
        const earlierOpen = db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE order_key = ? AND id < ? AND state <> 'done'`).get(ev.orderKey, ev.id) as { n: number };
        if (earlierOpen.n > 0) violations.push(`${ev.id} started before its key's earlier events were done`);
        await Promise.resolve();
      },
      { concurrency: 2 },
    );
    await e.start();
    for (let i = 0; i < 50 && store.pendingCount() > 0; i++) await clock.advanceAsync(5, 1);
    await e.idle();
    expect(violations).toEqual([]);
    expect(sent).toEqual([...new Set(sent)]);
    expect(sent).toHaveLength(9);
    expect(store.pendingCount()).toBe(0);
  });

  it('stop() commits waiting done-marks at once, without waiting out the window', async () => {
    const a1 = store.enqueue('odoo', 'picking:1', validate(1));
    const b1 = store.enqueue('odoo', 'picking:2', validate(2));
    let releaseB: () => void = () => undefined;
    const e = make(async (ev) => {
      if (ev.id === b1) await new Promise<void>((resolve) => (releaseB = resolve));
    });
    await e.start();
    await flushPromises();
    expect(stateOf(a1)).toBe('pending');
    const stopping = e.stop();
    expect(stateOf(a1)).toBe('done');
    releaseB();
    await stopping;
    expect(stateOf(b1)).toBe('done');
    expect(clock.pending).toBe(0);
  });

  it('a group that cannot be written leaves its events pending; they are delivered again', async () => {
    const a1 = store.enqueue('odoo', 'picking:1', validate(1));
    const sent: number[] = [];
    let failCommit = true;
    const markDoneMany = store.markDoneMany.bind(store);
    store.markDoneMany = (ids) => {
      if (failCommit) {
        failCommit = false;
        throw new Error('SQLITE_IOERR: disk I/O error');
      }
      return markDoneMany(ids);
    };
    const e = make(async (ev) => void sent.push(ev.id));
    await e.start();
    await e.idle();
    expect(log.error).toHaveBeenCalledWith(expect.objectContaining({ eventId: a1 }), 'delivered but could not mark done');
    expect(sent).toEqual([a1, a1]);
    expect(stateOf(a1)).toBe('done');
  });
});
