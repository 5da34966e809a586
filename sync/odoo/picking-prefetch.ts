import type { PickingCacheStatus } from '../../app/domain/status.schema';
import { errorMessage, isUnreachable } from '../../app/domain/errors';
import type { Clock, Lifecycle, LogSink, OdooPickingFeed, PickingRef } from '../../app/ports';
import { silentLogSink } from '../../app/ports';
import type { SqlitePickingCache } from '../outbox/picking-cache.store';
import { fromOdooDatetime, laterOf, toOdooDatetime } from './odoo-datetime';
import { READY_STATES } from './odoo-ready-pickings.query';

export interface PrefetchOptions {
  enabled: boolean;
  pickingTypeIds?: number[];
  warehouseId?: number;
  intervalMs: number;
  maxPickings: number;
  maxAgeDays: number;
  /** Every Nth refresh is a full reconcile (the first one after start always is). */
  fullEvery?: number;
  /**
   * How far before the cursor an incremental pass looks again. Odoo stamps write_date with the transaction's start,
   * so a long transaction that commits after our read carries a write_date older than the newest one we saw.
   */
  overlapMs?: number;
}

export type PrefetchCache = Pick<
  SqlitePickingCache,
  'held' | 'count' | 'storePrefetched' | 'forget' | 'maskFinished' | 'freshness' | 'recordRefresh' | 'recordRefreshError'
>;

export interface RefreshReport {
  full: boolean;
  /** Pickings loaded (new or changed) and stored. */
  loaded: number;
  /** Pickings dropped: done, cancelled, deleted or out of scope in Odoo (rows with open work are masked instead). */
  dropped: number;
  /** Rows whose customer data was masked (finished and synced, or finished in Odoo with work still open here). */
  masked: number;
  /** Pickings Odoo holds that cannot be packed here (no address, no lines…), with why. */
  refused: { id: number; reason: string }[];
  durationMs: number;
  error: string | null;
}

const FINISHED = new Set(['done', 'cancel']);
const DAY_MS = 86_400_000;

/**
 * Keeps the work at the bench: on start and every `intervalMs` while Odoo answers, fetches the ready pickings in
 * scope into the local cache, so a picking never scanned here can still be packed while Odoo is out of reach.
 * Refreshes are incremental (`write_date` after the last one seen: only what changed is loaded in full) with a full
 * reconcile on start and every `fullEvery` refreshes, which also learns about pickings that left the ready set.
 * An unreachable Odoo is not a fault: the cache stays as it was, the error is recorded, the next period retries.
 * Each pass also masks the customer data of pickings the station finished and Odoo received, even while Odoo is down.
 */
export class PickingPrefetcher implements Lifecycle {
  private timer: unknown = null;
  private inflight: Promise<RefreshReport> | null = null;
  private stopped = true;
  private sinceFull = Number.POSITIVE_INFINITY;
  private readonly fullEvery: number;
  private readonly overlapMs: number;

  constructor(
    private readonly deps: {
      feed: OdooPickingFeed;
      cache: PrefetchCache;
      clock: Clock;
      options: PrefetchOptions;
      log?: LogSink;
      /** Held pickings Odoo shows cancelled, before their copies go (the station voids their labels). */
      onCancelled?: (pickingIds: number[]) => void;
    },
  ) {
    this.fullEvery = Math.max(1, deps.options.fullEvery ?? 12);
    this.overlapMs = deps.options.overlapMs ?? 60_000;
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.sinceFull = Number.POSITIVE_INFINITY;
    // Start-up does not wait for Odoo: the first pass runs in the background.
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    await this.inflight;
  }

