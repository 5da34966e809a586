import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StationError } from '../../../../app/domain/errors';
import type { Picking } from '../../../../app/domain/picking.schema';
import type { OdooPickingFeed, PickingRef, ReadyPickingsQuery } from '../../../../app/ports';
import { closeStationDb, openStationDb, type StationDb } from '../../../../sync/db/station-db';
import { PickingPrefetcher, type PrefetchOptions } from '../../../../sync/odoo/picking-prefetch';
import { OutboxStore } from '../../../../sync/outbox/outbox.store';
import { SqlitePickingCache } from '../../../../sync/outbox/picking-cache.store';
import { FakeClock, flushPromises } from '../../../support/fake-clock';
import { picking, tempDir } from '../outbox/outbox-fixtures';

/** An Odoo reduced to the feed: pickings with a state and a write_date; every query recorded; can be made unreachable. */
class ScriptedFeed implements OdooPickingFeed {
  readonly queries: ReadyPickingsQuery[] = [];
  readonly records = new Map<number, { picking: Picking; ref: PickingRef }>();
  down = false;
  private second = 0;

  put(id: number, state = 'assigned'): void {
    this.second += 1;
    const writeDate = `2026-01-01 00:00:${String(this.second).padStart(2, '0')}`;
    this.records.set(id, { picking: picking(id, { state: state as Picking['state'] }), ref: { id, state, writeDate } });
  }

  async readyPickings(query: ReadyPickingsQuery): Promise<PickingRef[]> {
    this.check();
    this.queries.push(query);
    return [...this.records.values()]
      .map((r) => r.ref)
      .filter((r) => r.state === 'assigned' && (query.since === null || r.writeDate > query.since))
      .slice(0, query.limit);
  }

  async pickingStates(ids: readonly number[], since: string | null): Promise<PickingRef[]> {
    this.check();
    return ids.flatMap((id) => {
      const ref = this.records.get(id)?.ref;
      return ref && (since === null || ref.writeDate > since) ? [ref] : [];
    });
  }

  async loadPickings(ids: readonly number[]) {
    this.check();
    return { pickings: ids.flatMap((id) => this.records.get(id)?.picking ?? []), refused: [] };
  }

  private check(): void {
    if (this.down) throw new StationError('NETWORK', 'connect ECONNREFUSED 127.0.0.1:8069');
  }
}

const options: PrefetchOptions = { enabled: true, intervalMs: 60_000, maxPickings: 3, maxAgeDays: 14, fullEvery: 3 };

describe('PickingPrefetcher timing and bounds (FakeClock)', () => {
  const tmp = tempDir();
  let db: StationDb;
  let clock: FakeClock;
  let cache: SqlitePickingCache;
  let feed: ScriptedFeed;
  let prefetch: PickingPrefetcher;

  /** Fires the timers due within `ms` and lets the pass they started finish (its calls resolve on the microtask queue). */
  const tick = async (ms: number) => {
    clock.advance(ms);
    await flushPromises(50);
  };

  beforeEach(() => {
    db = openStationDb(tmp.file(`prefetch-${Math.random().toString(36).slice(2)}.db`));
    clock = new FakeClock();
    cache = new SqlitePickingCache(db, clock, new OutboxStore(db, clock));
    feed = new ScriptedFeed();
    prefetch = new PickingPrefetcher({ feed, cache, clock, options });
  });
  afterEach(async () => {
    await prefetch.stop();
    closeStationDb(db);
  });

  it('refreshes on start and every interval, a full reconcile every Nth pass, and stops with no timer left', async () => {
    feed.put(1);
    feed.put(2);
    await prefetch.start();
    expect(feed.queries).toHaveLength(0); // start-up does not wait for Odoo
    await tick(0);
    expect(feed.queries.map((q) => q.since)).toEqual([null]);
    expect(cache.count()).toBe(2);
    await tick(options.intervalMs - 1);
    expect(feed.queries).toHaveLength(1);
    await tick(1);
    await tick(options.intervalMs);
    await tick(options.intervalMs);
    // Pass 1 full, 2 and 3 incremental from the newest write_date seen less the overlap, pass 4 full again.
    expect(feed.queries.map((q) => (q.since === null ? 'full' : 'since'))).toEqual(['full', 'since', 'since', 'full']);
    expect(feed.queries[1]!.since).toBe('2025-12-31 23:59:02');
    expect(feed.queries[0]!.notBefore).toBe(new Date(clock.now() - 3 * options.intervalMs - 14 * 86_400_000).toISOString().slice(0, 19).replace('T', ' '));
    await prefetch.stop();
    expect(clock.pending).toBe(0);
  });

  it('keeps the cache through an outage, records it, retries next period, and stays due for a full pass', async () => {
    feed.put(1);
    await prefetch.start();
    await tick(0);
    feed.down = true;
    feed.put(2);
    await tick(options.intervalMs);
    expect(prefetch.status()).toMatchObject({ count: 1, lastError: 'connect ECONNREFUSED 127.0.0.1:8069', lastErrorAt: clock.now(), refreshing: false });
    expect(cache.cachedPicking('WH/OUT/00001')?.id).toBe(1);
    feed.down = false;
    await tick(options.intervalMs);
    expect(prefetch.status()).toMatchObject({ count: 2, lastError: null, lastRefreshAt: clock.now() });
  });

  it('bounds the cache by maxPickings also between full passes, and drops what Odoo finished', async () => {
    for (const id of [1, 2]) feed.put(id);
    await prefetch.start();
    await tick(0);
    for (const id of [3, 4, 5]) feed.put(id);
    await tick(options.intervalMs);
    expect(cache.count()).toBe(options.maxPickings);
    feed.put(1, 'done');
    feed.put(2, 'cancel');
    await tick(options.intervalMs);
    expect([...cache.held().keys()].sort()).toEqual([3, 4, 5]);
  });

  it('joins a pass in flight instead of starting a second one; disabled, it only masks finished pickings', async () => {
    feed.put(1);
    const [a, b] = [prefetch.refresh(), prefetch.refresh()];
    expect(a).toBe(b);
    expect(prefetch.status().refreshing).toBe(true);
    await a;
    expect(feed.queries).toHaveLength(1);

    const disabled = new PickingPrefetcher({ feed, cache, clock, options: { ...options, enabled: false } });
    expect(await disabled.refresh()).toMatchObject({ loaded: 0, error: null });
    expect(feed.queries).toHaveLength(1);
    expect(disabled.status()).toMatchObject({ enabled: false, count: 1 });
  });
});
