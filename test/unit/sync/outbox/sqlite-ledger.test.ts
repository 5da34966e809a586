import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxPayloadSchema } from '../../../../app/domain/outbox-event.schema';
import { closeStationDb, openStationDb } from '../../../../sync/db/station-db';
import type { StationDb } from '../../../../sync/db/station-db';
import { OutboxStore } from '../../../../sync/outbox/outbox.store';
import { labelNameFor, SqliteLedger } from '../../../../sync/outbox/sqlite-ledger';
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
    ledger = new SqliteLedger(db, clock);
    store = new OutboxStore(db, clock);
  });
  afterEach(() => {
    closeStationDb(db);
    tmp.cleanup();
  });

  describe('picking cache', () => {
    it('finds a cached picking by name, origin and regardless of case', () => {
      const p = picking(12);
      ledger.cachePicking(p);
      expect(ledger.cachedPicking('WH/OUT/00012')).toEqual(p);
      expect(ledger.cachedPicking('  S00012 ')).toEqual(p);
      expect(ledger.cachedPicking('wh/out/00012')).toEqual(p);
      expect(ledger.cachedPicking('WH/OUT/99999')).toBeNull();
      expect(ledger.cachedPicking('')).toBeNull();
    });

    it('replaces a re-cached picking and moves a shared scan key to the newest picking', () => {
      ledger.cachePicking(picking(12, { origin: 'S1' }));
      ledger.cachePicking(picking(12, { origin: 'S2', state: 'confirmed' }));
      expect(ledger.cachedPicking('S1')).toBeNull();
      expect(ledger.cachedPicking('S2')?.state).toBe('confirmed');
      ledger.cachePicking(picking(13, { origin: 'S2' }));
      expect(ledger.cachedPicking('S2')?.id).toBe(13);
      expect(ledger.cachedPicking('WH/OUT/00012')?.id).toBe(12);
    });

    it('moves an unparseable cache row to the dead letters instead of returning or losing it', () => {
      ledger.cachePicking(picking(12));
      db.prepare(`UPDATE picking_cache SET picking = '{"id": 12, "broken": true}'`).run();
      expect(ledger.cachedPicking('WH/OUT/00012')).toBeNull();
      const dl = db.prepare(`SELECT target, order_key, reason, raw FROM dead_letters`).all();
      expect(dl).toEqual([{ target: 'local', order_key: 'picking:12', reason: 'unparseable cached picking', raw: '{"id": 12, "broken": true}' }]);
      expect(count('picking_cache')).toBe(0);
      expect(ledger.cachedPicking('WH/OUT/00012')).toBeNull();
    });
  });

  describe('recordParcelPacked', () => {
    it('writes the parcel and its parcel.packed event', () => {
      ledger.recordParcelPacked(picking(12), parcel(12, 1));
      expect(count('parcels')).toBe(1);
      expect(outboxRows()).toEqual([{ target: 'odoo', order_key: 'picking:12', type: 'parcel.packed', payload: { type: 'parcel.packed', parcel: parcel(12, 1) } }]);
    });

    it('is idempotent per (picking, index)', () => {
      ledger.recordParcelPacked(picking(12), parcel(12, 1));
      ledger.recordParcelPacked(picking(12), parcel(12, 1));
      ledger.recordParcelPacked(picking(12), parcel(12, 2));
      expect(count('parcels')).toBe(2);
      expect(outboxRows().map((r) => r.type)).toEqual(['parcel.packed', 'parcel.packed']);
    });

    it('writes neither row when the transaction fails half way', () => {
      db.exec(`CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'forced failure'); END`);
      expect(() => ledger.recordParcelPacked(picking(12), parcel(12, 1))).toThrow(/forced failure/);
      expect(count('parcels')).toBe(0);
      expect(count('outbox')).toBe(0);
      db.exec(`DROP TRIGGER fail_outbox`);
      ledger.recordParcelPacked(picking(12), parcel(12, 1));
      expect(count('parcels')).toBe(1);
      expect(count('outbox')).toBe(1);
    });

    it('rejects a parcel of another picking', () => {
      expect(() => ledger.recordParcelPacked(picking(12), parcel(13, 1))).toThrow(/parcel of picking 13/);
      expect(count('outbox')).toBe(0);
    });
  });

  describe('shipments and labels', () => {
    it('remembers a created shipment until it is bought, then keeps the bought one', () => {
      expect(ledger.shipmentFor('WH/OUT/00012#1')).toBeNull();
      ledger.recordShipmentCreated('WH/OUT/00012#1', 'shp_1');
      expect(ledger.shipmentFor('WH/OUT/00012#1')).toEqual({ shipmentId: 'shp_1', shipment: null });
      ledger.recordLabelBought(picking(12), 1, 'WH/OUT/00012#1', shipment('TRK1', 'shp_1'));
      expect(ledger.shipmentFor('WH/OUT/00012#1')).toEqual({ shipmentId: 'shp_1', shipment: shipment('TRK1', 'shp_1') });
      ledger.recordShipmentCreated('WH/OUT/00012#1', 'shp_other');
      expect(ledger.shipmentFor('WH/OUT/00012#1')?.shipmentId).toBe('shp_1');
    });

    it('enqueues label.bought once with the attachment name and the ZPL', () => {
      const s = shipment('9400TRK', 'shp_9');
      ledger.recordLabelBought(picking(12), 2, 'WH/OUT/00012#2', s);
      ledger.recordLabelBought(picking(12), 2, 'WH/OUT/00012#2', s);
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
          },
        },
      ]);
      expect(labelNameFor('WH/OUT/00012', 1, 'T')).toBe('Label-WH-OUT-00012-1-T.zpl');
    });

    it('keeps an unparseable stored shipment in the dead letters and still returns its id so nothing is bought twice', () => {
      ledger.recordLabelBought(picking(12), 1, 'R1', shipment());
      db.prepare(`UPDATE shipments SET shipment = '{oops'`).run();
      expect(ledger.shipmentFor('R1')).toEqual({ shipmentId: 'shp_1', shipment: null });
      expect(db.prepare(`SELECT raw FROM dead_letters`).all()).toEqual([{ raw: '{oops' }]);
    });

    it('counts reprints without enqueuing anything', () => {
      ledger.recordLabelPrinted(picking(12), 1);
      clock.advance(1000);
      ledger.recordLabelPrinted(picking(12), 1);
      expect(db.prepare(`SELECT times, last_printed_at - first_printed_at AS gap FROM labels_printed`).get()).toEqual({ times: 2, gap: 1000 });
      expect(count('outbox')).toBe(0);
    });
  });

  describe('recordPickingPacked', () => {
    it('enqueues picking.validate once, after the earlier events of the picking', () => {
      ledger.recordParcelPacked(picking(12), parcel(12, 1));
      ledger.recordPickingPacked(picking(12));
      ledger.recordPickingPacked(picking(12));
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
    ledger.cachePicking(picking(12));
    ledger.recordParcelPacked(picking(12), parcel(12, 1));
    ledger.recordParcelPacked(picking(12), parcel(12, 1));
    ledger.recordPickingPacked(picking(12));
    off();
    ledger.recordParcelPacked(picking(12), parcel(12, 2));
    expect(seen).toEqual([1, 2]);
  });
});
