import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StationError } from '../../../../app/domain/errors';
import type { OutboxPayload } from '../../../../app/domain/outbox-event.schema';
import { closeStationDb, openStationDb } from '../../../../sync/db/station-db';
import type { StationDb } from '../../../../sync/db/station-db';
import { OutboxStore } from '../../../../sync/outbox/outbox.store';
import { FakeClock } from '../../../support/fake-clock';
import { parcel, tempDir } from './outbox-fixtures';

const validate = (pickingId: number): OutboxPayload => ({ type: 'picking.validate', pickingId });
const packed = (pickingId: number, index = 1): OutboxPayload => ({ type: 'parcel.packed', parcel: parcel(pickingId, index) });

describe('OutboxStore', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: StationDb;
  let clock: FakeClock;
  let store: OutboxStore;
  const ids = (events: { id: number }[]) => events.map((e) => e.id);

  beforeEach(() => {
    tmp = tempDir();
    db = openStationDb(tmp.file());
    clock = new FakeClock();
    store = new OutboxStore(db, clock);
  });
  afterEach(() => {
    closeStationDb(db);
    tmp.cleanup();
  });

  it('returns only the head of each order key, oldest first', () => {
    const a1 = store.enqueue('odoo', 'picking:1', packed(1));
    const a2 = store.enqueue('odoo', 'picking:1', validate(1));
    const b1 = store.enqueue('odoo', 'picking:2', validate(2));
    store.enqueue('carrier', 'picking:1', validate(1));
    expect(ids(store.due('odoo', clock.now(), 10))).toEqual([a1, b1]);
    expect(ids(store.due('odoo', clock.now(), 1))).toEqual([a1]);
    expect(store.markDone(a1)).toBe(true);
    expect(store.markDone(a1)).toBe(false);
    expect(ids(store.due('odoo', clock.now(), 10))).toEqual([a2, b1]);
    const [, event] = store.due('odoo', clock.now(), 10);
    expect(event).toEqual({ id: b1, target: 'odoo', orderKey: 'picking:2', payload: validate(2), attempts: 0, answeredFailures: 0, createdAt: clock.now() });
  });

  it('marks a group done in one transaction, skipping rows that are no longer pending', () => {
    const a1 = store.enqueue('odoo', 'picking:1', packed(1));
    const b1 = store.enqueue('odoo', 'picking:2', validate(2));
    const c1 = store.enqueue('carrier', 'picking:3', validate(3));
    const d1 = store.enqueue('odoo', 'picking:4', validate(4));
    store.markDead(d1, 'REJECTED: no');
    store.markRetry(b1, 'SERVER: 500', clock.now());
    clock.advance(7);
    expect(store.markDoneMany([a1, b1, c1, d1, 999])).toEqual([a1, b1, c1]);
    expect(db.prepare(`SELECT id, state, done_at, last_error FROM outbox ORDER BY id`).all()).toEqual([
      { id: a1, state: 'done', done_at: clock.now(), last_error: null },
      { id: b1, state: 'done', done_at: clock.now(), last_error: null },
      { id: c1, state: 'done', done_at: clock.now(), last_error: null },
      { id: d1, state: 'dead', done_at: null, last_error: 'REJECTED: no' },
    ]);
    // Nothing pending carries an error any more: each target's last error clears with its success.
    expect(store.status(clock.now()).sync.map((t) => [t.target, t.lastSuccessAt, t.lastError])).toEqual([
      ['odoo', clock.now(), null],
      ['carrier', clock.now(), null],
    ]);
    expect(store.markDoneMany([])).toEqual([]);
  });

  it('a group that cannot be written leaves every event of it pending', () => {
    const a1 = store.enqueue('odoo', 'picking:1', validate(1));
    const b1 = store.enqueue('odoo', 'picking:2', validate(2));
    db.exec(`CREATE TEMP TRIGGER refuse AFTER UPDATE OF state ON outbox WHEN NEW.id = ${b1} BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    expect(() => store.markDoneMany([a1, b1])).toThrow(/disk I\/O error/);
    expect(store.pendingCount()).toBe(2);
    expect(store.status(clock.now()).sync[0]?.lastSuccessAt).toBeNull();
  });

  it('a head waiting for its retry time blocks the later events of its key only', () => {
    const a1 = store.enqueue('odoo', 'picking:1', packed(1));
    store.enqueue('odoo', 'picking:1', validate(1));
    const b1 = store.enqueue('odoo', 'picking:2', validate(2));
    store.markRetry(a1, 'NETWORK: down', clock.now() + 5_000);
    expect(ids(store.due('odoo', clock.now(), 10))).toEqual([b1]);
    expect(store.nextAttemptAfter('odoo', clock.now())).toBe(clock.now() + 5_000);
    clock.advance(5_000);
    expect(ids(store.due('odoo', clock.now(), 10))).toEqual([b1, a1]);
    expect(store.due('odoo', clock.now(), 10).find((e) => e.id === a1)?.attempts).toBe(1);
  });

  it('a dead head blocks its key until replayed; replay restarts the attempt budget', () => {
    const a1 = store.enqueue('odoo', 'picking:1', packed(1));
    const a2 = store.enqueue('odoo', 'picking:1', validate(1));
    const b1 = store.enqueue('odoo', 'picking:2', validate(2));
    store.markRetry(a1, 'SERVER: 502', clock.now());
    const dl = store.markDead(a1, 'REJECTED: no such product');
    expect(dl).not.toBeNull();
    expect(store.markDead(a1, 'again')).toBeNull();
    expect(ids(store.due('odoo', clock.now(), 10))).toEqual([b1]);
    expect(store.status(clock.now()).deadLetters).toEqual([
      { id: dl, eventId: a1, target: 'odoo', orderKey: 'picking:1', reason: 'REJECTED: no such product', at: clock.now() },
    ]);

    clock.advance(60_000);
    store.replay(dl!);
    const due = store.due('odoo', clock.now(), 10);
    expect(ids(due)).toEqual([b1, a1]);
    expect(due.find((e) => e.id === a1)?.attempts).toBe(0);
    expect(store.status(clock.now()).deadLetters).toEqual([]);
    expect(() => store.replay(dl!)).toThrow(StationError);
    store.markDone(a1);
    // equal due times: id order
    expect(ids(store.due('odoo', clock.now(), 10))).toEqual([a2, b1]);
  });

  it('discard unblocks the key without claiming delivery', () => {
    const a1 = store.enqueue('odoo', 'picking:1', packed(1));
    const a2 = store.enqueue('odoo', 'picking:1', validate(1));
    const dl = store.markDead(a1, 'NOT_FOUND: picking deleted')!;
    store.discard(dl);
    expect(ids(store.due('odoo', clock.now(), 10))).toEqual([a2]);
    expect(db.prepare(`SELECT state FROM outbox WHERE id = ?`).get(a1)).toEqual({ state: 'discarded' });
    expect(db.prepare(`SELECT resolution FROM dead_letters WHERE id = ?`).get(dl)).toEqual({ resolution: 'discarded' });
  });

  it('moves a corrupt row to the dead letters, keeps its bytes, and blocks its key', () => {
    const a1 = store.enqueue('odoo', 'picking:1', packed(1));
    store.enqueue('odoo', 'picking:1', validate(1));
    const b1 = store.enqueue('odoo', 'picking:2', validate(2));
    db.prepare(`UPDATE outbox SET payload = '{"type":"parcel.packed","parcel":' WHERE id = ?`).run(a1);
    expect(ids(store.due('odoo', clock.now(), 10))).toEqual([b1]);
    const rows = db.prepare(`SELECT event_id, order_key, raw, reason FROM dead_letters`).all();
    expect(rows).toEqual([{ event_id: a1, order_key: 'picking:1', raw: '{"type":"parcel.packed","parcel":', reason: 'unparseable outbox payload (type parcel.packed)' }]);
    expect(ids(store.due('odoo', clock.now(), 10))).toEqual([b1]);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM dead_letters`).get()).toEqual({ n: 1 });
    const dl = store.status(clock.now()).deadLetters[0]!;
    expect(() => store.replay(dl.id)).toThrow(/cannot be parsed/);
  });

  it('a payload that parses but disagrees with its type column is corrupt too', () => {
    const a1 = store.enqueue('odoo', 'picking:1', validate(1));
    db.prepare(`UPDATE outbox SET type = 'parcel.packed' WHERE id = ?`).run(a1);
    expect(store.due('odoo', clock.now(), 10)).toEqual([]);
    expect(store.status(clock.now()).deadLetters).toHaveLength(1);
  });

  it('refuses to enqueue an invalid payload', () => {
    expect(() => store.enqueue('odoo', 'k', { type: 'picking.validate', pickingId: 1.5 } as OutboxPayload)).toThrow(StationError);
    expect(store.pendingCount()).toBe(0);
  });

  it('reports depth, oldest age, last success and last error per target', () => {
    const t0 = clock.now();
    const a1 = store.enqueue('odoo', 'picking:1', validate(1));
    clock.advance(1_000);
    const b1 = store.enqueue('odoo', 'picking:2', validate(2));
    store.enqueue('carrier', 'picking:2', validate(2));
    clock.advance(2_000);
    expect(store.status(clock.now()).sync).toEqual([
      { target: 'odoo', depth: 2, oldestPendingAgeMs: 3_000, lastSuccessAt: null, lastError: null, unreachableSince: null },
      { target: 'carrier', depth: 1, oldestPendingAgeMs: 2_000, lastSuccessAt: null, lastError: null, unreachableSince: null },
    ]);
    store.markRetry(a1, 'NETWORK: refused', clock.now() + 1_000);
    store.markDone(b1);
    let odoo = store.status(clock.now()).sync[0]!;
    // a1 is still failing, so the error stays visible next to the success of another picking
    expect(odoo).toEqual({ target: 'odoo', depth: 1, oldestPendingAgeMs: clock.now() - t0, lastSuccessAt: clock.now(), lastError: 'NETWORK: refused', unreachableSince: null });
    clock.advance(5_000);
    store.markDone(a1);
    odoo = store.status(clock.now()).sync[0]!;
    expect(odoo).toEqual({ target: 'odoo', depth: 0, oldestPendingAgeMs: null, lastSuccessAt: clock.now(), lastError: null, unreachableSince: null });
    expect(store.pendingCount()).toBe(1);
  });

  it('the next due time is the earliest over every priority, of heads only', () => {
    const urgent = store.enqueue('odoo', 'picking:1', validate(1), 2);
    const normal = store.enqueue('odoo', 'picking:2', validate(2));
    const odd = store.enqueue('odoo', 'picking:3', validate(3), -3);
    const behind = store.enqueue('odoo', 'picking:3', validate(3), -3);
    store.markRetry(urgent, 'SERVER: 500', clock.now() + 9_000);
    store.markRetry(normal, 'SERVER: 500', clock.now() + 7_000);
    store.markRetry(odd, 'SERVER: 500', clock.now() + 5_000);
    // Due first, but not a head: it cannot go before `odd`.
    store.markRetry(behind, 'SERVER: 500', clock.now() + 1_000);
    expect(store.nextAttemptAfter('odoo', clock.now())).toBe(clock.now() + 5_000);
    clock.advance(5_000);
    expect(store.nextAttemptAfter('odoo', clock.now())).toBe(clock.now() + 2_000);
    expect(store.nextAttemptAfter('carrier', clock.now())).toBeNull();
  });

  it('never prunes the highest row, so no id is ever handed out twice', () => {
    const a = store.enqueue('odoo', 'picking:1', validate(1));
    const b = store.enqueue('odoo', 'picking:2', validate(2));
    store.markDoneMany([a, b]);
    clock.advance(10_000);
    expect(store.pruneFinished(clock.now())).toBe(1);
    expect(store.enqueue('odoo', 'picking:3', validate(3))).toBe(b + 1);
  });

  it('prunes finished rows older than the retention, never pending or dead ones', () => {
    const a = store.enqueue('odoo', 'picking:1', validate(1));
    const b = store.enqueue('odoo', 'picking:2', validate(2));
    store.enqueue('odoo', 'picking:3', validate(3));
    store.markDone(a);
    store.markDead(b, 'AUTH: denied');
    clock.advance(10_000);
    expect(store.pruneFinished(clock.now())).toBe(1);
    expect(db.prepare(`SELECT state FROM outbox ORDER BY id`).all()).toEqual([{ state: 'dead' }, { state: 'pending' }]);
  });
});
