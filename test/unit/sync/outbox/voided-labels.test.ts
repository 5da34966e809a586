import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StationError } from '../../../../app/domain/errors';
import { OutboxPayloadSchema } from '../../../../app/domain/outbox-event.schema';
import type { Shipment } from '../../../../app/domain/shipment.schema';
import { VoidedLabelsStore } from '../../../../sync/outbox/voided-labels.store';
import { ledgerWorld, type LedgerWorld } from './ledger-world';
import { parcel, picking, shipment } from './outbox-fixtures';

const priced = (tracking: string, shipmentId: string, rate: string, currency = 'USD'): Shipment => {
  const s = shipment(tracking, shipmentId);
  return { ...s, rate: { ...s.rate, rate, currency }, choice: { policy: 'cheapest', reason: 'lowest rate', offered: 3, allowed: 3 } };
};

describe('voiding labels in the ledger', () => {
  let db: LedgerWorld['db'];
  let clock: LedgerWorld['clock'];
  let ledger: LedgerWorld['ledger'];
  let labels: VoidedLabelsStore;
  let world: LedgerWorld;
  const count = (table: string): number => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const events = () =>
    (db.prepare(`SELECT target, order_key, payload FROM outbox ORDER BY id`).all() as { target: string; order_key: string; payload: string }[]).map((r) => ({
      target: r.target,
      key: r.order_key,
      payload: OutboxPayloadSchema.parse(JSON.parse(r.payload)),
    }));

  beforeEach(() => {
    world = ledgerWorld();
    ({ db, clock, ledger } = world);
    labels = new VoidedLabelsStore(db, clock, world.outbox);
    world.cache.cachePicking(picking(12));
    ledger.recordParcelPacked(parcel(12, 1));
    ledger.recordParcelPacked(parcel(12, 2));
    ledger.recordLabelBought(12, 1, 'WH/OUT/00012#1', priced('TRK1', 'shp_1', '7.58'));
    ledger.recordLabelBought(12, 2, 'WH/OUT/00012#2', priced('TRK2', 'shp_2', '6.07'));
    ledger.recordLabelPrinted(12, 1);
    db.prepare(`DELETE FROM outbox`).run();
  });
  afterEach(() => world.close());

  it('one transaction: the label moves to voided_labels, its printed mark goes, the refund and the Odoo reflection are queued', () => {
    clock.advance(5_000);
    const voided = ledger.voidLabel({ reference: 'WH/OUT/00012#1', reason: 'box crushed', by: 'Ana' });

    expect(voided).toMatchObject({ reference: 'WH/OUT/00012#1', shipmentId: 'shp_1', pickingName: 'WH/OUT/00012', parcelIndex: 1, status: 'requested', reason: 'box crushed', requestedBy: 'Ana', rate: '7.58' });
    expect(ledger.shipmentFor('WH/OUT/00012#1')).toBeNull();
    expect(ledger.progress(12).parcels.map((p) => [p.parcel.index, p.shipment?.trackingCode ?? null, p.printed])).toEqual([[1, null, false], [2, 'TRK2', false]]);
    expect(ledger.freightOf(12)).toEqual({ kind: 'total', amount: '6.07', currency: 'USD', labels: 1 });
    const [toCarrier, toOdoo] = events();
    expect(toCarrier).toMatchObject({ target: 'carrier', key: 'void:shp_1', payload: { type: 'label.void', reference: 'WH/OUT/00012#1', pickingName: 'WH/OUT/00012', shipment: { shipmentId: 'shp_1' } } });
    expect(toOdoo).toEqual({
      target: 'odoo',
      key: 'picking:12',
      payload: {
        type: 'label.voided', pickingId: 12, parcelIndex: 1, shipmentId: 'shp_1', trackingCode: 'TRK1', labelName: 'Label-WH-OUT-00012-1-TRK1.zpl',
        reason: 'box crushed', by: 'Ana', freight: { kind: 'total', amount: '6.07', currency: 'USD', labels: 1 },
      },
    });
    expect(labels.voided(10).map((v) => [v.reference, v.status])).toEqual([['WH/OUT/00012#1', 'requested']]);
    expect(labels.bought(10).map((b) => b.reference)).toEqual(['WH/OUT/00012#2']);
  });

  it('a reference with no bought label is REJECTED and writes nothing', () => {
    const error = (() => {
      try {
        ledger.voidLabel({ reference: 'WH/OUT/00012#7', reason: 'typo', by: 'Ana' });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(StationError);
    expect((error as StationError).code).toBe('REJECTED');
    expect((error as StationError).message).toContain('WH/OUT/00012#7 has no bought label to void');
    expect(count('voided_labels')).toBe(0);
    expect(count('outbox')).toBe(0);
  });

  it('all or nothing: a failure while queueing leaves the label live and printed', () => {
    db.exec(`CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox WHEN NEW.target = 'odoo' BEGIN SELECT RAISE(ABORT, 'forced failure'); END`);
    expect(() => ledger.voidLabel({ reference: 'WH/OUT/00012#1', reason: 'box crushed', by: 'Ana' })).toThrow(/forced failure/);
    expect(ledger.shipmentFor('WH/OUT/00012#1')?.shipment?.trackingCode).toBe('TRK1');
    expect(ledger.progress(12).parcels[0]?.printed).toBe(true);
    expect([count('voided_labels'), count('outbox')]).toEqual([0, 0]);
  });

  it('a second label bought for a parcel voids the first ("duplicate label") before the new one is queued', () => {
    ledger.recordLabelBought(12, 2, 'WH/OUT/00012#2', priced('TRK2B', 'shp_2b', '5.10'));
    expect(events().map((e) => [e.target, e.payload.type])).toEqual([['carrier', 'label.void'], ['odoo', 'label.voided'], ['odoo', 'label.bought']]);
    expect(events()[2]?.payload).toMatchObject({ trackingCode: 'TRK2B', freight: { kind: 'total', amount: '12.68', labels: 2 } });
    expect(labels.voidedOf('shp_2')).toMatchObject({ reason: 'duplicate label', requestedBy: 'station', trackingCode: 'TRK2' });
    expect(ledger.shipmentFor('WH/OUT/00012#2')?.shipment?.trackingCode).toBe('TRK2B');
  });

  it("a picking's labels voided together; a second time finds none; the platform's answer is kept", () => {
    let heard = 0;
    ledger.onEnqueued(() => heard++);
    expect(ledger.voidPickingLabels(12, 'picking cancelled in Odoo', 'station').map((v) => v.trackingCode)).toEqual(['TRK1', 'TRK2']);
    expect(heard).toBe(1);
    expect(ledger.voidPickingLabels(12, 'picking cancelled in Odoo', 'station')).toEqual([]);
    expect(heard).toBe(1);
    expect(ledger.freightOf(12)).toEqual({ kind: 'total', amount: '0.00', currency: null, labels: 0 });
    clock.advance(60_000);
    labels.recordAnswer('shp_1', { status: 'rejected', detail: 'label already scanned by the carrier' });
    expect(labels.voidedOf('shp_1')).toMatchObject({ status: 'rejected', detail: 'label already scanned by the carrier', answeredAt: clock.now() });
  });

  it('labels in two currencies have no one total; the lists show rate, service and why the policy chose it', () => {
    ledger.recordParcelPacked(parcel(12, 3));
    ledger.recordLabelBought(12, 3, 'WH/OUT/00012#3', priced('TRK3', 'shp_3', '9.00', 'EUR'));
    expect(ledger.freightOf(12)).toEqual({ kind: 'mixed', currencies: ['EUR', 'USD'], labels: 3 });
    expect(labels.bought(1)).toEqual([
      {
        reference: 'WH/OUT/00012#3', shipmentId: 'shp_3', pickingId: 12, pickingName: 'WH/OUT/00012', parcelIndex: 3, trackingCode: 'TRK3', carrier: 'USPS',
        service: 'Priority', rate: '9.00', currency: 'EUR', platform: null, choice: { policy: 'cheapest', reason: 'lowest rate', offered: 3, allowed: 3 },
        isReturn: false, boughtAt: clock.now(), printed: false,
      },
    ]);
  });
});
