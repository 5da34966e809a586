/**
 * Opt-in contract test against a REAL Odoo (16–19; never in CI): the station's gateway finds a ready delivery, puts it
 * in a pack with a weight, writes the tracking reference, attaches the label and validates — checked by reading Odoo
 * itself. Then picking claims (activities "Packing at station <id>") and the conflict check, on throwaway copies of a
 * demo delivery that are cancelled and deleted afterwards. 19 goes over JSON-2 with the API key, 16–18 over JSON-RPC.
 * It changes the database: use a throwaway copy (`createdb -T odoo19_template odoo19`). Run (README, handbook §8):
 *   ODOO_URL=http://127.0.0.1:8069 ODOO_DB=odoo19 ODOO_LOGIN=admin ODOO_API_KEY=<key> npx vitest run test/integration/sync/odoo-contract.test.ts
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StationError } from '../../../app/domain/errors';
import type { OutboxEvent, OutboxPayload } from '../../../app/domain/outbox-event.schema';
import { basisOf } from '../../../app/sync/picking-drift';
import { ConflictGuard } from '../../../sync/conflicts/conflict-guard';
import { PickingBasisStore } from '../../../sync/conflicts/picking-basis.store';
import { closeStationDb, openStationDb } from '../../../sync/db/station-db';
import type { OdooExec } from '../../../sync/odoo/odoo-exec';
import { OdooJson2 } from '../../../sync/odoo/json2.client';
import { OdooJsonRpc } from '../../../sync/odoo/jsonrpc.client';
import { OdooJsonRpcGateway } from '../../../sync/odoo/odoo.gateway';
import { dialectOf } from '../../../sync/odoo/odoo-version.dialect';
import { systemClock } from '../../../main/system-clock';
import { tempDir } from '../../unit/sync/outbox/outbox-fixtures';

const env = { url: process.env.ODOO_URL, db: process.env.ODOO_DB, login: process.env.ODOO_LOGIN ?? 'admin', apiKey: process.env.ODOO_API_KEY };
const configured = Boolean(env.url && env.db && env.apiKey);
const TITLE = configured ? `real Odoo at ${env.url ?? ''} (${env.db ?? ''})` : 'real Odoo contract — skipped: set ODOO_URL, ODOO_DB, ODOO_LOGIN, ODOO_API_KEY to run it';
/**
 * Who makes the test's own records and checks (copies a contact, deletes its scratch pickings): the station's login
 * unless ODOO_SETUP_LOGIN / ODOO_SETUP_API_KEY name an administrator, so the station may run as a plain Inventory user.
 */
const setup = { login: process.env.ODOO_SETUP_LOGIN ?? env.login, apiKey: process.env.ODOO_SETUP_API_KEY ?? env.apiKey };

/** Direct calls for the checks, over the transport the version speaks (what the gateway reads back is not proof). */
async function rawOdoo(major: number, who: { login: string; apiKey?: string | undefined } = setup): Promise<OdooExec> {
  const { url = '', db = '' } = env;
  const { login, apiKey = '' } = who;
  if (dialectOf(major).transport === 'json2') return new OdooJson2({ url, db, apiKey, major });
  const rpc = new OdooJsonRpc({ url });
  const uid = z.number().parse(await rpc.call('common', 'authenticate', [db, login, apiKey, {}]));
  return { major, call: (model, method, args, kwargs = {}) => rpc.call('object', 'execute_kw', [db, uid, apiKey, model, method, args, kwargs]) };
}


