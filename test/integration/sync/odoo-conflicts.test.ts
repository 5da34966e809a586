/**
 * Conflicts with what happened in Odoo meanwhile: a picking changed behind the station (quantities, cancelled,
 * validated by someone else, carrier, delivery address after the label was bought) stops its events as a CONFLICT
 * dead letter naming the difference, and nothing is written over it. A supervisor's Replay accepts Odoo's version.
 * Real parts: the Odoo sandbox over HTTP (17 on JSON-RPC, 19 on JSON-2), the gateway, the station's SQLite file,
 * the sync engine.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Picking } from '../../../app/domain';
import { basisOf } from '../../../app/sync/picking-drift';
import { adviseDeadLetter } from '../../../app/outbox/dead-letter.advice';
import { ConflictGuard } from '../../../sync/conflicts/conflict-guard';
import { PickingBasisStore } from '../../../sync/conflicts/picking-basis.store';
import { closeStationDb, openStationDb } from '../../../sync/db/station-db';
import { SyncEngine } from '../../../sync/engine/sync.engine';
import { createOdooDeliverer } from '../../../sync/odoo/odoo.deliverer';
import { DeadLetterStore } from '../../../sync/outbox/dead-letters.store';
import { OutboxStore } from '../../../sync/outbox/outbox.store';
import { SqliteLedger } from '../../../sync/outbox/sqlite-ledger';
import { SqlitePickingCache } from '../../../sync/outbox/picking-cache.store';
import { systemClock } from '../../../main/system-clock';
import { shipment, tempDir } from '../../unit/sync/outbox/outbox-fixtures';
import { waitUntil } from '../../../main/demo/wait-for';
import { wholePicking, world } from './odoo-world';

describe.each([17, 19] as const)('conflicts with Odoo %i', (version) => {
  const tmp = tempDir();
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.();
    tmp.cleanup();
  });

  /** A station that loaded `lines`-line pickings to pack (their basis recorded) with its sync engine running. */
  async function station(count = 1, lines = 2) {
    const { sandbox, gateway } = await world(version);
    const db = openStationDb(tmp.file());
    cleanups.push(() => closeStationDb(db));
    const store = new OutboxStore(db, systemClock);
    const ledger = new SqliteLedger(db, systemClock, store);
    const cache = new SqlitePickingCache(db, systemClock, store);
    const basis = new PickingBasisStore(db, systemClock);
    const letters = new DeadLetterStore(db, systemClock);
    const claims = gateway.claimsFor('bench-1', 3_600_000, () => Date.now());
    const engine = new SyncEngine({
      store,
      deliverers: { odoo: createOdooDeliverer(gateway, { guard: new ConflictGuard(basis, gateway), claims, stationId: 'bench-1' }) },
      clock: systemClock,
      policy: { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 3 },
      idleMs: 20,
    });
    cleanups.push(() => engine.stop());
    ledger.onEnqueued(() => engine.kick());
    const seeded = sandbox.createPickings(count, { linesPerPicking: lines });
    const pickings: Picking[] = [];
    for (const s of seeded) {
      const picking = (await gateway.findPicking(s.name))!;
      cache.cachePicking(picking);
      basis.record(basisOf(picking));
      expect(await claims.claim(picking.id)).toEqual({ kind: 'claimed' });
      pickings.push(picking);
    }
    const pack = (picking: Picking, i = 0) => {
      ledger.recordParcelPacked(wholePicking(picking));
      ledger.recordLabelBought(picking.id, 1, `${picking.name}#1`, shipment(`9400100000000000000${i}`, `shp_${i}`));
      ledger.recordPickingPacked(picking.id);
    };
    const dead = () => letters.list();
    const pending = () => store.status(Date.now()).sync.reduce((n, t) => n + t.depth, 0);
    return { sandbox, gateway, engine, basis, letters, pickings, pack, dead, pending, store };
  }

  it('delivers a picking nobody touched, then forgets its basis and releases its claim in the chatter', async () => {
    const s = await station();
    const [picking] = s.pickings;
    await s.engine.start();
    s.pack(picking!);
    await waitUntil(() => s.pending() === 0, 5_000, 'drained');
    expect(s.dead()).toEqual([]);
    expect(s.sandbox.picking(picking!.id).state).toBe('done');
    expect(s.basis.basis(picking!.id)).toBeNull();
    expect(s.sandbox.records('mail.activity', [['res_id', '=', picking!.id]])).toEqual([]);
    expect(s.sandbox.records('mail.message', [['res_id', '=', picking!.id]]).map((m) => m.body)).toEqual([
      'Packing at station bench-1 done: packed and validated at station bench-1',
    ]);
  });

  it('a quantity changed in Odoo before the parcel reached it: CONFLICT naming the line, nothing packed', async () => {
    const s = await station();
    const [picking] = s.pickings;
    const line = picking!.lines[0]!;
    s.sandbox.writeInOdoo('stock.move', line.moveId, { product_uom_qty: line.quantity + 3 });
    await s.engine.start();
    s.pack(picking!);
    await waitUntil(() => s.dead().length === 1, 5_000, 'dead-lettered');
    const [letter] = s.dead();
    expect(letter!.reason).toBe(`CONFLICT: ${picking!.name} changed in Odoo after it was packed here: ${line.productName}: ${line.quantity} → ${line.quantity + 3}`);
    expect(s.sandbox.picking(picking!.id).packages).toEqual([]);
    expect(s.sandbox.picking(picking!.id).state).toBe('assigned');
    const advice = adviseDeadLetter(letter!.reason);
    expect(advice).toMatchObject({ code: 'CONFLICT', replayable: true });
    expect(advice.summary).toContain('The picking changed in Odoo after it was packed');
    expect(advice.instruction).toMatch(/Replay to apply .* discard \(with the reason\) to keep Odoo's version/);
  });

  it('cancelled, or validated by someone else, before the station wrote: CONFLICT, never a silent success', async () => {
    const s = await station(2);
    const [cancelled, validated] = s.pickings;
    s.sandbox.cancelInOdoo(cancelled!.id);
    s.sandbox.validateInOdoo(validated!.id);
    await s.engine.start();
    s.pack(cancelled!, 1);
    s.pack(validated!, 2);
    await waitUntil(() => s.dead().length === 2, 5_000, 'both dead-lettered');
    const reasons = s.dead().map((d) => d.reason);
    expect(reasons).toContainEqual(expect.stringMatching(new RegExp(`^CONFLICT: ${cancelled!.name} changed .*: cancelled in Odoo`)));
    expect(reasons).toContainEqual(expect.stringMatching(new RegExp(`^CONFLICT: ${validated!.name} changed .*: validated in Odoo by someone else`)));
    expect(s.sandbox.picking(validated!.id).packages).toEqual([]);
    expect(s.sandbox.validations()).toEqual([validated!.id]);
  });

  it('a backlog delivered again after its validation went through (a kill before its done-marks): found in place, no conflict', async () => {
    const s = await station();
    const picking = s.pickings[0]!;
    s.pack(picking);
    const head = s.store.due('odoo', Date.now(), 1)[0]!;
    const events = [head, ...s.store.following(head, 10)];
    const deliver = createOdooDeliverer(s.gateway, { guard: new ConflictGuard(s.basis, s.gateway) });
    expect(await deliver.deliverMany(events)).toEqual({ done: 3 });
    // The kill came after Odoo validated and before the station dropped the basis or marked anything done.
    s.basis.record(basisOf(picking));
    expect(await deliver.deliverMany(events)).toEqual({ done: 3 });
    expect(s.sandbox.picking(picking.id).packages).toHaveLength(1);
    expect(s.sandbox.picking(picking.id).attachments).toHaveLength(1);
    expect(s.sandbox.validations()).toEqual([picking.id]);
    expect(s.dead()).toEqual([]);
  });

  it('the delivery address changed after the parcel was recorded: the label event is a CONFLICT, the parcel went through', async () => {
    const s = await station();
    const [picking] = s.pickings;
    s.sandbox.writeInOdoo('res.partner', picking!.partnerId!, { street: '1 Other Street', zip: '10001' });
    await s.engine.start();
    s.pack(picking!);
    await waitUntil(() => s.dead().length === 1, 5_000, 'dead-lettered');
    expect(s.dead()[0]!.reason).toBe(`CONFLICT: ${picking!.name} changed in Odoo after it was packed here: delivery address changed (street1, zip)`);
    // The reason names fields, never the customer's address itself.
    expect(s.dead()[0]!.reason).not.toContain('Other Street');
    expect(s.sandbox.picking(picking!.id).packages).toHaveLength(1);
    expect(s.sandbox.picking(picking!.id).carrier_tracking_ref).toBe(false);
  });

  it('the carrier changed in Odoo: CONFLICT before anything is written', async () => {
    const s = await station();
    const [picking] = s.pickings;
    s.sandbox.writeInOdoo('stock.picking', picking!.id, { carrier_id: 2 });
    await s.engine.start();
    s.pack(picking!);
    await waitUntil(() => s.dead().length === 1, 5_000, 'dead-lettered');
    expect(s.dead()[0]!.reason).toBe(`CONFLICT: ${picking!.name} changed in Odoo after it was packed here: carrier Standard delivery → Express delivery`);
    expect(s.sandbox.picking(picking!.id).packages).toEqual([]);
  });

  it("a supervisor's Replay accepts Odoo's version: the rest is delivered and validated once", async () => {
    const s = await station();
    const [picking] = s.pickings;
    const line = picking!.lines[1]!;
    s.sandbox.writeInOdoo('stock.move', line.moveId, { product_uom_qty: line.quantity + 2 });
    await s.engine.start();
    s.pack(picking!);
    await waitUntil(() => s.dead().length === 1, 5_000, 'dead-lettered');
    s.letters.replay(s.dead()[0]!.id, { who: 'sam', via: 'ui' });
    s.engine.kick();
    await waitUntil(() => s.pending() === 0 && s.sandbox.picking(picking!.id).state === 'done', 5_000, 'delivered after replay');
    expect(s.dead()).toEqual([]);
    expect(s.sandbox.validations()).toEqual([picking!.id]);
    expect(s.sandbox.picking(picking!.id).packages).toHaveLength(1);
  });
});
