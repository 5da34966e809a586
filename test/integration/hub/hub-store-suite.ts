import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubStore } from '../../../app/hub/hub.ports';
import type { SqlClient } from '../../../sync/hub/store/sql-client';
import type { HubLedgerEntry, HubLedgerFact } from '../../../app/hub/ledger-event.schema';
import { stationReport } from '../../support/station-report';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 11, 3, 8, 0, 0);
let stations = 0;
/** One store serves the whole suite (a fresh PGlite costs seconds): every test works on stations of its own. */
const newStation = () => `st-${++stations}-${Math.random().toString(36).slice(2, 8)}`;

const picking = (pickingId: number) => ({ pickingId, pickingName: `WH/OUT/${pickingId}` });
const parcel = (pickingId: number): HubLedgerFact => ({ type: 'parcel.packed', ...picking(pickingId), parcelIndex: 1, weightG: 1200, packageTypeId: null, items: 2 });
const label = (pickingId: number): HubLedgerFact => ({
  type: 'label.bought', ...picking(pickingId), parcelIndex: 1, shipmentId: `shp_${pickingId}`, trackingCode: `1Z${pickingId}`,
  carrier: 'USPS', service: 'Priority', price: 7.5, currency: 'USD', isReturn: false,
});
const validated = (pickingId: number): HubLedgerFact => ({ type: 'picking.validated', ...picking(pickingId) });
const entry = (seq: number, at: number, fact: HubLedgerFact): HubLedgerEntry => ({ seq, at, fact });

/** A store and a raw connection to its database (to try what the store never does, such as editing the audit). */
export interface OpenedStore { store: HubStore; sql: SqlClient; close(): Promise<void> }

