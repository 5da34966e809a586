import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VoidOutcome } from '../../../../app/domain/carrier.schema';
import { StationError } from '../../../../app/domain/errors';
import { OutboxEventSchema, type OutboxEvent } from '../../../../app/domain/outbox-event.schema';
import type { Shipment } from '../../../../app/domain/shipment.schema';
import { createCarrierDeliverer } from '../../../../sync/carrier/label-void.deliverer';
import { SqliteCarrierExceptions } from '../../../../sync/outbox/carrier-exceptions.store';
import { VoidedLabelsStore } from '../../../../sync/outbox/voided-labels.store';
import { ledgerWorld, type LedgerWorld } from '../outbox/ledger-world';
import { parcel, picking, shipment } from '../outbox/outbox-fixtures';

describe('the carrier deliverer of voids', () => {
  let world: LedgerWorld;
  let labels: VoidedLabelsStore;
  let exceptions: SqliteCarrierExceptions;
  let answers: VoidOutcome[];
  let asked: string[];
  const platform = {
    kind: 'easypost' as const,
    void: async (s: Shipment): Promise<VoidOutcome> => {
      asked.push(s.shipmentId);
      const answer = answers.shift();
      if (answer === undefined) throw new StationError('NETWORK', 'no answer');
      return answer;
    },
  };

  /** The label.void the ledger queued, as the engine hands it over. */
  const voidEvent = (): OutboxEvent => {
    const row = world.db.prepare(`SELECT id, target, order_key, payload FROM outbox WHERE target = 'carrier' ORDER BY id DESC LIMIT 1`).get() as { id: number; target: string; order_key: string; payload: string };
    return OutboxEventSchema.parse({ id: row.id, target: row.target, orderKey: row.order_key, payload: JSON.parse(row.payload), attempts: 0, createdAt: 0 });
  };

  beforeEach(() => {
    world = ledgerWorld();
    const { ledger } = world;
    world.cache.cachePicking(picking(12));
    labels = new VoidedLabelsStore(world.db, world.clock, world.outbox);
    exceptions = new SqliteCarrierExceptions(world.db, world.clock);
    answers = [];
    asked = [];
    ledger.recordParcelPacked(parcel(12, 1));
    ledger.recordLabelBought(12, 1, 'WH/OUT/00012#1', shipment('TRK1', 'shp_1'));
    ledger.voidLabel({ reference: 'WH/OUT/00012#1', reason: 'box crushed', by: 'Ana' });
  });

  afterEach(() => world.close());

  it('submitted, then asked again after a lost reply: the current status; a refund answered for good is not asked again', async () => {
    const deliver = createCarrierDeliverer({ platform, labels: labels, exceptions });
    answers.push({ status: 'submitted' }, { status: 'refunded' });
    await deliver(voidEvent());
    expect(labels.voidedOf('shp_1')).toMatchObject({ status: 'submitted', answeredAt: world.clock.now() });
    await deliver(voidEvent());
    await deliver(voidEvent());
    expect(asked).toEqual(['shp_1', 'shp_1']);
    expect(labels.voidedOf('shp_1')?.status).toBe('refunded');
    expect(exceptions.open()).toEqual([]);
  });

  it('a refused refund is a void_rejected carrier exception for the supervisor, raised once', async () => {
    const deliver = createCarrierDeliverer({ platform, labels: labels, exceptions });
    answers.push({ status: 'rejected', detail: 'label already scanned' });
    await deliver(voidEvent());
    await deliver(voidEvent());
    expect(asked).toEqual(['shp_1']);
    expect(labels.voidedOf('shp_1')).toMatchObject({ status: 'rejected', detail: 'label already scanned' });
    const [open] = exceptions.open();
    expect(open).toMatchObject({ kind: 'void_rejected', pickingId: 12, pickingName: 'WH/OUT/00012', parcelIndex: 1, state: 'open' });
    expect(open?.detail).toContain('TRK1');
    expect(open?.detail).toContain('label already scanned');
  });

  it('an unanswered void stays requested and fails (retried); a label of another platform or another event is refused', async () => {
    const deliver = createCarrierDeliverer({ platform, labels: labels, exceptions });
    await expect(deliver(voidEvent())).rejects.toMatchObject({ code: 'NETWORK' });
    expect(labels.voidedOf('shp_1')?.status).toBe('requested');

    const shippo = createCarrierDeliverer({ platform: { ...platform, kind: 'shippo' }, labels: labels, exceptions });
    await expect(shippo(voidEvent())).rejects.toMatchObject({ code: 'CONFIG' });
    const validate: OutboxEvent = { ...voidEvent(), payload: { type: 'picking.validate', pickingId: 12 } };
    await expect(deliver(validate)).rejects.toMatchObject({ code: 'REJECTED' });
    expect(asked).toEqual(['shp_1']);
  });
});
