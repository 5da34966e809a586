/** Return labels in the ledger's shipments table, on a real station database. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxPayloadSchema } from '../../../../app/domain/outbox-event.schema';
import { OutboxStore } from '../../../../sync/outbox/outbox.store';
import { ReturnLabelStore } from '../../../../sync/outbox/return-labels.store';
import { ledgerWorld, type LedgerWorld } from './ledger-world';
import { parcel, picking, shipment } from './outbox-fixtures';

describe('ReturnLabelStore', () => {
  let world: LedgerWorld;
  let db: LedgerWorld['db'];
  let clock: LedgerWorld['clock'];
  let ledger: LedgerWorld['ledger'];
  let store: ReturnLabelStore;
  let kicks: number;
  const ref = { id: 12, name: 'WH/OUT/00012' };
  const returned = (tracking: string) => ({ ...shipment(tracking, `shp_${tracking}`), platform: 'easypost' as const });
  const events = () => (db.prepare(`SELECT order_key, payload FROM outbox ORDER BY id`).all() as { order_key: string; payload: string }[]).map((r) => ({ key: r.order_key, payload: OutboxPayloadSchema.parse(JSON.parse(r.payload)) }));

  beforeEach(() => {
    world = ledgerWorld();
    ({ db, clock, ledger } = world);
    world.cache.cachePicking(picking(12));
    kicks = 0;
    store = new ReturnLabelStore(db, clock, world.outbox, () => (kicks += 1));
  });
  afterEach(() => world.close());

  it('numbers return labels R1, R2…, resumes one whose purchase was interrupted, and skips numbers of voided ones', () => {
    expect(store.nextReference('WH/OUT/00012')).toEqual({ reference: 'WH/OUT/00012#R1', resumeShipmentId: null });
    ledger.recordShipmentCreated('WH/OUT/00012#R1', 'shp_a');
    expect(store.nextReference('WH/OUT/00012')).toEqual({ reference: 'WH/OUT/00012#R1', resumeShipmentId: 'shp_a' });
    store.recordBought(ref, 'WH/OUT/00012#R1', { ...returned('RT1'), shipmentId: 'shp_a' }, () => null);
    expect(store.nextReference('WH/OUT/00012').reference).toBe('WH/OUT/00012#R2');
    db.prepare(`INSERT INTO voided_labels (reference, shipment_id, shipment, reason, requested_by, requested_at) VALUES ('WH/OUT/00012#R2', 'shp_b', '{}', 'lost', 'Ana', 1)`).run();
    expect(store.nextReference('WH/OUT/00012').reference).toBe('WH/OUT/00012#R3');
    // Outbound parcels' references and other pickings whose names only look alike are not counted.
    ledger.recordShipmentCreated('WH/OUT/00012#1', 'shp_out');
    ledger.recordShipmentCreated('WH/OUT/000123#R7', 'shp_other');
    expect(store.nextReference('WH/OUT/00012').reference).toBe('WH/OUT/00012#R3');
    expect(store.nextReference('WH_OUT%1').reference).toBe('WH_OUT%1#R1');
  });

  it('records the bought label, its Odoo event and its print job in one transaction, once', () => {
    const prints: string[] = [];
    const first = store.recordBought(ref, 'WH/OUT/00012#R1', returned('RT1'), () => (prints.push('job'), 'job-1'));
    expect(first).toEqual({ printJobId: 'job-1', recorded: true });
    expect(store.recordBought(ref, 'WH/OUT/00012#R1', returned('RT1'), () => (prints.push('again'), 'job-2'))).toEqual({ printJobId: null, recorded: false });
    expect(prints).toEqual(['job']);
    expect(kicks).toBe(1);
    expect(db.prepare(`SELECT picking_id, parcel_index, tracking_code, platform, carrier, is_return, manifest_id FROM shipments`).all()).toEqual([
      { picking_id: 12, parcel_index: null, tracking_code: 'RT1', platform: 'easypost', carrier: 'USPS', is_return: 1, manifest_id: null },
    ]);
    expect(events()).toEqual([
      {
        key: 'picking:12',
        payload: expect.objectContaining({ type: 'return.label', pickingId: 12, reference: 'WH/OUT/00012#R1', trackingCode: 'RT1', carrier: 'USPS', service: 'Priority', labelName: 'Return-RT1.zpl' }),
      },
    ]);
    expect(store.get('WH/OUT/00012#R1')).toEqual({
      reference: 'WH/OUT/00012#R1', pickingId: 12, pickingName: 'WH/OUT/00012', shipmentId: 'shp_RT1', trackingCode: 'RT1', carrier: 'USPS', service: 'Priority', rate: '7.58', currency: 'USD', boughtAt: clock.now(),
    });
  });

  it('a print job that cannot be queued undoes the record and the event (the shipment id stays to resume from)', () => {
    ledger.recordShipmentCreated('WH/OUT/00012#R1', 'shp_RT1');
    expect(() => store.recordBought(ref, 'WH/OUT/00012#R1', returned('RT1'), () => {
      throw new Error('queue full');
    })).toThrow(/queue full/);
    expect(events()).toEqual([]);
    expect(store.get('WH/OUT/00012#R1')).toBeNull();
    expect(store.nextReference('WH/OUT/00012')).toEqual({ reference: 'WH/OUT/00012#R1', resumeShipmentId: 'shp_RT1' });
  });

  it('tells the hub, on a station that has one, in the same transaction: a return label numbered by its R<n>', () => {
    const withHub = new ReturnLabelStore(db, clock, new OutboxStore(db, clock, { hubLedger: true }));
    withHub.recordBought(ref, 'WH/OUT/00012#R1', returned('RT1'), () => null);
    withHub.recordBought(ref, 'WH/OUT/00012#R2', returned('RT2'), () => null);
    withHub.recordBought(ref, 'WH/OUT/00012#R2', returned('RT2'), () => null);
    expect(() => withHub.recordBought(ref, 'WH/OUT/00012#R3', returned('RT3'), () => { throw new Error('printer queue refused'); })).toThrow();
    const facts = events().filter((e) => e.key === 'hub:ledger').map((e) => e.payload);
    expect(facts).toEqual(
      [1, 2].map((n) => ({
        type: 'hub.fact',
        fact: { type: 'label.bought', pickingId: 12, pickingName: 'WH/OUT/00012', parcelIndex: n, shipmentId: `shp_RT${n}`, trackingCode: `RT${n}`, carrier: 'USPS', service: 'Priority', price: 7.58, currency: 'USD', isReturn: true },
      })),
    );
    // The store without a hub (this suite's) queues none.
    store.recordBought(ref, 'WH/OUT/00012#R4', returned('RT4'), () => null);
    expect(events().filter((e) => e.key === 'hub:ledger')).toHaveLength(2);
  });

  it('is no parcel of the picking: the ledger’s progress ignores it', () => {
    ledger.recordParcelPacked(parcel(12, 1));
    ledger.recordLabelBought(12, 1, 'WH/OUT/00012#1', shipment('OUT1', 'shp_out'));
    store.recordBought(ref, 'WH/OUT/00012#R1', returned('RT1'), () => null);
    const progress = ledger.progress(12);
    expect(progress.parcels.map((p) => p.shipment?.trackingCode)).toEqual(['OUT1']);
    expect(store.parcels(12).map((p) => p.index)).toEqual([1]);
  });

  it('finds a picking by name (any case) or id, in its copy or among packed pickings', () => {
    expect(store.pickingRef('wh/out/00012')).toEqual(ref);
    expect(store.pickingRef('12')).toEqual(ref);
    expect(store.pickingRef('WH/OUT/00077')).toBeNull();
    db.prepare(`INSERT INTO pickings_packed (picking_id, name, packed_at) VALUES (77, 'WH/OUT/00077', 1)`).run();
    expect(store.pickingRef(' WH/OUT/00077 ')).toEqual({ id: 77, name: 'WH/OUT/00077' });
    expect(store.pickingRef('')).toBeNull();
  });
});
