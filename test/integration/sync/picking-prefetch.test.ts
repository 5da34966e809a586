/**
 * The work is already at the bench: the station fetches the ready pickings of its scope ahead of any scan, keeps them
 * current incrementally, drops what Odoo finished, masks customer data once done, and serves them when Odoo is gone.
 * Real parts: the Odoo sandbox over HTTP on 127.0.0.1 (16 and 17), the JSON-RPC gateway, the station's SQLite file;
 * the prefetch's own time is a FakeClock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeStationDb, openStationDb, type StationDb } from '../../../sync/db/station-db';
import { OdooJsonRpcGateway } from '../../../sync/odoo/odoo.gateway';
import { OdooSandbox, type SandboxCall } from '../../../sync/sim/odoo/odoo-sandbox.sim';
import { toOdooDatetime } from '../../../sync/odoo/odoo-datetime';
import { PickingPrefetcher, type PrefetchOptions } from '../../../sync/odoo/picking-prefetch';
import { OutboxStore } from '../../../sync/outbox/outbox.store';
import { SqlitePickingCache } from '../../../sync/outbox/picking-cache.store';
import { FakeClock } from '../../support/fake-clock';
import { parcel, tempDir } from '../../unit/sync/outbox/outbox-fixtures';

const DAY_MS = 86_400_000;
const options: PrefetchOptions = { enabled: true, intervalMs: 300_000, maxPickings: 500, maxAgeDays: 14, fullEvery: 12 };

const pickingSearches = (calls: SandboxCall[]) => calls.filter((c) => c.model === 'stock.picking' && c.method === 'search_read');
const domainOf = (call: SandboxCall | undefined): unknown[] => (call?.args[0] as unknown[]) ?? [];

describe.each([16, 17] as const)('prefetching ready pickings from Odoo %i', (version) => {
  const tmp = tempDir();
  let odoo: OdooSandbox;
  let db: StationDb;
  let clock: FakeClock;
  let cache: SqlitePickingCache;
  let outbox: OutboxStore;
  let url: string;

  const prefetcher = (opts: Partial<PrefetchOptions> = {}) => {
    const gateway = new OdooJsonRpcGateway({ url, db: 'station', login: 'admin', apiKey: 'sandbox-key', timeoutMs: 2_000 });
    return new PickingPrefetcher({ feed: gateway, cache, clock, options: { ...options, ...opts } });
  };

  beforeEach(async () => {
    odoo = new OdooSandbox({ version });
    url = (await odoo.listen(0)).url;
    db = openStationDb(tmp.file(`station-${version}-${Math.random().toString(36).slice(2)}.db`));
    clock = new FakeClock(Date.now());
    outbox = new OutboxStore(db, clock);
    cache = new SqlitePickingCache(db, clock, outbox);
  });
  afterEach(async () => {
    closeStationDb(db);
    await odoo.close();
  });

  it('fills the cache on start with the ready pickings in scope, bounded in count and age, most urgent first', async () => {
    const seeded = odoo.createPickings(8);
    // Thirty days on, only pickings scheduled within the last 14 days are in scope.
    clock = new FakeClock(Date.now() + 30 * DAY_MS);
    cache = new SqlitePickingCache(db, clock, outbox);
    const soon = toOdooDatetime(clock.now() + DAY_MS);
    const later = toOdooDatetime(clock.now() + 2 * DAY_MS);
    for (const p of seeded.slice(0, 4)) odoo.writeInOdoo('stock.picking', p.id, { scheduled_date: later });
    odoo.writeInOdoo('stock.picking', seeded[5]!.id, { scheduled_date: soon });

    const prefetch = prefetcher({ maxPickings: 3 });
    await prefetch.start();
    clock.advance(0);
    const report = await prefetch.refresh();
    expect(report).toMatchObject({ full: true, loaded: 3, error: null });
    expect([...cache.held().keys()].sort()).toEqual([seeded[5]!.id, seeded[0]!.id, seeded[1]!.id].sort());
    const held = cache.cachedPicking(seeded[5]!.name);
    expect(held?.lines.map((l) => l.barcode)).toEqual(seeded[5]!.lines.map((l) => l.barcode));
    expect(held?.partner.street1).toBeTruthy();
    expect(prefetch.status()).toMatchObject({ enabled: true, count: 3, lastError: null, refreshing: false });
    await prefetch.stop();
    expect(clock.pending).toBe(0);
  });

  it('loads tracked and untracked pickings in one batch, each with the lots Odoo reserved for it', async () => {
    const plain = odoo.createPickings(2);
    const tracked = odoo.createPickings(2, { tracked: true });
    const report = await prefetcher().refresh();
    expect(report).toMatchObject({ loaded: 4, refused: [] });
    for (const seeded of [...plain, ...tracked]) {
      const held = cache.cachedPicking(seeded.name)!;
      expect(held.lines.map((l) => ({ barcode: l.barcode, quantity: l.quantity, lots: l.lots }))).toEqual(
        seeded.lines.map((l) => ({ barcode: l.barcode, quantity: l.quantity, lots: l.lots })),
      );
    }
    // One read per model for the whole batch, not one per picking.
    const perModel = (model: string) => odoo.calls().filter((c) => c.model === model).length;
    expect([perModel('stock.move'), perModel('stock.move.line'), perModel('res.partner'), perModel('product.product')]).toEqual([1, 1, 1, 1]);
  });

  it('loads a picking created in Odoo on the next refresh, asking only for what was written since', async () => {
    odoo.createPickings(5);
    const prefetch = prefetcher();
    await prefetch.refresh();
    expect(cache.count()).toBe(5);
    const cursor = cache.freshness().cursor!;
    odoo.clearCalls();

    const [created] = odoo.createPickings(1);
    clock.advance(options.intervalMs);
    const report = await prefetch.refresh();
    expect(report).toMatchObject({ full: false, loaded: 1, dropped: 0, error: null });
    const ready = domainOf(pickingSearches(odoo.calls())[0]);
    const since = ready.find((leaf) => Array.isArray(leaf) && leaf[0] === 'write_date') as unknown[];
    expect(since[1]).toBe('>');
    expect(String(since[2]) <= cursor).toBe(true);
    // Only the new picking is loaded in full.
    const loads = pickingSearches(odoo.calls()).filter((c) => JSON.stringify(domainOf(c)).includes('"id","in"') && (c.kwargs.fields as string[]).includes('partner_id'));
    expect(loads.map((c) => domainOf(c))).toEqual([[['id', 'in', [created!.id]]]]);
    expect(cache.cachedPicking(created!.name)?.id).toBe(created!.id);
  });

  it('drops pickings validated or cancelled in Odoo behind the station, and masks one the station still has work on', async () => {
    const [validated, cancelled, kept, packedHere] = odoo.createPickings(4);
    const prefetch = prefetcher();
    await prefetch.refresh();
    expect(cache.count()).toBe(4);
    const customer = cache.cachedPicking(packedHere!.name)!.partner;
    // The station recorded a parcel of this one; its event has not reached Odoo yet.
    db.prepare(`INSERT INTO parcels (picking_id, parcel_index, parcel, weight_g, packed_at) VALUES (?, 1, ?, 500, 0)`).run(packedHere!.id, JSON.stringify(parcel(packedHere!.id)));

    odoo.validateInOdoo(validated!.id);
    odoo.cancelInOdoo(cancelled!.id);
    odoo.cancelInOdoo(packedHere!.id);
    clock.advance(options.intervalMs);
    const report = await prefetch.refresh();
    expect(report).toMatchObject({ full: false, dropped: 2, masked: 1, error: null });
    expect(cache.cachedPicking(validated!.name)).toBeNull();
    expect(cache.cachedPicking(cancelled!.name)).toBeNull();
    expect(cache.cachedPicking(kept!.name)?.id).toBe(kept!.id);
    // The ledger still finds the name of the picking it has parcels of; the customer is gone from the copy.
    const row = db.prepare(`SELECT name, picking FROM picking_cache WHERE picking_id = ?`).get(packedHere!.id) as { name: string; picking: string };
    expect(row.name).toBe(packedHere!.name);
    for (const personal of [customer.name, customer.street1, customer.email, customer.phone].filter(Boolean)) expect(row.picking).not.toContain(personal);
  });

  it('learns on a full reconcile about pickings deleted or moved out of scope, and keeps the cursor in the database', async () => {
    const [a, b] = odoo.createPickings(2);
    const prefetch = prefetcher({ fullEvery: 2 });
    expect(await prefetch.refresh()).toMatchObject({ full: true, loaded: 2 });
    // Rescheduled far in the past and created long ago: out of the age bound, though still ready. An incremental pass
    // sees it still `assigned` and keeps it; the next full one (every 2nd pass) knows it left the scope.
    odoo.writeInOdoo('stock.picking', b!.id, { scheduled_date: '2001-01-01 00:00:00', create_date: '2001-01-01 00:00:00' });
    clock.advance(options.intervalMs);
    expect(await prefetch.refresh()).toMatchObject({ full: false, dropped: 0 });
    clock.advance(options.intervalMs);
    expect(await prefetch.refresh()).toMatchObject({ full: true, dropped: 1 });
    expect([...cache.held().keys()]).toEqual([a!.id]);
    expect(cache.freshness().cursor).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('keeps the cache and records the outage when Odoo is gone; a never-scanned picking is still found', async () => {
    const [first, second] = odoo.createPickings(2);
    const prefetch = prefetcher();
    await prefetch.start();
    clock.advance(0);
    await prefetch.refresh();
    await odoo.close();

    clock.advance(options.intervalMs);
    const report = await prefetch.refresh();
    expect(report.error).toMatch(/fetch failed|ECONNREFUSED/i);
    const status = prefetch.status();
    expect(status).toMatchObject({ count: 2, refreshing: false });
    expect(status.lastError).toBe(report.error);
    expect(status.lastRefreshAt).toBeLessThan(status.lastErrorAt!);
    for (const p of [first!, second!]) expect(cache.cachedPicking(p.name)?.id).toBe(p.id);
    expect(cache.cachedPicking(`S${String(second!.id).padStart(5, '0')}`)?.id).toBe(second!.id);
    await prefetch.stop();
  });

  it('masks the customer of a picking packed here once every event for it reached Odoo', async () => {
    const [p] = odoo.createPickings(1);
    await prefetcher().refresh();
    const before = (db.prepare(`SELECT picking FROM picking_cache WHERE picking_id = ?`).get(p!.id) as { picking: string }).picking;
    const customer = JSON.parse(before).partner as { name: string; street1: string; email?: string; phone?: string };
    db.prepare(`INSERT INTO pickings_packed (picking_id, name, packed_at) VALUES (?, ?, 0)`).run(p!.id, p!.name);
    const eventId = outbox.enqueue('odoo', `picking:${p!.id}`, { type: 'picking.validate', pickingId: p!.id });
    expect(cache.maskFinished()).toBe(0); // its validation has not reached Odoo yet

    outbox.markDone(eventId);
    expect(cache.maskFinished()).toBe(1);
    const after = (db.prepare(`SELECT name, picking FROM picking_cache WHERE picking_id = ?`).get(p!.id) as { name: string; picking: string });
    expect(after.name).toBe(p!.name);
    for (const personal of [customer.name, customer.street1, customer.email, customer.phone].filter(Boolean)) expect(after.picking).not.toContain(personal);
    expect(cache.cachedPicking(p!.name)).toBeNull();
  });
});