  /** Runs a pass now (or joins the one in flight). Never rejects: a failure is in the report and in the status. */
  refresh(): Promise<RefreshReport> {
    this.inflight ??= this.pass().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  status(): PickingCacheStatus {
    const { cache, options } = this.deps;
    const f = cache.freshness();
    return { enabled: options.enabled, count: cache.count(), lastRefreshAt: f.lastRefreshAt, lastError: f.lastError, lastErrorAt: f.lastErrorAt, refreshing: this.inflight !== null };
  }

  private schedule(ms: number): void {
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      void this.refresh().then(() => {
        if (!this.stopped) this.schedule(this.deps.options.intervalMs);
      });
    }, ms);
  }

  private async pass(): Promise<RefreshReport> {
    const { cache, clock, options } = this.deps;
    const log = this.deps.log ?? silentLogSink;
    const started = clock.now();
    const full = this.sinceFull >= this.fullEvery - 1;
    const report: RefreshReport = { full, loaded: 0, dropped: 0, masked: 0, refused: [], durationMs: 0, error: null };
    try {
      report.masked = cache.maskFinished();
      if (options.enabled) {
        const cursor = await (full ? this.reconcile(report) : this.catchUp(report));
        cache.recordRefresh(clock.now(), cursor, full);
        this.sinceFull = full ? 0 : this.sinceFull + 1;
      }
    } catch (error) {
      report.error = errorMessage(error);
      try {
        cache.recordRefreshError(clock.now(), report.error);
      } catch {
        // The storage failure itself reaches the supervisor through the ledger's next write.
      }
      // An outage is the case this cache exists for: worth a line, not an alarm.
      (isUnreachable(error) ? log.info : log.warn).call(log, { err: report.error, full }, 'picking prefetch failed; the cache stays as it was');
    }
    report.durationMs = clock.now() - started;
    if (report.error === null && options.enabled) log.info({ ...report, refused: report.refused.length }, 'picking cache refreshed');
    return report;
  }

  /** Full pass: every ready picking in scope is (re)loaded; held pickings outside it are asked about and dropped. */
  private async reconcile(report: RefreshReport): Promise<string | null> {
    const { feed, cache } = this.deps;
    const held = cache.held();
    const refs = await feed.readyPickings(this.query(null));
    const ready = new Set(refs.map((r) => r.id));
    const outside = [...held.keys()].filter((id) => !ready.has(id));
    const states = new Map((await feed.pickingStates(outside, null)).map((r) => [r.id, r.state]));
    this.cancelled(outside.filter((id) => states.get(id) === 'cancel'));
    // Gone from Odoo, finished, or no longer in scope; a copy a scan brought stays while its picking is open.
    const drop = outside.filter((id) => {
      const state = states.get(id);
      return state === undefined || FINISHED.has(state) || held.get(id)?.source === 'prefetch';
    });
    await this.load(refs, drop, report);
    this.forget(drop, report);
    return laterOf(cache.freshness().cursor, newest(refs));
  }

  /** Incremental pass: only pickings written since the cursor (less the overlap) are asked about and loaded. */
  private async catchUp(report: RefreshReport): Promise<string | null> {
    const { feed, cache, options } = this.deps;
    const held = cache.held();
    const cursor = cache.freshness().cursor;
    const since = cursor === null ? this.notBefore() : toOdooDatetime(fromOdooDatetime(cursor) - this.overlapMs);
    const refs = await feed.readyPickings(this.query(since));
    const ready = new Set(refs.map((r) => r.id));
    const left = await feed.pickingStates([...held.keys()].filter((id) => !ready.has(id)), since);
    this.cancelled(left.filter((r) => r.state === 'cancel').map((r) => r.id));
    const drop = left.filter((r) => FINISHED.has(r.state) || (!READY_STATES.includes(r.state) && held.get(r.id)?.source === 'prefetch')).map((r) => r.id);
    // New pickings fill the room left under maxPickings. Refs come oldest write first: the cursor stops before the
    // first one left out, so it is asked about again once there is room.
    let room = options.maxPickings - (held.size - drop.length);
    const firstLeftOut = refs.findIndex((r) => !held.has(r.id) && room-- <= 0);
    const taken = firstLeftOut < 0 ? refs : refs.slice(0, firstLeftOut);
    await this.load(taken.filter((r) => held.get(r.id)?.writeDate !== r.writeDate), drop, report);
    this.forget(drop, report);
    return laterOf(cursor, newest(taken));
  }

  private async load(refs: readonly PickingRef[], drop: number[], report: RefreshReport): Promise<void> {
    if (refs.length === 0) return;
    const writeDates = new Map(refs.map((r) => [r.id, r.writeDate]));
    const { pickings, refused } = await this.deps.feed.loadPickings(refs.map((r) => r.id));
    // A picking that changed state between the two reads is not stored as ready; the next pass sees it as it is.
    const ready = pickings.filter((p) => READY_STATES.includes(p.state));
    this.deps.cache.storePrefetched(ready.map((picking) => ({ picking, writeDate: writeDates.get(picking.id) ?? '' })));
    report.loaded = ready.length;
    report.refused = refused;
    // A copy of a picking that can no longer be packed (or left the ready set meanwhile) is outdated.
    drop.push(...refused.map((r) => r.id), ...pickings.filter((p) => !READY_STATES.includes(p.state)).map((p) => p.id));
  }

  private cancelled(ids: number[]): void {
    if (ids.length === 0 || !this.deps.onCancelled) return;
    try {
      this.deps.onCancelled(ids);
    } catch (error) {
      // The next pass sees them cancelled again (their copies stay while their work is open) and tries again.
      (this.deps.log ?? silentLogSink).error({ err: errorMessage(error), pickingIds: ids }, 'cancelled pickings: their labels could not be voided');
    }
  }

  private forget(ids: readonly number[], report: RefreshReport): void {
    if (ids.length === 0) return;
    const { deleted, masked } = this.deps.cache.forget([...new Set(ids)]);
    report.dropped = deleted;
    report.masked += masked;
  }

  private query(since: string | null) {
    const { options } = this.deps;
    return {
      since,
      notBefore: this.notBefore(),
      limit: options.maxPickings,
      ...(options.pickingTypeIds ? { pickingTypeIds: options.pickingTypeIds } : {}),
      ...(options.warehouseId !== undefined ? { warehouseId: options.warehouseId } : {}),
    };
  }

  private notBefore(): string {
    return toOdooDatetime(this.deps.clock.now() - this.deps.options.maxAgeDays * DAY_MS);
  }
}

const newest = (refs: readonly PickingRef[]): string | null => refs.reduce<string | null>((max, r) => laterOf(max, r.writeDate), null);
