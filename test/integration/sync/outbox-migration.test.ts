import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StationError } from '../../../app/domain/errors';
import type { OutboxEvent } from '../../../app/domain/outbox-event.schema';
import { MIGRATIONS, latestVersion } from '../../../sync/db/migrations';
import { closeStationDb, openStationDb, type StationDb } from '../../../sync/db/station-db';
import { OutboxStore } from '../../../sync/outbox/outbox.store';
import { SqliteLedger } from '../../../sync/outbox/sqlite-ledger';
import { FakeClock } from '../../support/fake-clock';
import { parcel, tempDir } from '../../unit/sync/outbox/outbox-fixtures';

const V9 = MIGRATIONS.filter((m) => m.version <= 9);
const T = 1_700_000_000_000;

const payloadOf = (type: string, pickingId: number, index = 1): string =>
  JSON.stringify(type === 'parcel.packed' ? { type, parcel: parcel(pickingId, index) } : { type, pickingId });

/**
 * A station database as version 9 left it, written with version 9's SQL: a delivered event, open heads, a dead event
 * blocking its picking with its dead letter, a discarded one (resolved letter, audited), a letter about no event, a
 * retried urgent picking, and the two newest rows already pruned (AUTOINCREMENT's high-water mark above the last row).
 */
function stationAtVersion9(file: string): void {
  const db = openStationDb(file, V9);
  const event = db.prepare(
    `INSERT INTO outbox (target, order_key, type, payload, state, attempts, next_attempt_at, last_error, created_at, done_at, answered_failures, priority)
     VALUES (@target, @key, @type, @payload, @state, @attempts, @next, @error, @created, @done, @answered, @priority)`,
  );
  const rows = [
    { key: 'picking:1', type: 'parcel.packed', state: 'done', done: T - 1_000 },
    { key: 'picking:1', type: 'picking.validate', state: 'pending' },
    { key: 'picking:2', type: 'parcel.packed', state: 'dead', attempts: 12, answered: 12, error: 'REJECTED: lot LOT-7 does not exist' },
    { key: 'picking:2', type: 'picking.validate', state: 'pending' },
    { key: 'picking:3', type: 'parcel.packed', state: 'pending', attempts: 2, error: 'NETWORK: refused', next: T + 60_000, priority: 2 },
    { key: 'picking:3', type: 'picking.validate', state: 'pending', priority: 2 },
    { key: 'picking:4', type: 'picking.validate', state: 'discarded', attempts: 1, error: 'REJECTED: cancelled', done: T - 500 },
    { key: 'picking:5', type: 'picking.validate', state: 'pending', target: 'carrier' },
    { key: 'picking:6', type: 'picking.validate', state: 'done', done: T - 100 },
    { key: 'picking:7', type: 'picking.validate', state: 'done', done: T - 100 },
  ];
  for (const [i, r] of rows.entries()) {
    const pickingId = Number(r.key.slice('picking:'.length));
    event.run({
      target: r.target ?? 'odoo',
      key: r.key,
      type: r.type,
      payload: payloadOf(r.type, pickingId),
      state: r.state,
      attempts: r.attempts ?? 0,
      next: r.next ?? T - 10_000 + i,
      error: r.error ?? null,
      created: T - 10_000 + i,
      done: r.done ?? null,
      answered: r.answered ?? 0,
      priority: r.priority ?? 0,
    });
  }
  db.prepare(`DELETE FROM outbox WHERE id IN (9, 10)`).run();
  const letter = db.prepare(`INSERT INTO dead_letters (event_id, target, order_key, reason, raw, at, resolved_at, resolution) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  letter.run(3, 'odoo', 'picking:2', 'REJECTED: lot LOT-7 does not exist', payloadOf('parcel.packed', 2), T - 2_000, null, null);
  letter.run(7, 'odoo', 'picking:4', 'REJECTED: cancelled', payloadOf('picking.validate', 4), T - 1_500, T - 500, 'discarded');
  letter.run(null, 'local', 'shipment:ref-9', 'unparseable stored shipment', '{"shipmentId":', T - 1_200, null, null);
  db.prepare(`INSERT INTO dead_letter_audit (dead_letter_id, action, who, reason, via, at) VALUES (2, 'discard', 'ada', 'cancelled in Odoo', 'ui', ?)`).run(T - 500);
  const parcelRow = db.prepare(`INSERT INTO parcels (picking_id, parcel_index, parcel, weight_g, packed_at) VALUES (?, ?, ?, ?, ?)`);
  for (const [pickingId, index] of [[1, 1], [2, 1], [2, 2], [3, 1]] as const) {
    parcelRow.run(pickingId, index, JSON.stringify(parcel(pickingId, index)), 512, T - 5_000);
  }
  closeStationDb(db);
}

const all = (db: StationDb, sql: string): unknown[] => db.prepare(sql).all();
const schemaOf = (db: StationDb, name: string): string => (db.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).get(name) as { sql: string }).sql;

describe('migration 10 (packing-commit-pages) on a station database at version 9', () => {
  let tmp: ReturnType<typeof tempDir>;
  let clock: FakeClock;
  beforeEach(() => {
    tmp = tempDir();
    clock = new FakeClock(T);
  });
  afterEach(() => tmp.cleanup());

  it('keeps every row and every dead letter link, and leaves the schema lean', () => {
    stationAtVersion9(tmp.file());
    const before = openStationDb(tmp.file(), V9);
    const outbox = all(before, `SELECT * FROM outbox ORDER BY id`);
    const letters = all(before, `SELECT * FROM dead_letters ORDER BY id`);
    const audit = all(before, `SELECT * FROM dead_letter_audit ORDER BY id`);
    const parcels = all(before, `SELECT * FROM parcels ORDER BY picking_id, parcel_index`);
    expect(before.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'outbox'`).get()).toEqual({ seq: 10 });
    closeStationDb(before);

    const db = openStationDb(tmp.file());
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
    // The rows as they were, and one finished marker at the old high-water mark so ids 9 and 10 are never handed out again.
    expect(all(db, `SELECT * FROM outbox WHERE id < 10 ORDER BY id`)).toEqual(outbox);
    expect(all(db, `SELECT id, target, order_key, state, done_at FROM outbox WHERE id >= 9`)).toEqual([
      { id: 10, target: 'local', order_key: 'outbox:high-water', state: 'done', done_at: 0 },
    ]);
    expect(all(db, `SELECT * FROM dead_letters ORDER BY id`)).toEqual(letters);
    expect(all(db, `SELECT event_id FROM dead_letters ORDER BY id`)).toEqual([{ event_id: 3 }, { event_id: 7 }, { event_id: null }]);
    expect(all(db, `SELECT * FROM dead_letter_audit ORDER BY id`)).toEqual(audit);
    expect(all(db, `SELECT picking_id, parcel_index, parcel, weight_g, packed_at FROM parcels ORDER BY picking_id, parcel_index`)).toEqual(parcels);

    expect(schemaOf(db, 'outbox')).not.toMatch(/AUTOINCREMENT/);
    expect(schemaOf(db, 'parcels')).toMatch(/WITHOUT ROWID/);
    expect(all(db, `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' ORDER BY name`)).toEqual(
      ['outbox_done_at', 'outbox_due_by_priority', 'outbox_failing', 'outbox_open_by_key'].map((name) => ({ name })),
    );
    expect(all(db, `SELECT name FROM sqlite_sequence WHERE name IN ('outbox', 'parcels')`)).toEqual([]);
    expect(all(db, `SELECT name FROM sqlite_temp_master`)).toEqual([]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    closeStationDb(db);
  });

  it('the outbox, its dead letters and the ledger carry on where version 9 left them', () => {
    stationAtVersion9(tmp.file());
    const db = openStationDb(tmp.file());
    const store = new OutboxStore(db, clock);
    const ids = (events: OutboxEvent[]) => events.map((e) => e.id);

    // picking:2 waits behind its dead event, picking:3 (urgent) waits out its retry.
    expect(ids(store.due('odoo', clock.now(), 10))).toEqual([2]);
    expect(store.nextAttemptAfter('odoo', clock.now())).toBe(T + 60_000);
    expect(store.status(clock.now()).sync.map((s) => [s.target, s.depth, s.oldestPendingAgeMs])).toEqual([
      ['odoo', 4, 10_000 - 1],
      ['carrier', 1, 10_000 - 7],
    ]);
    expect(store.deadLetters().map((d) => [d.id, d.eventId])).toEqual([
      [1, 3],
      [3, null],
    ]);

    clock.advance(60_000);
    const due = store.due('odoo', clock.now(), 10);
    expect(ids(due)).toEqual([5, 2]);
    expect(ids(store.following(due[0]!, 10))).toEqual([6]);
    expect(store.markDoneMany([5, 6, 2])).toEqual([5, 6, 2]);

    store.replay(1);
    const [replayed] = store.due('odoo', clock.now(), 10);
    expect(replayed).toMatchObject({ id: 3, orderKey: 'picking:2', attempts: 0, payload: { type: 'parcel.packed', parcel: parcel(2, 1) } });
    expect(ids(store.following(replayed!, 10))).toEqual([4]);
    expect(store.markDone(3)).toBe(true);

    // New events number on from the old high-water mark; the marker goes with the first prune after them.
    const next = store.enqueue('odoo', 'picking:8', { type: 'picking.validate', pickingId: 8 });
    expect(next).toBe(11);
    clock.advance(1);
    expect(store.pruneFinished(clock.now())).toBe(7);
    expect(all(db, `SELECT id, state FROM outbox ORDER BY id`)).toEqual([
      { id: 4, state: 'pending' },
      { id: 8, state: 'pending' },
      { id: 11, state: 'pending' },
    ]);
    // Pruned events leave their letters without a link (ON DELETE SET NULL), as before.
    expect(all(db, `SELECT event_id FROM dead_letters ORDER BY id`)).toEqual([{ event_id: null }, { event_id: null }, { event_id: null }]);

    const ledger = new SqliteLedger(db, clock, store);
    expect(ledger.progress(2).parcels.map((p) => p.parcel)).toEqual([parcel(2, 1), parcel(2, 2)]);
    ledger.recordParcelPacked(parcel(2, 2));
    expect(() => ledger.recordParcelPacked({ ...parcel(2, 2), weightG: 900 })).toThrow(StationError);
    ledger.recordParcelPacked(parcel(2, 3));
    expect(all(db, `SELECT parcel_index FROM parcels WHERE picking_id = 2 ORDER BY parcel_index`)).toEqual([
      { parcel_index: 1 },
      { parcel_index: 2 },
      { parcel_index: 3 },
    ]);
    expect(all(db, `SELECT id, type FROM outbox WHERE order_key = 'picking:2' ORDER BY id`)).toEqual([
      { id: 4, type: 'picking.validate' },
      { id: 12, type: 'parcel.packed' },
    ]);
    closeStationDb(db);
  });

  it('adds no marker when no id was handed out above the last row', () => {
    const db9 = openStationDb(tmp.file(), V9);
    const store9 = new OutboxStore(db9, clock);
    store9.enqueue('odoo', 'picking:1', { type: 'picking.validate', pickingId: 1 });
    closeStationDb(db9);
    const db = openStationDb(tmp.file());
    expect(all(db, `SELECT id, order_key FROM outbox`)).toEqual([{ id: 1, order_key: 'picking:1' }]);
    expect(new OutboxStore(db, clock).enqueue('odoo', 'picking:2', { type: 'picking.validate', pickingId: 2 })).toBe(2);
    closeStationDb(db);
  });
});