/** The HubStore contract, run against every engine the hub can use. */
export function hubStoreContract(engine: string, open: () => Promise<OpenedStore>): void {
  describe(`hub store on ${engine}`, () => {
    let store: HubStore;
    let sql: SqlClient;
    let opened: OpenedStore | undefined;
    beforeAll(async () => {
      opened = await open();
      ({ store, sql } = opened);
    }, 60_000);
    afterAll(async () => opened?.close());

    it('issues tokens it only keeps as hashes, rotates with both valid until promote, and revokes both at once', async () => {
      const id = newStation();
      const first = await store.tokens.issue(id, T0);
      expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await store.tokens.verify(id, first)).toBe('ok');
      expect(await store.tokens.verify(id, first.slice(0, -1) + (first.endsWith('A') ? 'B' : 'A'))).toBe('TOKEN_INVALID');
      expect(await store.tokens.verify(newStation(), first)).toBe('TOKEN_INVALID');

      const next = await store.tokens.rotate(id, T0 + 1);
      expect(next).not.toBe(first);
      expect(await store.tokens.verify(id, first)).toBe('ok');
      expect(await store.tokens.verify(id, next)).toBe('ok');
      expect((await store.tokens.list()).find((t) => t.stationId === id)).toEqual({ stationId: id, issuedAt: T0, revokedAt: null, rotating: true });

      await store.tokens.promote(id, T0 + 2);
      expect(await store.tokens.verify(id, first)).toBe('TOKEN_INVALID');
      expect(await store.tokens.verify(id, next)).toBe('ok');
      expect((await store.tokens.list()).find((t) => t.stationId === id)?.rotating).toBe(false);

      const third = await store.tokens.rotate(id, T0 + 3);
      await store.tokens.revoke(id, T0 + 4);
      expect(await store.tokens.verify(id, next)).toBe('TOKEN_REVOKED');
      expect(await store.tokens.verify(id, third)).toBe('TOKEN_REVOKED');
      await expect(store.tokens.rotate(id, T0 + 5)).rejects.toThrow(/TOKEN_REVOKED/);
      expect((await store.tokens.list()).find((t) => t.stationId === id)?.revokedAt).toBe(T0 + 4);

      const reissued = await store.tokens.issue(id, T0 + 6);
      expect(await store.tokens.verify(id, reissued)).toBe('ok');
      expect(await store.tokens.verify(id, next)).toBe('TOKEN_INVALID');
      await expect(store.tokens.rotate(newStation(), T0)).rejects.toThrow(/UNKNOWN_STATION/);
    });

    it('tracks presence by socket: a late disconnect of an older socket changes nothing', async () => {
      const id = newStation();
      await store.presence.connected(id, 'hub-a', 'sock-1', '1.4.0', T0);
      await store.presence.connected(id, 'hub-b', 'sock-2', '1.4.1', T0 + 1000);
      await store.presence.disconnected(id, 'sock-1', T0 + 2000);
      const mine = async (now: number) => (await store.presence.list(now, 30_000)).find((p) => p.stationId === id);
      expect(await mine(T0 + 3000)).toEqual({ stationId: id, online: true, since: T0 + 1000, lastSeenAt: T0 + 1000, hubId: 'hub-b', version: '1.4.1' });
      expect(await store.presence.list(T0 + 3000, 30_000, id)).toEqual([await mine(T0 + 3000)]);

      await store.presence.heartbeat('hub-b', T0 + 10_000);
      expect((await mine(T0 + 11_000))?.lastSeenAt).toBe(T0 + 10_000);
      await store.presence.disconnected(id, 'sock-2', T0 + 12_000);
      expect(await mine(T0 + 13_000)).toMatchObject({ online: false, since: T0 + 12_000, lastSeenAt: T0 + 12_000, hubId: 'hub-b' });
    });

    it('reports stations of a hub that stopped beating as offline since its last beat', async () => {
      const [held, other] = [newStation(), newStation()];
      const [dying, alive] = [`hub-${held}`, `hub-${other}`];
      await store.presence.connected(held, dying, 's1', '1.4.0', T0);
      await store.presence.connected(other, alive, 's2', '1.4.0', T0);
      await store.presence.heartbeat(dying, T0 + 20_000);
      await store.presence.heartbeat(alive, T0 + 20_000);
      await store.presence.heartbeat(alive, T0 + 60_000);
      const list = await store.presence.list(T0 + 70_000, 30_000);
      expect(list.find((p) => p.stationId === held)).toMatchObject({ online: false, since: T0 + 20_000, lastSeenAt: T0 + 20_000, hubId: dying });
      expect(list.find((p) => p.stationId === other)).toMatchObject({ online: true, since: T0, lastSeenAt: T0 + 60_000 });
      // A beat never moves backwards (a slow hub's late write must not make a live hub look stale).
      await store.presence.heartbeat(alive, T0 + 1000);
      expect((await store.presence.list(T0 + 70_000, 30_000)).find((p) => p.stationId === other)?.online).toBe(true);
    });

    it('a hub restarted under its name lets go of what its earlier run held, offline since that run last beat', async () => {
      const [held, elsewhere] = [newStation(), newStation()];
      const [restarted, other] = [`hub-r-${held}`, `hub-o-${held}`];
      await store.presence.connected(held, restarted, 's1', '1.4.0', T0);
      await store.presence.connected(elsewhere, other, 's2', '1.4.0', T0);
      await store.presence.heartbeat(restarted, T0 + 5000);
      expect(await store.presence.releaseHub(restarted, T0 + 9000)).toBe(1);
      // Its new run beats at once: the old socket must not look alive again.
      await store.presence.heartbeat(restarted, T0 + 9000);
      const list = await store.presence.list(T0 + 9500, 30_000);
      expect(list.find((p) => p.stationId === held)).toMatchObject({ online: false, since: T0 + 5000, lastSeenAt: T0 + 5000 });
      expect(list.find((p) => p.stationId === elsewhere)).toMatchObject({ online: true, since: T0 });
      expect(await store.presence.releaseHub(restarted, T0 + 9600)).toBe(0);
    });

    it('keeps the latest report per station and samples lag at most once a minute per target', async () => {
      const id = newStation();
      const backlog = (at: number, depth: number) =>
        stationReport(id, at, {
          sync: [
            { target: 'odoo', depth, oldestPendingAgeMs: depth * 1000, lastSuccessAt: null, lastError: 'down', unreachableSince: at - 5000 },
            { target: 'carrier', depth: 0, oldestPendingAgeMs: null, lastSuccessAt: at, lastError: null, unreachableSince: null },
          ],
        });
      await store.reports.save(id, backlog(T0, 1), T0, null);
      await store.reports.save(id, backlog(T0 + 20_000, 2), T0 + 20_000, T0 + 15_000);
      await store.reports.save(id, backlog(T0 + 61_000, 3), T0 + 61_000, T0 + 15_000);

      const latest = (await store.reports.latest()).find((r) => r.stationId === id);
      expect(latest).toEqual({ stationId: id, report: backlog(T0 + 61_000, 3), receivedAt: T0 + 61_000, printerFaultSince: T0 + 15_000 });
      expect(await store.reports.latest(id)).toEqual([latest]);
      expect(await store.reports.latest(`${id}-never-reported`)).toEqual([]);

      const lag = await store.reports.lag(T0, id);
      expect(lag.filter((s) => s.target === 'odoo')).toEqual([
        { stationId: id, at: T0, target: 'odoo', oldestPendingAgeMs: 1000, depth: 1 },
        { stationId: id, at: T0 + 61_000, target: 'odoo', oldestPendingAgeMs: 3000, depth: 3 },
      ]);
      expect(lag.filter((s) => s.target === 'carrier').map((s) => s.oldestPendingAgeMs)).toEqual([null, null]);
      expect(await store.reports.lag(T0 + 30_000, id)).toHaveLength(2);
      expect((await store.reports.lag(T0)).some((s) => s.stationId === id)).toBe(true);
    });

    it('appends ledger facts once: a repeated batch stores nothing, out-of-order seqs fill in', async () => {
      const id = newStation();
      const batch = [entry(1, T0, parcel(7)), entry(2, T0 + 1, label(7)), entry(5, T0 + 5, validated(7))];
      expect(await store.ledger.append(id, batch, T0 + 10)).toEqual({ stored: 3, highestSeq: 5 });
      expect(await store.ledger.append(id, batch, T0 + 20)).toEqual({ stored: 0, highestSeq: 5 });
      expect(await store.ledger.append(id, [entry(4, T0 + 4, parcel(8)), entry(3, T0 + 3, parcel(8)), entry(2, T0 + 1, label(7))], T0 + 30)).toEqual({ stored: 2, highestSeq: 5 });
      expect(await store.ledger.highestSeq(id)).toBe(5);
      expect(await store.ledger.highestSeq(newStation())).toBe(0);

      expect((await store.ledger.entries(id, 0, 10)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(await store.ledger.entries(id, 2, 2)).toEqual([entry(3, T0 + 3, parcel(8)), entry(4, T0 + 4, parcel(8))]);
      expect(await store.ledger.validatedPickings(id)).toEqual([{ stationId: id, pickingId: 7 }]);
      expect((await store.ledger.validatedPickings()).filter((p) => p.stationId === id)).toEqual([{ stationId: id, pickingId: 7 }]);
      await expect(store.ledger.append(id, [{ seq: 0, at: T0, fact: validated(1) }], T0)).rejects.toThrow();
      expect(await store.ledger.highestSeq(id)).toBe(5);
    });

    it('counts parcels and labels per station per hour and since a time', async () => {
      const [a, b] = [newStation(), newStation()];
      const base = T0 + 100 * HOUR;
      await store.ledger.append(a, [entry(1, base + 10, parcel(1)), entry(2, base + 20, label(1)), entry(3, base + HOUR + 5, parcel(2)), entry(4, base + HOUR + 6, label(2)), entry(5, base + HOUR + 7, parcel(3))], base);
      await store.ledger.append(b, [entry(1, base - HOUR, parcel(9)), entry(2, base - HOUR + 1, label(9))], base);

      const hourly = (await store.ledger.hourly(base)).filter((h) => h.stationId === a || h.stationId === b);
      expect(hourly).toEqual([
        { stationId: a, hour: base, parcels: 1, labels: 1 },
        { stationId: a, hour: base + HOUR, parcels: 2, labels: 1 },
      ]);
      const recent = (await store.ledger.recent(base + HOUR)).filter((r) => r.stationId === a || r.stationId === b);
      expect(recent.sort((x, y) => x.stationId.localeCompare(y.stationId))).toEqual(
        [
          { stationId: a, lastLabelAt: base + HOUR + 6, labels: 1, parcels: 2 },
          { stationId: b, lastLabelAt: base - HOUR + 1, labels: 0, parcels: 0 },
        ].sort((x, y) => x.stationId.localeCompare(y.stationId)),
      );
      expect(await store.ledger.recent(base + HOUR, a)).toEqual([{ stationId: a, lastLabelAt: base + HOUR + 6, labels: 1, parcels: 2 }]);
    });

    it('authenticates users by scrypt hash and keeps sessions until they expire or close', async () => {
      const name = `ann-${newStation()}`;
      const before = await store.users.count();
      await store.users.put(name, 'correct horse', 'supervisor', T0);
      expect(await store.users.count()).toBe(before + 1);
      expect(await store.users.authenticate(name, 'correct horse')).toEqual({ username: name, role: 'supervisor' });
      expect(await store.users.authenticate(name, 'wrong horse')).toBeNull();
      expect(await store.users.authenticate(`nobody-${name}`, 'correct horse')).toBeNull();

      await store.users.put(name, 'battery staple', 'admin', T0 + 1);
      expect(await store.users.count()).toBe(before + 1);
      expect(await store.users.authenticate(name, 'correct horse')).toBeNull();
      expect((await store.users.list()).find((u) => u.username === name)).toEqual({ username: name, role: 'admin' });

      const token = await store.users.openSession(name, T0, 60_000);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await store.users.session(token, T0 + 59_999)).toEqual({ username: name, role: 'admin' });
      expect(await store.users.session(token, T0 + 60_000)).toBeNull();
      expect(await store.users.session(`${token}x`, T0)).toBeNull();
      const other = await store.users.openSession(name, T0, 60_000);
      await store.users.closeSession(other);
      expect(await store.users.session(other, T0 + 1)).toBeNull();
    });

    it('keeps an append-only audit trail, newest first', async () => {
      const id = newStation();
      const first = await store.audit.record({ at: T0, username: 'ann', action: 'station.pause', stationId: id, detail: { reason: 'lunch' }, outcome: 'ok', error: null });
      const second = await store.audit.record({ at: T0 + 1, username: 'bob', action: 'dead-letters.replay', stationId: id, detail: null, outcome: 'failed', error: 'offline' });
      expect(second).toBeGreaterThan(first);
      expect(await store.audit.list(10, id)).toEqual([
        { id: second, at: T0 + 1, username: 'bob', action: 'dead-letters.replay', stationId: id, detail: null, outcome: 'failed', error: 'offline' },
        { id: first, at: T0, username: 'ann', action: 'station.pause', stationId: id, detail: { reason: 'lunch' }, outcome: 'ok', error: null },
      ]);
      expect(await store.audit.list(1, id)).toHaveLength(1);
      await expect(sql.query('UPDATE hub_audit SET username = $1 WHERE id = $2', ['eve', first])).rejects.toThrow(/append-only/);
      await expect(sql.query('DELETE FROM hub_audit WHERE id = $1', [first])).rejects.toThrow(/append-only/);
      expect((await store.audit.list(1))[0]?.id).toBeGreaterThanOrEqual(second);
    });
  });
}
