/**
 * A return label reaches Odoo (sandbox over HTTP, 16–19) through the station's outbox and sync engine: its ZPL
 * attached to the picking as `Return-<tracking>.zpl`, a chatter note with its tracking code, and the outbound
 * tracking list (`carrier_tracking_ref`) untouched. Delivered again after a lost reply, nothing is made twice; a
 * picking validated elsewhere meanwhile is no conflict for it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxPayloadSchema } from '../../../app/domain/outbox-event.schema';
import { basisOf } from '../../../app/sync/picking-drift';
import { ConflictGuard } from '../../../sync/conflicts/conflict-guard';
import { PickingBasisStore } from '../../../sync/conflicts/picking-basis.store';
import { closeStationDb, openStationDb } from '../../../sync/db/station-db';
import { SyncEngine } from '../../../sync/engine/sync.engine';
import { createOdooDeliverer } from '../../../sync/odoo/odoo.deliverer';
import { DeadLetterStore } from '../../../sync/outbox/dead-letters.store';
import { OutboxStore } from '../../../sync/outbox/outbox.store';
import { SqlitePickingCache } from '../../../sync/outbox/picking-cache.store';
import { ReturnLabelStore } from '../../../sync/outbox/return-labels.store';
import { SqliteLedger } from '../../../sync/outbox/sqlite-ledger';
import { systemClock } from '../../../main/system-clock';
import { waitUntil } from '../../../main/demo/wait-for';
import { shipment, tempDir } from '../../unit/sync/outbox/outbox-fixtures';
import { wholePicking, world } from './odoo-world';

describe.each([16, 17, 18, 19] as const)('return label into Odoo %i', (version) => {
  const tmp = tempDir();
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.();
    tmp.cleanup();
  });

  async function station() {
    const { sandbox, gateway } = await world(version);
    const db = openStationDb(tmp.file());
    cleanups.push(() => closeStationDb(db));
    const store = new OutboxStore(db, systemClock);
    const ledger = new SqliteLedger(db, systemClock, store);
    const cache = new SqlitePickingCache(db, systemClock, store);
    const basis = new PickingBasisStore(db, systemClock);
    const deliverer = createOdooDeliverer(gateway, { guard: new ConflictGuard(basis, gateway), stationId: 'bench-1' });
    const engine = new SyncEngine({ store, deliverers: { odoo: deliverer }, clock: systemClock, policy: { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 3 }, idleMs: 20 });
    cleanups.push(() => engine.stop());
    ledger.onEnqueued(() => engine.kick());
    const returns = new ReturnLabelStore(db, systemClock, store, () => engine.kick());
    const [seeded] = sandbox.createPickings(1);
    const picking = (await gateway.findPicking(seeded!.name))!;
    cache.cachePicking(picking);
    const pending = () => store.status(Date.now()).sync.reduce((n, t) => n + t.depth, 0);
    const dead = () => new DeadLetterStore(db, systemClock).list();
    const returnLabel = (tracking: string, n = 1) =>
      returns.recordBought({ id: picking.id, name: picking.name }, `${picking.name}#R${n}`, { ...shipment(tracking, `shp_${tracking}`), isReturn: true }, () => null);
    return { sandbox, db, engine, ledger, basis, store, deliverer, picking, pending, dead, returnLabel };
  }

  it('after the outbound label and the validation: attached, noted once, outbound tracking left alone', async () => {
    const s = await station();
    await s.engine.start();
    s.ledger.recordParcelPacked(wholePicking(s.picking));
    s.ledger.recordLabelBought(s.picking.id, 1, `${s.picking.name}#1`, shipment('9400100000000000000001', 'shp_out'));
    s.ledger.recordPickingPacked(s.picking.id);
    s.returnLabel('9400100000000000000777');
    await waitUntil(() => s.pending() === 0, 5_000, 'drained');
    expect(s.dead()).toEqual([]);
    const view = s.sandbox.picking(s.picking.id);
    expect(view.state).toBe('done');
    expect(view.carrier_tracking_ref).toBe('9400100000000000000001');
    expect(view.attachments.map((a) => a.name)).toContain('Return-9400100000000000000777.zpl');
    expect(view.attachments.find((a) => a.name === 'Return-9400100000000000000777.zpl')?.size).toBe(shipment('9400100000000000000777').label.data.length);
    const notes = view.messages.filter((m) => m.startsWith('Return label'));
    expect(notes).toEqual([`Return label 9400100000000000000777 (USPS Priority, ${s.picking.name}#R1) bought at station bench-1; the label is attached as Return-9400100000000000000777.zpl.`]);

    // The reply of that delivery lost: the same event delivered again finds both in place.
    const row = s.db.prepare(`SELECT id, payload FROM outbox WHERE type = 'return.label'`).get() as { id: number; payload: string };
    const event = { id: row.id, target: 'odoo' as const, orderKey: `picking:${s.picking.id}`, payload: OutboxPayloadSchema.parse(JSON.parse(row.payload)), attempts: 1, answeredFailures: 0, createdAt: Date.now() };
    expect(await s.deliverer.deliverMany([event])).toEqual({ done: 1 });
    const after = s.sandbox.picking(s.picking.id);
    expect(after.attachments.filter((a) => a.name.startsWith('Return-'))).toHaveLength(1);
    expect(after.messages.filter((m) => m.startsWith('Return label'))).toHaveLength(1);
  });

  it('a picking validated in Odoo by someone else is no conflict for its return label', async () => {
    const s = await station();
    s.basis.record(basisOf(s.picking));
    s.sandbox.validateInOdoo(s.picking.id);
    await s.engine.start();
    s.returnLabel('RT-2', 2);
    await waitUntil(() => s.pending() === 0, 5_000, 'drained');
    expect(s.dead()).toEqual([]);
    expect(s.sandbox.picking(s.picking.id).attachments.map((a) => a.name)).toEqual(['Return-RT-2.zpl']);
  });
});
