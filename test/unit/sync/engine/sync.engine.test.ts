import { beforeEach, describe, expect, it, vi } from 'vitest';
import { StationError } from '../../../../app/domain/errors';
import type { OutboxEvent, OutboxPayload } from '../../../../app/domain/outbox-event.schema';
import type { StationDb } from '../../../../sync/db/station-db';
import { SyncEngine } from '../../../../sync/engine/sync.engine';
import type { Deliverer, SyncEngineOptions } from '../../../../sync/engine/sync.engine';
import type { OutboxStore } from '../../../../sync/outbox/outbox.store';
import type { FakeClock } from '../../../support/fake-clock';
import { closeStationDb } from '../../../../sync/db/station-db';
import { parcel } from '../outbox/outbox-fixtures';
import { engineWorld } from './engine-fixture';

const validate = (pickingId: number): OutboxPayload => ({ type: 'picking.validate', pickingId });
const packed = (pickingId: number, index = 1): OutboxPayload => ({ type: 'parcel.packed', parcel: parcel(pickingId, index) });
const label = (e: OutboxEvent): string =>
  `${e.orderKey}/${e.payload.type}${e.payload.type === 'parcel.packed' ? `#${e.payload.parcel.index}` : ''}`;

describe('SyncEngine', () => {
  const world = engineWorld();
  let db: StationDb;
  let clock: FakeClock;
  let store: OutboxStore;
  let engine: SyncEngine | undefined;
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

  const make = (deliver: Deliverer, opts: Partial<SyncEngineOptions> = {}): SyncEngine => {
    engine = new SyncEngine({
      store,
      deliverers: { odoo: deliver },
      clock,
      policy: { baseDelayMs: 1_000, maxDelayMs: 8_000, maxAttempts: 7 },
      random: () => 0.999999,
      log,
      ...opts,
    });
    world.engines.push(engine);
    return engine;
  };
  /** Advances fake time 1 ms at a time, letting deliveries settle in between, so every timestamp is exact. */
  const runFor = async (ms: number): Promise<void> => {
    for (let i = 0; i < ms; i++) {
      clock.advance(1);
      await engine!.idle();
    }
  };

  beforeEach(() => {
    ({ db, clock, store } = world);
    engine = undefined;
    vi.clearAllMocks();
  });

  it('delivers every event in order per key, marks it done and tells listeners', async () => {
    store.enqueue('odoo', 'picking:1', packed(1, 1));
    store.enqueue('odoo', 'picking:1', packed(1, 2));
    store.enqueue('odoo', 'picking:1', validate(1));
    store.enqueue('odoo', 'picking:2', validate(2));
    const delivered: string[] = [];
    const heard: number[] = [];
    const e = make(async (ev) => void delivered.push(label(ev)));
    e.onDelivered((ev) => heard.push(ev.id));
    await e.start();
    await e.idle();
    expect(delivered.filter((d) => d.startsWith('picking:1'))).toEqual([
      'picking:1/parcel.packed#1',
      'picking:1/parcel.packed#2',
      'picking:1/picking.validate',
    ]);
    expect(delivered).toHaveLength(4);
    expect(heard.sort()).toEqual([1, 2, 3, 4]);
    expect(store.pendingCount()).toBe(0);
    expect(e.status().sync[0]).toMatchObject({ target: 'odoo', depth: 0, lastSuccessAt: clock.now(), lastError: null });
  });

  it('a failing head blocks its own key but not the others', async () => {
    store.enqueue('odoo', 'picking:1', packed(1));
    store.enqueue('odoo', 'picking:1', validate(1));
    store.enqueue('odoo', 'picking:2', packed(2));
    store.enqueue('odoo', 'picking:2', validate(2));
    let odooDownFor1 = true;
    const delivered: string[] = [];
    const e = make(async (ev) => {
      if (odooDownFor1 && ev.orderKey === 'picking:1') throw new StationError('NETWORK', 'connection refused');
      delivered.push(label(ev));
    });
    await e.start();
    await e.idle();
    expect(delivered).toEqual(['picking:2/parcel.packed#1', 'picking:2/picking.validate']);
    expect(e.status().sync[0]).toMatchObject({ depth: 2, lastError: 'NETWORK: connection refused' });

    odooDownFor1 = false;
    // Each success of picking 2 proved Odoo reachable and brought picking 1 forward once more: its backoff grew.
    await runFor(8_000);
    expect(delivered.slice(2)).toEqual(['picking:1/parcel.packed#1', 'picking:1/picking.validate']);
    expect(e.status().sync[0]).toMatchObject({ depth: 0, lastError: null });
  });

  it('runs different keys concurrently up to the bound, one key strictly sequentially', async () => {
    for (let k = 1; k <= 6; k++) {
      store.enqueue('odoo', `picking:${k}`, packed(k));
      store.enqueue('odoo', `picking:${k}`, validate(k));
    }
    const active = new Set<string>();
    let maxActive = 0;
    const pending: (() => void)[] = [];
    const e = make(
      (ev) =>
        new Promise<void>((resolve) => {
          expect(active.has(ev.orderKey)).toBe(false);
          active.add(ev.orderKey);
          maxActive = Math.max(maxActive, active.size);
          pending.push(() => {
            active.delete(ev.orderKey);
            resolve();
          });
        }),
      { concurrency: 4 },
    );
    await e.start();
    for (let round = 0; round < 20 && store.pendingCount() > 0; round++) {
      expect(active.size).toBeLessThanOrEqual(4);
      pending.splice(0).forEach((done) => done());
      // not idle(): the next deliveries start at once and hang until the next round releases them
      await new Promise((r) => setImmediate(r));
    }
    await e.idle();
    expect(maxActive).toBe(4);
    expect(store.pendingCount()).toBe(0);
  });

  it('backs off exponentially with full jitter, capped, then dead-letters after maxAttempts', async () => {
    const id = store.enqueue('odoo', 'picking:1', validate(1));
    const attempts: number[] = [];
    const e = make(async () => {
      attempts.push(clock.now());
      throw new StationError('SERVER', '500 internal server error');
    });
    await e.start();
    await e.idle();
    await runFor(35_000);
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
    // random() = 0.999999: each delay is just under min(8000, 1000 * 2^(n-1))
    expect(gaps).toEqual([999, 1_999, 3_999, 7_999, 7_999, 7_999]);
    expect(attempts).toHaveLength(7);
    const [dl] = e.status().deadLetters;
    expect(dl).toMatchObject({ eventId: id, orderKey: 'picking:1' });
    expect(dl?.reason).toMatch(/gave up after 7 attempts; last error SERVER: 500 internal server error/);
    expect(store.pendingCount()).toBe(0);
  });

  it('never waits less than Retry-After', async () => {
    store.enqueue('odoo', 'picking:1', validate(1));
    const attempts: number[] = [];
    const e = make(
      async () => {
        attempts.push(clock.now());
        if (attempts.length === 1) throw new StationError('RATE_LIMITED', '429', { retryAfterMs: 30_000 });
      },
      { random: () => 0.5 },
    );
    await e.start();
    await e.idle();
    await runFor(31_000);
    expect(attempts.map((t) => t - attempts[0]!)).toEqual([0, 30_000]);
  });

  it('dead-letters a non-retryable error at once; replay delivers the key in order afterwards', async () => {
    store.enqueue('odoo', 'picking:1', packed(1));
    store.enqueue('odoo', 'picking:1', validate(1));
    store.enqueue('odoo', 'picking:2', validate(2));
    let reject = true;
    const delivered: string[] = [];
    const e = make(async (ev) => {
      if (reject && ev.payload.type === 'parcel.packed') throw new StationError('REJECTED', 'product is archived');
      delivered.push(label(ev));
    });
    await e.start();
    await e.idle();
    await runFor(3_000);
    expect(delivered).toEqual(['picking:2/picking.validate']);
    const [dl] = e.status().deadLetters;
    expect(dl).toMatchObject({ orderKey: 'picking:1', reason: 'REJECTED: product is archived' });

    reject = false;
    store.replay(dl!.id);
    e.kick();
    await e.idle();
    expect(delivered).toEqual(['picking:2/picking.validate', 'picking:1/parcel.packed#1', 'picking:1/picking.validate']);
    expect(e.status().deadLetters).toEqual([]);
  });

  it('treats an unknown exception as retryable', async () => {
    const id = store.enqueue('odoo', 'picking:1', validate(1));
    const e = make(async () => {
      throw new TypeError('cannot read properties of undefined');
    });
    await e.start();
    await e.idle();
    expect(db.prepare('SELECT state, attempts, last_error FROM outbox WHERE id = ?').get(id)).toEqual({
      state: 'pending',
      attempts: 1,
      last_error: 'unexpected: cannot read properties of undefined',
    });
  });

  it('picks up events enqueued without a kick on its idle tick, and wakes at once on kick', async () => {
    const delivered: string[] = [];
    const e = make(async (ev) => void delivered.push(label(ev)), { idleMs: 1_000 });
    await e.start();
    store.enqueue('odoo', 'picking:1', validate(1));
    await runFor(999);
    expect(delivered).toEqual([]);
    await runFor(1);
    expect(delivered).toEqual(['picking:1/picking.validate']);
    store.enqueue('odoo', 'picking:2', validate(2));
    e.kick();
    await e.idle();
    expect(delivered).toHaveLength(2);
  });

  it('stop() drains the delivery in flight and then stays quiet', async () => {
    store.enqueue('odoo', 'picking:1', validate(1));
    let release: () => void = () => undefined;
    const deliver = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const e = make(deliver);
    await e.start();
    let stopped = false;
    const stopping = e.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(store.pendingCount()).toBe(0);
    store.enqueue('odoo', 'picking:2', validate(2));
    e.kick();
    clock.advance(10_000);
    await e.idle();
    expect(deliver).toHaveBeenCalledTimes(1);
    expect(clock.pending).toBe(0);
  });

  it('survives a storage failure in its loop and logs it', async () => {
    const e = make(async () => undefined);
    await e.start();
    closeStationDb(db);
    expect(() => clock.advance(2_000)).not.toThrow();
    expect(log.error).toHaveBeenCalled();
    await e.stop();
  });
});
