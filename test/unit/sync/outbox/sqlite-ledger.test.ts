import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxPayloadSchema } from '../../../../app/domain/outbox-event.schema';
import { closeStationDb, openStationDb } from '../../../../sync/db/station-db';
import type { StationDb } from '../../../../sync/db/station-db';
import { OutboxStore } from '../../../../sync/outbox/outbox.store';
import { labelNameFor, SqliteLedger } from '../../../../sync/outbox/sqlite-ledger';
import { SqlitePickingCache } from '../../../../sync/outbox/picking-cache.store';
import { FakeClock } from '../../../support/fake-clock';
import { parcel, picking, shipment, tempDir } from './outbox-fixtures';

describe('SqliteLedger', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: StationDb;
  let clock: FakeClock;
  let ledger: SqliteLedger;
  let store: OutboxStore;

  const count = (table: string): number => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const outboxRows = () =>
    (db.prepare(`SELECT target, order_key, type, payload FROM outbox ORDER BY id`).all() as { target: string; order_key: string; type: string; payload: string }[]).map(
      (r) => ({ ...r, payload: OutboxPayloadSchema.parse(JSON.parse(r.payload)) }),
    );

  beforeEach(() => {
    tmp = tempDir();
    db = openStationDb(tmp.file());
    clock = new FakeClock();
    store = new OutboxStore(db, clock);
    ledger = new SqliteLedger(db, clock, store);
    // The ledger names labels after the picking the station loaded (the cache holds its name).
    new SqlitePickingCache(db, clock, store).cachePicking(picking(12));
  });
  afterEach(() => {
    closeStationDb(db);
    tmp.cleanup();
  });

  describe('recordParcelPacked', () => {
    it('writes the parcel and its parcel.packed event', () => {
      ledger.recordParcelPacked(parcel(12, 1));
      expect(count('parcels')).toBe(1);
      expect(outboxRows()).toEqual([{ target: 'odoo', order_key: 'picking:12', type: 'parcel.packed', payload: { type: 'parcel.packed', parcel: parcel(12, 1) } }]);
    });

    it('is idempotent per (picking, index)', () => {
      ledger.recordParcelPacked(parcel(12, 1));
      ledger.recordParcelPacked(parcel(12, 1));
      ledger.recordParcelPacked(parcel(12, 2));
      expect(count('parcels')).toBe(2);
      expect(outboxRows().map((r) => r.type)).toEqual(['parcel.packed', 'parcel.packed']);
    });

    it('writes neither row when the transaction fails half way', () => {
      db.exec(`CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'forced failure'); END`);
      expect(() => ledger.recordParcelPacked(parcel(12, 1))).toThrow(/forced failure/);
      expect(count('parcels')).toBe(0);
      expect(count('outbox')).toBe(0);
      db.exec(`DROP TRIGGER fail_outbox`);
      ledger.recordParcelPacked(parcel(12, 1));
      expect(count('parcels')).toBe(1);
      expect(count('outbox')).toBe(1);
    });

    it('refuses another composition under an index already recorded: the first may be in Odoo and labelled', () => {
      ledger.recordParcelPacked(parcel(12, 1));
      const bigger = { ...parcel(12, 1), items: [{ moveId: 112, productId: 7, quantity: 2 }], weightG: 1_024 };
      expect(() => ledger.recordParcelPacked(bigger)).toThrow(/parcel 1 of picking 12 is already recorded with other contents/);
      expect(count('outbox')).toBe(1);
      expect(ledger.progress(12).parcels.map((p) => p.parcel)).toEqual([parcel(12, 1)]);
    });
  });

  describe('shipments and labels', () => {
    it('remembers a created shipment until it is bought, then keeps the bought one', () => {
      expect(ledger.shipmentFor('WH/OUT/00012#1')).toBeNull();
      ledger.recordShipmentCreated('WH/OUT/00012#1', 'shp_1');
      expect(ledger.shipmentFor('WH/OUT/00012#1')).toEqual({ shipmentId: 'shp_1', shipment: null });
      ledger.recordLabelBought(12, 1, 'WH/OUT/00012#1', shipment('TRK1', 'shp_1'));
      expect(ledger.shipmentFor('WH/OUT/00012#1')).toEqual({ shipmentId: 'shp_1', shipment: shipment('TRK1', 'shp_1') });
      ledger.recordShipmentCreated('WH/OUT/00012#1', 'shp_other');
      expect(ledger.shipmentFor('WH/OUT/00012#1')?.shipmentId).toBe('shp_1');
    });

    it('enqueues label.bought once with the attachment name and the ZPL', () => {
      const s = shipment('9400TRK', 'shp_9');
      ledger.recordLabelBought(12, 2, 'WH/OUT/00012#2', s);
      ledger.recordLabelBought(12, 2, 'WH/OUT/00012#2', s);
      expect(outboxRows()).toEqual([
        {
          target: 'odoo',
          order_key: 'picking:12',
          type: 'label.bought',
          payload: {
            type: 'label.bought',
            pickingId: 12,
            parcelIndex: 2,
            shipmentId: 'shp_9',
            trackingCode: '9400TRK',
            labelName: 'Label-WH-OUT-00012-2-9400TRK.zpl',
            labelZpl: s.label.data,
            // The picking's live labels' freight once this one is recorded.
            freight: { kind: 'total', amount: '7.58', currency: 'USD', labels: 1 },
          },
        },
      ]);
      expect(labelNameFor('WH/OUT/00012', 1, 'T')).toBe('Label-WH-OUT-00012-1-T.zpl');
    });

    it('keeps an unparseable stored shipment in the dead letters and still returns its id so nothing is bought twice', () => {
      ledger.recordLabelBought(12, 1, 'R1', shipment());
      db.prepare(`UPDATE shipments SET shipment = '{oops'`).run();
      expect(ledger.shipmentFor('R1')).toEqual({ shipmentId: 'shp_1', shipment: null });
      expect(db.prepare(`SELECT raw FROM dead_letters`).all()).toEqual([{ raw: '{oops' }]);
    });

    it('counts reprints without enqueuing anything', () => {
      ledger.recordLabelPrinted(12, 1);
      clock.advance(1000);
      ledger.recordLabelPrinted(12, 1);
      expect(db.prepare(`SELECT times, last_printed_at - first_printed_at AS gap FROM labels_printed`).get()).toEqual({ times: 2, gap: 1000 });
      expect(count('outbox')).toBe(0);
    });
  });

  describe('recordPickingPacked', () => {
    it('enqueues picking.validate once, after the earlier events of the picking', () => {
      ledger.recordParcelPacked(parcel(12, 1));
      expect(ledger.recordPickingPacked(12)).toBe(true);
      expect(ledger.recordPickingPacked(12)).toBe(false);
      expect(outboxRows().map((r) => r.payload)).toEqual([
        { type: 'parcel.packed', parcel: parcel(12, 1) },
        { type: 'picking.validate', pickingId: 12 },
      ]);
      expect(store.pendingCount()).toBe(2);
    });
  });

  it('tells listeners after the commit, and only when an event was enqueued', () => {
    const seen: number[] = [];
    const off = ledger.onEnqueued(() => seen.push(count('outbox')));
    ledger.recordParcelPacked(parcel(12, 1));
    ledger.recordParcelPacked(parcel(12, 1));
    ledger.recordLabelPrinted(12, 1);
    ledger.recordPickingPacked(12);
    off();
    ledger.recordParcelPacked(parcel(12, 2));
    expect(seen).toEqual([1, 2]);
  });

  it('inside atomically, listeners hear about events once the outer transaction committed, and a rollback undoes all', () => {
    const seen: number[] = [];
    ledger.onEnqueued(() => seen.push(count('outbox')));
    ledger.atomically(() => {
      ledger.recordParcelPacked(parcel(12, 1));
      ledger.recordPickingPacked(12);
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual([2]);
    expect(() =>
      ledger.atomically(() => {
        ledger.recordParcelPacked(parcel(12, 2));
        throw new Error('printer queue refused');
      }),
    ).toThrow(/printer queue refused/);
    expect(count('outbox')).toBe(2);
    expect(seen).toEqual([2]);
  });

  it('reports the progress of a picking: parcels in order, labels bought and printed, finished', () => {
    expect(ledger.progress(12)).toEqual({ parcels: [], packed: false });
    ledger.recordParcelPacked(parcel(12, 2));
    ledger.recordParcelPacked(parcel(12, 1));
    ledger.recordLabelBought(12, 1, 'WH/OUT/00012#1', shipment('TRK1', 'shp_1'));
    ledger.recordLabelPrinted(12, 1);
    ledger.recordPickingPacked(12);
    expect(ledger.progress(12)).toEqual({
      parcels: [
        { parcel: parcel(12, 1), shipment: shipment('TRK1', 'shp_1'), printed: true },
        { parcel: parcel(12, 2), shipment: null, printed: false },
      ],
      packed: true,
    });
    expect(ledger.progress(13)).toEqual({ parcels: [], packed: false });
  });

  it('queues an urgent picking\'s events ahead of older ones; each picking keeps its own order', () => {
    const cache = new SqlitePickingCache(db, clock, store);
    cache.cachePicking(picking(13));
    cache.cachePicking(picking(14, { urgent: true }));
    ledger.recordParcelPacked(parcel(12, 1));
    ledger.recordParcelPacked(parcel(13, 1));
    clock.advance(1_000);
    ledger.recordParcelPacked(parcel(14, 1));
    ledger.recordPickingPacked(14);
    const due = store.due('odoo', clock.now(), 10).map((e) => e.orderKey);
    expect(due).toEqual(['picking:14', 'picking:12', 'picking:13']);
    ledger.recordLabelBought(14, 1, 'WH/OUT/00014#1', shipment('T14', 'shp_14'));
    const urgentKey = db.prepare(`SELECT type, priority FROM outbox WHERE order_key = 'picking:14' ORDER BY id`).all();
    expect(urgentKey).toEqual([
      { type: 'parcel.packed', priority: 2 },
      { type: 'picking.validate', priority: 2 },
      { type: 'label.bought', priority: 2 },
    ]);
  });
});
