/**
 * Batch delivery: a deliverer that takes a key's head with the pending events after it. The engine marks done the
 * prefix it acknowledged, records the failure of the event where it stopped (the key's next head), and never hands
 * out events of another key, a dead one, or more than the deliverer takes.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { StationError } from '../../../../app/domain/errors';
import type { OutboxEvent, OutboxPayload } from '../../../../app/domain/outbox-event.schema';
import type { StationDb } from '../../../../sync/db/station-db';
import { SyncEngine } from '../../../../sync/engine/sync.engine';
import type { BatchDeliverer, BatchOutcome } from '../../../../sync/engine/sync.engine';
import type { OutboxStore } from '../../../../sync/outbox/outbox.store';
import type { FakeClock } from '../../../support/fake-clock';
import { engineWorld } from './engine-fixture';

const validate = (pickingId: number): OutboxPayload => ({ type: 'picking.validate', pickingId });

describe('SyncEngine batch delivery', () => {
  const world = engineWorld();
  let db: StationDb;
  let clock: FakeClock;
  let store: OutboxStore;
  let engine: SyncEngine | undefined;
  let batches: number[][];
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

  const make = (maxBatch: number, answer: (events: readonly OutboxEvent[]) => BatchOutcome | Promise<BatchOutcome>): SyncEngine => {
    const deliverer: BatchDeliverer = {
      maxBatch,
      deliverMany: async (events) => {
        batches.push(events.map((e) => e.id));
        return answer(events);
      },
    };
    engine = new SyncEngine({ store, deliverers: { odoo: deliverer }, clock, policy: { baseDelayMs: 1_000, maxDelayMs: 8_000, maxAttempts: 3 }, random: () => 0.5, log, groupCommitMs: 0 });
    world.engines.push(engine);
    return engine;
  };
  const row = (id: number) => db.prepare('SELECT state, attempts, last_error AS lastError FROM outbox WHERE id = ?').get(id) as { state: string; attempts: number; lastError: string | null };

  beforeEach(() => {
    ({ db, clock, store } = world);
    batches = [];
    engine = undefined;
  });

  it('hands a key its pending events in order, at most maxBatch, and never another key', async () => {
    const a = [1, 2, 3, 4, 5].map(() => store.enqueue('odoo', 'picking:1', validate(1)));
    const b = [1, 2].map(() => store.enqueue('odoo', 'picking:2', validate(2)));
    const e = make(3, (events) => ({ done: events.length }));
    await e.start();
    await e.idle();
    expect(batches).toEqual([a.slice(0, 3), b, a.slice(3)]);
    expect(store.pendingCount()).toBe(0);
  });

  it('marks the acknowledged prefix done and the event where it stopped failed, which heads the next batch', async () => {
    const ids = [1, 2, 3, 4].map(() => store.enqueue('odoo', 'picking:1', validate(1)));
    let first = true;
    const e = make(10, (events) => {
      if (!first) return { done: events.length };
      first = false;
      return { done: 2, error: new StationError('SERVER', 'Odoo answered 500') };
    });
    await e.start();
    await e.idle();
    expect(batches).toEqual([ids]);
    expect([ids[0], ids[1]].map((id) => row(id as number).state)).toEqual(['done', 'done']);
    expect(row(ids[2] as number)).toMatchObject({ state: 'pending', attempts: 1, lastError: expect.stringContaining('500') });
    expect(row(ids[3] as number)).toMatchObject({ state: 'pending', attempts: 0, lastError: null });
    await clock.advanceAsync(1_000, 100);
    await e.idle();
    expect(batches[1]).toEqual(ids.slice(2));
    expect(store.pendingCount()).toBe(0);
  });

  it('a batch that throws fails its head only; one that acknowledges nothing without a reason is a failure too', async () => {
    const [x, y] = [1, 2].map(() => store.enqueue('odoo', 'picking:1', validate(1)));
    const e = make(10, () => ({ done: 0 }));
    await e.start();
    await e.idle();
    expect(row(x as number)).toMatchObject({ state: 'pending', attempts: 1, lastError: expect.stringContaining('acknowledged none') });
    expect(row(y as number).attempts).toBe(0);
  });

  it('stops the batch at a dead event of its key', async () => {
    const [x] = [store.enqueue('odoo', 'picking:1', validate(1))];
    const dead = store.enqueue('odoo', 'picking:1', validate(1));
    const after = store.enqueue('odoo', 'picking:1', validate(1));
    store.markDead(dead, 'refused');
    // The head stays pending: only rows behind it can be dead after a replay of an earlier letter; still, none is taken.
    expect(store.following({ ...(store.due('odoo', clock.now(), 1)[0] as OutboxEvent) }, 10)).toEqual([]);
    const e = make(10, (events) => ({ done: events.length }));
    await e.start();
    await e.idle();
    expect(batches).toEqual([[x]]);
    expect(row(after).state).toBe('pending');
  });

  it('hands several keys to one delivery (at most maxKeys), each key with its own outcome', async () => {
    const keys = [1, 2, 3, 4].map((k) => [store.enqueue('odoo', `picking:${k}`, validate(k)), store.enqueue('odoo', `picking:${k}`, validate(k))]);
    const groups: number[][][] = [];
    const deliverer: BatchDeliverer = {
      maxBatch: 10,
      maxKeys: 3,
      // A key alone comes through deliverMany.
      deliverMany: async (events) => (await deliverer.deliverGroups!([events]))[0]!,
      deliverGroups: async (batches) => {
        groups.push(batches.map((b) => b.map((e) => e.id)));
        // picking 2 fails at its second event; the others go through.
        return batches.map((b) => (b[0]?.orderKey === 'picking:2' && groups.length === 1 ? { done: 1, error: new StationError('SERVER', 'Odoo answered 500') } : { done: b.length }));
      },
    };
    engine = new SyncEngine({ store, deliverers: { odoo: deliverer }, clock, policy: { baseDelayMs: 1_000, maxDelayMs: 8_000, maxAttempts: 3 }, random: () => 0.5, log, groupCommitMs: 0, concurrency: 8 });
    world.engines.push(engine);
    await engine.start();
    await engine.idle();
    expect(groups[0]).toEqual(keys.slice(0, 3));
    expect(groups[1]).toEqual([keys[3]]);
    expect(row(keys[1]![0]!).state).toBe('done');
    expect(row(keys[1]![1]!)).toMatchObject({ state: 'pending', attempts: 1 });
    await clock.advanceAsync(1_000, 100);
    await engine.idle();
    expect(groups.at(-1)).toEqual([[keys[1]![1]]]);
    expect(store.pendingCount()).toBe(0);
  });
});
