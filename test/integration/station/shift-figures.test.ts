/**
 * Records naming their person and the shift figures read back from them, through a real station database file with
 * the real migrations and stores: the ledger writes who was signed in (rows and hub facts), the print queue and the
 * carrier exception queue write the rest, and the panel's channel and the hub report's copy read the shift.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PeopleConfigSchema } from '../../../app/domain/station-people-config.schema';
import { HubLedgerFactSchema } from '../../../app/hub/ledger-event.schema';
import { personLabel, stationPerson, type PersonRef } from '../../../app/people/person.schema';
import type { ShiftFigures } from '../../../app/shift/shift.schema';
import { closeStationDb, openStationDb, type StationDb } from '../../../sync/db/station-db';
import { SqliteCarrierExceptions } from '../../../sync/outbox/carrier-exceptions.store';
import { OutboxStore } from '../../../sync/outbox/outbox.store';
import { SqlitePickingCache } from '../../../sync/outbox/picking-cache.store';
import { SqliteLedger } from '../../../sync/outbox/sqlite-ledger';
import { PrintQueueStore } from '../../../sync/print/print-queue.store';
import { shiftReport, shiftRoutes } from '../../../main/wiring/shift.wiring';
import { FakeClock } from '../../support/fake-clock';
import { parcel, picking, shipment, tempDir } from '../../unit/sync/outbox/outbox-fixtures';

const M = 60_000;
const anna: PersonRef = { id: 'employee:7', name: 'Anna Keller' };
const ben: PersonRef = { id: 'employee:8', name: 'Ben Ortiz' };

describe('shift figures from a station database', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: StationDb;
  let clock: FakeClock;
  let signedIn: PersonRef | null;
  let ledger: SqliteLedger;
  let outbox: OutboxStore;
  const config = (signIn: 'required' | 'off') => ({ stationId: 'bench-1', people: PeopleConfigSchema.parse({ signIn, shiftHours: 8 }) });
  const figures = (signIn: 'required' | 'off' = 'required'): ShiftFigures =>
    (shiftRoutes(config(signIn), { db, clock })['shift:figures'] as () => ShiftFigures)();

  /** A picking packed by whoever is signed in: scanned, `minutes` later one parcel, its label bought and printed. */
  const pack = (id: number, minutes: number) => {
    new SqlitePickingCache(db, clock, outbox).cachePicking(picking(id));
    const scannedAt = clock.now();
    clock.advance(minutes * M);
    ledger.recordParcelPacked(parcel(id, 1));
    ledger.recordLabelBought(id, 1, `${picking(id).name}#1`, shipment(`TRK${id}`, `shp_${id}`));
    ledger.recordLabelPrinted(id, 1);
    ledger.recordPickingPacked(id, scannedAt);
  };
  const signIn = (person: PersonRef | null) => {
    if (signedIn) db.prepare(`UPDATE station_sessions SET signed_out_at = ? WHERE signed_out_at IS NULL`).run(clock.now());
    signedIn = person;
    if (person) {
      db.prepare(`INSERT INTO station_sessions (person_id, person_name, role, signed_in_at) VALUES (?, ?, 'packer', ?)`).run(person.id, person.name, clock.now());
    }
  };

  beforeEach(() => {
    tmp = tempDir();
    db = openStationDb(tmp.file());
    clock = new FakeClock(Date.UTC(2025, 2, 3, 8));
    signedIn = null;
    outbox = new OutboxStore(db, clock, { hubLedger: true });
    ledger = new SqliteLedger(db, clock, outbox, { person: () => signedIn });
  });
  afterEach(() => {
    closeStationDb(db);
    tmp.cleanup();
  });

  it('every record names who was signed in, in its row and in the fact the hub receives', () => {
    signIn(anna);
    pack(1, 4);
    const row = (sql: string) => db.prepare(sql).get();
    expect(row(`SELECT packed_by_id, packed_by FROM parcels`)).toEqual({ packed_by_id: anna.id, packed_by: anna.name });
    expect(row(`SELECT bought_by_id, bought_by FROM shipments`)).toEqual({ bought_by_id: anna.id, bought_by: anna.name });
    expect(row(`SELECT printed_by_id, printed_by FROM labels_printed`)).toEqual({ printed_by_id: anna.id, printed_by: anna.name });
    expect(row(`SELECT packed_by_id, packed_by, started_at, packed_at FROM pickings_packed`)).toEqual({
      packed_by_id: anna.id,
      packed_by: anna.name,
      started_at: Date.UTC(2025, 2, 3, 8),
      packed_at: Date.UTC(2025, 2, 3, 8, 4),
    });
    const facts = (db.prepare(`SELECT payload FROM outbox WHERE target = 'hub' ORDER BY id`).all() as { payload: string }[]).map((r) =>
      HubLedgerFactSchema.parse((JSON.parse(r.payload) as { fact: unknown }).fact),
    );
    expect(facts.map((f) => [f.type, 'by' in f ? f.by : undefined])).toEqual([
      ['parcel.packed', anna],
      ['label.bought', anna],
      ['label.printed', anna],
      ['picking.packed', anna],
    ]);
    expect(facts[3]).toMatchObject({ startedAt: Date.UTC(2025, 2, 3, 8) });

    // A reprint counts up the first print's row: it keeps who printed first (the reprint's audit names the other).
    signIn(ben);
    ledger.recordLabelPrinted(1, 1);
    expect(row(`SELECT printed_by, times FROM labels_printed`)).toEqual({ printed_by: anna.name, times: 2 });
  });

  it('a picking resumed after a restart started at its first parcel, not at the scan this run saw', () => {
    signIn(anna);
    new SqlitePickingCache(db, clock, outbox).cachePicking(picking(5));
    ledger.recordParcelPacked(parcel(5, 1));
    clock.advance(10 * M);
    ledger.recordParcelPacked(parcel(5, 2));
    ledger.recordPickingPacked(5, clock.now() - M);
    expect(db.prepare(`SELECT started_at FROM pickings_packed`).get()).toEqual({ started_at: Date.UTC(2025, 2, 3, 8) });
  });

  it('the shift per packer and for the station: pickings, parcels, median time, exceptions, reprints, hours', () => {
    const print = new PrintQueueStore(db, clock);
    const exceptions = new SqliteCarrierExceptions(db, clock);
    signIn(anna);
    pack(1, 4);
    pack(2, 6);
    pack(3, 10);
    // Anna's printer lost a label: the job ended uncertain and she answered it; then she reprinted another one.
    print.insert('job-a', { kind: 'shipping-label', target: 'label', pickingId: 3, parcelIndex: 1, data: '^XA^XZ' });
    print.transition('job-a', 'queued', { state: 'uncertain' });
    print.transition('job-a', 'uncertain', { state: 'confirmed' }, { action: 'confirm-printed', who: personLabel(anna), reason: 'came out' });
    print.insert('job-b', { kind: 'shipping-label', target: 'label', pickingId: 2, parcelIndex: 1, data: '^XA^XZ' }, { audit: { action: 'reprint', who: personLabel(anna), reason: 'torn' } });
    clock.advance(40 * M);
    signIn(ben);
    pack(4, 2);
    // Ben's parcel was refused by the carrier and set aside (a carrier exception, named by nobody: he was signed in).
    exceptions.raise({ kind: 'address_invalid', detail: 'no such street', suggestedAction: 'fix it in Odoo', pickingId: 4, pickingName: picking(4).name, parcelIndex: 1 });
    clock.advance(8 * M);

    const shift = figures();
    expect(shift).toMatchObject({ stationId: 'bench-1', until: clock.now(), from: clock.now() - 8 * 60 * M });
    // 08:00 → 09:10: 4 pickings, median of 4, 6, 10 and 2 minutes.
    expect(shift.station).toMatchObject({ parcels: 4, pickings: 4, medianPickingMs: 5 * M, exceptions: 2, reprints: 1, parcelsPerHour: 3.4 });
    const rows = Object.fromEntries(shift.packers.map((p) => [p.person.name, p.totals]));
    expect(rows[anna.name]).toMatchObject({ parcels: 3, pickings: 3, medianPickingMs: 6 * M, exceptions: 1, reprints: 1 });
    expect(rows[ben.name]).toMatchObject({ parcels: 1, pickings: 1, medianPickingMs: 2 * M, exceptions: 1, reprints: 0 });
    expect(shift.packers.map((p) => p.person)).toEqual([anna, ben]);
    const bars = shift.hours.filter((h) => h.parcels + h.pickings > 0).map((h) => [new Date(h.hourStart).getUTCHours(), h.parcels, h.pickings]);
    expect(bars).toEqual([
      [8, 3, 3],
      [9, 1, 1],
    ]);
  });

  it('with sign-in off the station answers for every record, and an empty shift reads as zeros', () => {
    expect(figures('off').station).toMatchObject({ parcels: 0, pickings: 0, medianPickingMs: null });
    expect(figures('off').packers).toEqual([]);
    const station = stationPerson('bench-1');
    signedIn = station;
    pack(1, 3);
    new PrintQueueStore(db, clock).insert('job-r', { kind: 'shipping-label', target: 'label', pickingId: 1, parcelIndex: 1, data: '^XA^XZ' }, {
      audit: { action: 'reprint', who: 'packer at the station', reason: 'by barcode' },
    });
    const shift = figures('off');
    expect(shift.packers).toEqual([{ person: station, totals: shift.station }]);
    expect(shift.station).toMatchObject({ parcels: 1, pickings: 1, reprints: 1, medianPickingMs: 3 * M });
  });

  it("the hub report's copy is read again only once the database changed (at most every 5 s) or a minute passed", () => {
    const report = shiftReport(config('required'), { db, clock });
    signIn(anna);
    const first = report();
    expect(first?.station.parcels).toBe(0);
    pack(1, 0);
    clock.advance(1000);
    expect(report()).toBe(first);
    clock.advance(5000);
    const second = report();
    expect(second?.station.parcels).toBe(1);
    clock.advance(30_000);
    expect(report()).toBe(second);
    clock.advance(30_000);
    expect(report()).not.toBe(second);

    // Figures that cannot be read leave the report without them, and come back once they can.
    db.exec('ALTER TABLE parcels RENAME TO parcels_away');
    clock.advance(60_000);
    expect(report()).toBeUndefined();
    db.exec('ALTER TABLE parcels_away RENAME TO parcels');
    clock.advance(60_000);
    expect(report()?.station.parcels).toBe(1);
  });
});