const HOUR = 3_600_000;
const m2o = z.union([z.tuple([z.number(), z.string()]), z.literal(false)]);
const firstId = (reply: unknown): number => {
  const ids = z.union([z.number(), z.array(z.number()).min(1)]).parse(reply);
  return typeof ids === 'number' ? ids : ids[0]!;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One gateway and one direct line to the same server and user, shared by the claim and conflict tests. */
let shared: Promise<{ gateway: OdooJsonRpcGateway; odoo: OdooExec; uid: number }> | null = null;
function server() {
  shared ??= (async () => {
    const gateway = new OdooJsonRpcGateway({ url: env.url ?? '', db: env.db ?? '', login: env.login, apiKey: env.apiKey ?? '', timeoutMs: 60_000 });
    const { major } = await gateway.version();
    const odoo = await rawOdoo(major);
    const { uid } = z.object({ uid: z.number() }).parse(await (await rawOdoo(major, env)).call('res.users', 'context_get', []));
    return { gateway, odoo, uid };
  })();
  return shared;
}

/** Undone after each test, newest first, so a failed check leaves no scratch records behind. */
const undo: (() => Promise<unknown>)[] = [];
async function runUndo(): Promise<void> {
  while (undo.length > 0) await undo.pop()!().catch((e: unknown) => console.warn('contract cleanup:', e));
}

/**
 * A throwaway delivery: a copy of a demo delivery with a carrier (same partner, carrier and lines), confirmed and
 * reserved as far as stock allows; cancelled and deleted after the test (its activities and messages go with it).
 */
async function scratchPicking(odoo: OdooExec): Promise<{ id: number; name: string }> {
  const domain = [['picking_type_code', '=', 'outgoing'], ['carrier_id', '!=', false], ['state', '!=', 'cancel']];
  const [template] = z.array(z.object({ id: z.number() })).parse(await odoo.call('stock.picking', 'search_read', [domain], { fields: ['id'], limit: 1, order: 'id desc' }));
  if (!template) throw new Error('no outgoing picking with a carrier: load the demo data (handbook §8)');
  const id = firstId(await odoo.call('stock.picking', 'copy', [[template.id]]));
  undo.push(async () => {
    await odoo.call('stock.picking', 'action_cancel', [[id]]);
    await odoo.call('stock.picking', 'unlink', [[id]]);
  });
  await odoo.call('stock.picking', 'action_confirm', [[id]]);
  await odoo.call('stock.picking', 'action_assign', [[id]]);
  const [row] = z.array(z.object({ name: z.string() })).parse(await odoo.call('stock.picking', 'read', [[id]], { fields: ['name'] }));
  return { id, name: row!.name };
}

const ActivityRow = z.object({
  id: z.number(), summary: z.union([z.string(), z.literal(false)]), res_model: z.string(), user_id: m2o, activity_type_id: m2o,
  create_date: z.string(), write_date: z.string(),
});
const activitiesOn = async (odoo: OdooExec, pickingId: number) =>
  z.array(ActivityRow).parse(
    await odoo.call('mail.activity', 'search_read', [[['res_model', '=', 'stock.picking'], ['res_id', '=', pickingId]]], {
      fields: ['summary', 'res_model', 'user_id', 'activity_type_id', 'create_date', 'write_date'], order: 'id asc',
    }),
  );
/** The chatter messages on the picking that speak of a station's claim (Mark Done's message is HTML). */
const claimMessagesOn = async (odoo: OdooExec, pickingId: number) =>
  z.array(z.object({ body: z.string() })).parse(
    await odoo.call('mail.message', 'search_read', [[['model', '=', 'stock.picking'], ['res_id', '=', pickingId], ['body', 'ilike', 'Packing at station']]], { fields: ['body'], order: 'id asc' }),
  ).map((m) => m.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());

const event = (payload: OutboxPayload): OutboxEvent => ({ id: 1, target: 'odoo', orderKey: 'contract', payload, attempts: 0, answeredFailures: 0, createdAt: Date.now() });

async function conflictOf(check: Promise<unknown>): Promise<string> {
  const error = await check.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(StationError);
  expect((error as StationError).code).toBe('CONFLICT');
  return (error as StationError).message;
}

describe.skipIf(!configured)(TITLE, () => {
  afterEach(runUndo);
  afterAll(runUndo);

  it('finds a ready delivery, packs it with its weight, tracks, attaches and validates it', { timeout: 180_000 }, async () => {
    const gateway = new OdooJsonRpcGateway({ url: env.url ?? '', db: env.db ?? '', login: env.login, apiKey: env.apiKey ?? '', timeoutMs: 60_000 });
    const { major } = await gateway.version();
    const odoo = await rawOdoo(major);
    const domain = [['state', '=', 'assigned'], ['picking_type_code', '=', 'outgoing'], ['carrier_id', '!=', false]];
    const [name] = z.array(z.object({ name: z.string() })).parse(await odoo.call('stock.picking', 'search_read', [domain], { fields: ['name'], limit: 1, order: 'id asc' }));
    if (!name) throw new Error('no assigned outgoing picking with a carrier: load the demo data (handbook §8)');

    const picking = await gateway.findPicking(name.name);
    expect(picking?.name).toBe(name.name);
    const parcel = {
      pickingId: picking!.id, index: 1, packageTypeId: picking!.packageTypes[0]?.id ?? null, weightG: 1234,
      items: picking!.lines.map((l) => ({ moveId: l.moveId, productId: l.productId, quantity: l.quantity })),
    };
    const packed = await gateway.putInPack(parcel);
    // Read before the repeat below (which completes a package): Odoo's package dialog alone set the weight and box.
    const model = dialectOf(major).packageModel;
    const readPackage = async () =>
      z.array(z.object({ shipping_weight: z.number(), package_type_id: z.union([z.tuple([z.number(), z.string()]), z.literal(false)]) })).parse(
        await odoo.call(model, 'read', [[packed.packageId]], { fields: ['shipping_weight', 'package_type_id'] }),
      )[0];
    const fresh = await readPackage();
    expect(fresh?.shipping_weight).toBeCloseTo(1.234, 6);
    expect(fresh?.package_type_id === false ? null : fresh?.package_type_id[0]).toBe(parcel.packageTypeId);
    expect(await gateway.putInPack(parcel)).toEqual(packed);
    expect((await readPackage())?.shipping_weight).toBeCloseTo(1.234, 6);

    const tracking = `CONTRACT${Date.now()}`;
    await gateway.addTrackingRef(picking!.id, tracking);
    const label = await gateway.attachLabel(picking!.id, `Label-${tracking}.zpl`, `^XA^FD${tracking}^FS^XZ`);
    expect(await gateway.attachLabel(picking!.id, `Label-${tracking}.zpl`, `^XA^FD${tracking}^FS^XZ`)).toEqual(label);
    await gateway.validate(picking!.id);
    await gateway.validate(picking!.id);
    const [after] = z
      .array(z.object({ state: z.string(), carrier_tracking_ref: z.union([z.string(), z.literal(false)]) }))
      .parse(await odoo.call('stock.picking', 'read', [[picking!.id]], { fields: ['state', 'carrier_tracking_ref'] }));
    expect(after).toMatchObject({ state: 'done' });
    expect(String(after?.carrier_tracking_ref)).toContain(tracking);
  });
  describe('picking claims', () => {
    it('A claims, B is told who holds it, A re-claims (one activity, confirmed as of now), the release stays in the chatter', { timeout: 120_000 }, async () => {
      const { gateway, odoo, uid } = await server();
      const picking = await scratchPicking(odoo);
      const a = gateway.claimsFor('contract-A', HOUR, () => Date.now());
      const b = gateway.claimsFor('contract-B', HOUR, () => Date.now());

      expect(await a.claim(picking.id)).toEqual({ kind: 'claimed' });
      const [first, ...none] = await activitiesOn(odoo, picking.id);
      expect(none).toEqual([]);
      // Assigned to the API user: the claim is in that user's activities and Mark Done names nobody else.
      expect(first).toMatchObject({ summary: 'Packing at station contract-A', res_model: 'stock.picking', user_id: [uid, expect.any(String)] });
      console.info(`activity type of a claim on ${env.db ?? ''}: ${JSON.stringify(first!.activity_type_id)}`);

      const held = await b.claim(picking.id);
      expect(held).toMatchObject({ kind: 'held', by: { stationId: 'contract-A' } });
      if (held.kind === 'held') {
        expect(Math.abs(held.by.lastSeen - Date.now())).toBeLessThan(120_000);
        expect(held.by.since).toBeLessThanOrEqual(held.by.lastSeen);
      }

      await sleep(1_100); // write_date has whole seconds
      expect(await a.claim(picking.id)).toEqual({ kind: 'claimed' });
      const refreshed = await activitiesOn(odoo, picking.id);
      expect(refreshed.map((r) => r.id)).toEqual([first!.id]);
      expect(refreshed[0]!.write_date > first!.write_date).toBe(true);

      await b.release(picking.id, 'not mine');
      expect(await activitiesOn(odoo, picking.id)).toHaveLength(1);
      await a.release(picking.id, 'contract: done here');
      expect(await activitiesOn(odoo, picking.id)).toEqual([]);
      const [message, ...more] = await claimMessagesOn(odoo, picking.id);
      expect(more).toEqual([]);
      expect(message).toMatch(/done .*Packing at station contract-A .*Feedback: contract: done here$/);

      expect(await b.claim(picking.id)).toEqual({ kind: 'claimed' });
      await b.release(picking.id, 'contract: cleanup');
    });

    it('a claim not confirmed within the TTL is taken over, with a note in the chatter', { timeout: 120_000 }, async () => {
      const { gateway, odoo } = await server();
      const picking = await scratchPicking(odoo);
      expect(await gateway.claimsFor('contract-A', HOUR, () => Date.now()).claim(picking.id)).toEqual({ kind: 'claimed' });
      // Odoo keeps write_date to itself (an RPC cannot age a claim): B's clock runs two hours ahead instead.
      const b = gateway.claimsFor('contract-B', HOUR, () => Date.now() + 2 * HOUR);
      expect(await b.claim(picking.id)).toEqual({ kind: 'claimed' });
      expect((await activitiesOn(odoo, picking.id)).map((r) => r.summary)).toEqual(['Packing at station contract-B']);
      expect(await claimMessagesOn(odoo, picking.id)).toEqual([
        expect.stringMatching(/Packing at station contract-A .*Feedback: claim expired: station contract-A was not seen for 60 min; taken over by station contract-B$/),
      ]);
      await b.release(picking.id, 'contract: cleanup');
    });

    it('two stations claiming at the same moment: one holds it, the other is told, one activity stays', { timeout: 180_000 }, async () => {
      const { gateway, odoo } = await server();
      const picking = await scratchPicking(odoo);
      for (let round = 0; round < 10; round++) {
        const a = gateway.claimsFor(`contract-A${round}`, HOUR, () => Date.now());
        const b = gateway.claimsFor(`contract-B${round}`, HOUR, () => Date.now());
        const outcomes = await Promise.all([a.claim(picking.id), b.claim(picking.id)]);
        expect(outcomes.map((o) => o.kind).sort(), `round ${round}`).toEqual(['claimed', 'held']);
        const left = await activitiesOn(odoo, picking.id);
        const winner = outcomes[0]!.kind === 'claimed' ? a : b;
        expect(left.map((r) => r.summary), `round ${round}`).toEqual([`Packing at station contract-${outcomes[0]!.kind === 'claimed' ? 'A' : 'B'}${round}`]);
        await winner.release(picking.id, 'contract: next round');
      }
    });
  });

  describe('conflicts', () => {
    const tmp = tempDir();
    afterAll(() => tmp.cleanup());

    /** A scratch delivery to a scratch copy of its customer, loaded by the station and its basis recorded. */
    async function loaded() {
      const { gateway, odoo } = await server();
      const { id, name } = await scratchPicking(odoo);
      const [row] = z.array(z.object({ partner_id: m2o })).parse(await odoo.call('stock.picking', 'read', [[id]], { fields: ['partner_id'] }));
      if (row?.partner_id === false || row === undefined) throw new Error(`${name} has no customer`);
      const partnerId = firstId(await odoo.call('res.partner', 'copy', [[row.partner_id[0]]]));
      // After the picking's undo (pushed earlier, run later): the copy goes, or is archived if something holds on to it.
      undo.unshift(() => odoo.call('res.partner', 'unlink', [[partnerId]]).catch(() => odoo.call('res.partner', 'write', [[partnerId], { active: false }])));
      await odoo.call('stock.picking', 'write', [[id], { partner_id: partnerId }]);
      const picking = (await gateway.findPicking(name))!;
      expect(picking.id).toBe(id);
      const db = openStationDb(tmp.file(`basis-${id}.db`));
      undo.push(async () => closeStationDb(db));
      const store = new PickingBasisStore(db, systemClock);
      store.record(basisOf(picking));
      const guard = new ConflictGuard(store, gateway);
      const parcel = { pickingId: id, index: 1, packageTypeId: null, weightG: 1_000, items: picking.lines.map((l) => ({ moveId: l.moveId, productId: l.productId, quantity: l.quantity })) };
      const events = {
        packed: event({ type: 'parcel.packed', parcel }),
        label: event({ type: 'label.bought', pickingId: id, parcelIndex: 1, shipmentId: 'shp_contract', trackingCode: 'CONTRACT1', labelName: 'Label-CONTRACT1.zpl', labelZpl: '^XA^XZ' }),
        validate: event({ type: 'picking.validate', pickingId: id }),
      };
      return { odoo, picking, partnerId, guard, events };
    }

    it('a picking nobody touched passes every check', { timeout: 120_000 }, async () => {
      const { guard, events } = await loaded();
      for (const e of Object.values(events)) await guard.check(e);
    });

    it('a quantity, the carrier, the street changed in Odoo, or the picking cancelled: CONFLICT naming it', { timeout: 120_000 }, async () => {
      const { odoo, picking, partnerId, guard, events } = await loaded();
      const head = `${picking.name} changed in Odoo after it was packed here: `;
      const line = picking.lines[0]!;

      await odoo.call('stock.move', 'write', [[line.moveId], { product_uom_qty: line.quantity + 3 }]);
      const moved = await conflictOf(guard.check(events.packed));
      expect(moved.startsWith(head)).toBe(true);
      expect(moved).toContain(`${line.productName}: ${line.quantity} → ${line.quantity + 3}`);
      await odoo.call('stock.move', 'write', [[line.moveId], { product_uom_qty: line.quantity }]);
      await guard.check(events.packed);

      const [other] = z.array(z.object({ id: z.number(), name: z.string() })).parse(
        await odoo.call('delivery.carrier', 'search_read', [[['id', '!=', picking.carrier?.id ?? 0]]], { fields: ['name'], limit: 1, order: 'id asc' }),
      );
      await odoo.call('stock.picking', 'write', [[picking.id], { carrier_id: other!.id }]);
      expect(await conflictOf(guard.check(events.label))).toBe(`${head}carrier ${picking.carrier?.name ?? 'none'} → ${other!.name}`);
      await odoo.call('stock.picking', 'write', [[picking.id], { carrier_id: picking.carrier?.id ?? false }]);
      await guard.check(events.label);

      await odoo.call('res.partner', 'write', [[partnerId], { street: '1 Contract Street', zip: '10001' }]);
      const moved2 = await conflictOf(guard.check(events.label));
      expect(moved2).toBe(`${head}delivery address changed (street1, zip)`);
      expect(moved2).not.toContain('Contract Street');
      // Parcels do not depend on the address.
      await guard.check(events.packed);

      await odoo.call('stock.picking', 'action_cancel', [[picking.id]]);
      expect(await conflictOf(guard.check(events.packed))).toMatch(new RegExp(`^${head.replace(/[/.]/g, '\\$&')}cancelled in Odoo`));
    });
  });
});
