/**
 * An unreachable remote is waiting, not failing: events are held back while a cheap probe checks the remote, none is
 * dead-lettered however long the outage lasts, and the first successful probe drains the backlog at once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StationError } from '../../../../app/domain/errors';
import type { OutboxPayload } from '../../../../app/domain/outbox-event.schema';
import { closeStationDb, openStationDb } from '../../../../sync/db/station-db';
import type { StationDb } from '../../../../sync/db/station-db';
import { SyncEngine } from '../../../../sync/engine/sync.engine';
import type { SyncEngineOptions } from '../../../../sync/engine/sync.engine';
import { OutboxStore } from '../../../../sync/outbox/outbox.store';
import { FakeClock } from '../../../support/fake-clock';
import { tempDir } from '../outbox/outbox-fixtures';

const validate = (pickingId: number): OutboxPayload => ({ type: 'picking.validate', pickingId });
const policy = { baseDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 3 };
const refused = () => new StationError('NETWORK', 'connect ECONNREFUSED 127.0.0.1:8069');

describe('SyncEngine during an outage', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: StationDb;
  let clock: FakeClock;
  let store: OutboxStore;
  const engines: SyncEngine[] = [];
  let up = false;
  let deliveries = 0;
  let probes = 0;
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

  const make = (opts: Partial<SyncEngineOptions> = {}): SyncEngine => {
    const engine = new SyncEngine({
      store,
      deliverers: {
        odoo: async () => {
          deliveries += 1;
          if (!up) throw refused();
        },
      },
      probes: {
        odoo: async () => {
          probes += 1;
          if (!up) throw refused();
        },
      },
      probeBaseMs: 1_000,
      probeMaxMs: 10_000,
      clock,
      policy,
      random: () => 0.999999,
      log,
      ...opts,
    });
    engines.push(engine);
    return engine;
  };
  /** Advances fake time in 100 ms steps, letting deliveries and probes settle in between. */
  const runFor = async (ms: number): Promise<void> => clock.advanceAsync(ms, 100);

  beforeEach(() => {
    tmp = tempDir();
    db = openStationDb(tmp.file());
    clock = new FakeClock();
    store = new OutboxStore(db, clock);
    up = false;
    deliveries = 0;
    probes = 0;
    vi.clearAllMocks();
  });
  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
    closeStationDb(db);
    tmp.cleanup();
  });

  it('holds events back and probes instead; nothing is dead-lettered however long it lasts; back → drains at once', async () => {
    for (let k = 1; k <= 5; k++) store.enqueue('odoo', `picking:${k}`, validate(k));
    const engine = make();
    const start = clock.now();
    await engine.start();
    await runFor(100);
    // The first failures tell the engine Odoo is out of reach; from then on only the probe talks to it.
    const sentBeforeHold = deliveries;
    expect(sentBeforeHold).toBeGreaterThan(0);
    expect(sentBeforeHold).toBeLessThanOrEqual(4);
    expect(engine.status().sync[0]).toMatchObject({ unreachableSince: start, depth: 5, lastError: expect.stringContaining('ECONNREFUSED') });

    // Six hours: far past maxAttempts × maxDelay.
    for (let h = 0; h < 6 * 36; h++) await clock.advanceAsync(100_000, 10_000);
    expect(deliveries).toBe(sentBeforeHold);
    expect(probes).toBeGreaterThan(6 * 360 * 0.9); // about one probe per probeMaxMs (10 s)
    expect(probes).toBeLessThan(6 * 3600);
    expect(engine.status().deadLetters).toEqual([]);
    expect(store.pendingCount()).toBe(5);
    expect(log.warn).toHaveBeenCalledWith(expect.objectContaining({ target: 'odoo' }), expect.stringContaining('unreachable'));

    // Back: the next probe (≤ 10 s away) releases every event, although each one's own backoff was up to 60 s.
    up = true;
    await runFor(10_000);
    expect(store.pendingCount()).toBe(0);
    expect(engine.status().sync[0]).toMatchObject({ unreachableSince: null, depth: 0, lastError: null });
    expect(log.info).toHaveBeenCalledWith(expect.objectContaining({ target: 'odoo', released: expect.any(Number) }), expect.stringContaining('reachable again'));
  });

  it('takes new events during the outage without sending them, and delivers them in order afterwards', async () => {
    const order: number[] = [];
    const engine = make({
      deliverers: {
        odoo: async (event) => {
          deliveries += 1;
          if (!up) throw refused();
          order.push(event.id);
        },
      },
    });
    await engine.start();
    const first = store.enqueue('odoo', 'picking:1', validate(1));
    engine.kick();
    await runFor(100);
    const sent = deliveries;
    const later = [store.enqueue('odoo', 'picking:1', validate(1)), store.enqueue('odoo', 'picking:2', validate(2))];
    engine.kick();
    await runFor(30_000);
    expect(deliveries).toBe(sent);
    up = true;
    await runFor(10_000);
    expect(order.indexOf(first)).toBeLessThan(order.indexOf(later[0]!));
    expect(order.sort()).toEqual([first, ...later].sort());
  });

  it('a station started during an outage probes before it sends anything', async () => {
    store.enqueue('odoo', 'picking:1', validate(1));
    const before = make();
    await before.start();
    await runFor(100);
    await before.stop();
    const since = store.unreachableSince('odoo');
    expect(since).not.toBeNull();

    deliveries = 0;
    probes = 0;
    const after = make();
    await after.start();
    await runFor(5_000);
    expect(deliveries).toBe(0);
    expect(probes).toBeGreaterThan(0);
    expect(after.status().sync[0]?.unreachableSince).toBe(since);
    up = true;
    await runFor(10_000);
    expect(deliveries).toBe(1);
    expect(store.pendingCount()).toBe(0);
  });

  it('a probe that gets any answer ends the outage: the events themselves then say what is wrong', async () => {
    store.enqueue('odoo', 'picking:1', validate(1));
    const engine = make({
      probes: {
        odoo: async () => {
          probes += 1;
          if (!up) throw refused();
          throw new StationError('AUTH', 'AccessDenied');
        },
      },
    });
    await engine.start();
    await runFor(100);
    up = true;
    await runFor(10_000);
    expect(engine.status().sync[0]?.unreachableSince).toBeNull();
    expect(store.pendingCount()).toBe(0);
  });

  it('a remote that answers with errors (500) still dead-letters after maxAttempts', async () => {
    store.enqueue('odoo', 'picking:1', validate(1));
    const engine = make({
      deliverers: {
        odoo: async () => {
          throw new StationError('SERVER', 'odoo.exceptions.CacheMiss');
        },
      },
    });
    await engine.start();
    await runFor(120_000);
    expect(engine.status().deadLetters).toHaveLength(1);
    expect(engine.status().sync[0]?.unreachableSince).toBeNull();
  });

  it('a 429 with Retry-After holds everything, probes included, until then; the status says until when', async () => {
    store.enqueue('odoo', 'picking:1', validate(1));
    store.enqueue('odoo', 'picking:2', validate(2));
    let throttled = true;
    const engine = make({
      deliverers: {
        odoo: async () => {
          deliveries += 1;
          if (throttled) throw new StationError('RATE_LIMITED', 'HTTP 429', { retryAfterMs: 30_000 });
        },
      },
    });
    const start = clock.now();
    await engine.start();
    await runFor(100);
    const sent = deliveries;
    expect(engine.status().sync[0]?.throttledUntil).toBe(start + 30_000);
    throttled = false;
    up = true;
    await runFor(29_000);
    expect(deliveries).toBe(sent);
    expect(probes).toBe(0);
    await runFor(11_000);
    expect(probes).toBeGreaterThan(0);
    expect(store.pendingCount()).toBe(0);
    expect(engine.status().sync[0]?.throttledUntil).toBeNull();
  });

  it('only failures the remote answered count towards a dead letter, not the outage around them', async () => {
    store.enqueue('odoo', 'picking:1', validate(1));
    let calls = 0;
    // maxAttempts is 3: refused, 500, refused, refused, 500, then accepted — five failures, two answered.
    const script = ['refused', '500', 'refused', 'refused', '500', 'ok'];
    const engine = make({
      deliverers: {
        odoo: async () => {
          const step = script[Math.min(calls++, script.length - 1)];
          if (step === 'refused') throw refused();
          if (step === '500') throw new StationError('SERVER', 'HTTP 500');
        },
      },
      probes: { odoo: async () => undefined },
    });
    await engine.start();
    await runFor(120_000);
    expect(engine.status().deadLetters).toEqual([]);
    expect(store.pendingCount()).toBe(0);
    expect(calls).toBe(6);
  });
});
