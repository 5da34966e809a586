/**
 * Opt-in contract test of the hub's Odoo side against a REAL Odoo (16–19; never in CI): the fields reconciliation
 * reads exist on stock.picking and come from the modules odoo-recon.fields.ts says; pickings read 200 per request give
 * what Odoo's own search_read says; the done pickings with a tracking reference in a window are exactly Odoo's; a
 * tracking change is told once in a scratch picking's chatter (HTML kept, values escaped) with one To-Do of the To-Do
 * type, and not again after Mark Done. 19 goes over JSON-2 with an API key, 16–18 over JSON-RPC. It writes only on a
 * scratch copy of a demo delivery, cancelled and deleted afterwards (by ODOO_SETUP_LOGIN / ODOO_SETUP_API_KEY when the
 * hub's user may not delete it). Run (README, handbook §8):
 *   ODOO_URL=http://127.0.0.1:18069 ODOO_DB=odoo18 ODOO_LOGIN=admin ODOO_API_KEY=admin npx vitest run test/integration/recon/odoo-recon-contract.test.ts
 */
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { TrackingChange } from '../../../app/recon/recon.ports';
import { RECON_BATCH } from '../../../app/recon/recon.ports';
import { hubOdoo } from '../../../sync/recon/hub-odoo.client';
import { odooPickingFields, odooPickingSources, odooVersionOf } from '../../../sync/recon/odoo-recon.fields';
import { odooReconReader } from '../../../sync/recon/odoo-recon.reader';
import { trackingNote } from '../../../sync/recon/odoo-tracking.note';
import { odooTrackingNotifier } from '../../../sync/recon/odoo-tracking.notifier';

const env = { url: process.env.ODOO_URL, db: process.env.ODOO_DB, login: process.env.ODOO_LOGIN ?? 'admin', apiKey: process.env.ODOO_API_KEY };
const configured = Boolean(env.url && env.db && env.apiKey);
const TITLE = configured ? `hub's Odoo side on real Odoo at ${env.url ?? ''} (${env.db ?? ''})` : "hub's Odoo side, real Odoo contract — skipped: set ODOO_URL, ODOO_DB, ODOO_LOGIN, ODOO_API_KEY to run it";

/** Every request the hub's client made, by `model.method`. */
const calls: string[] = [];
const odoo = hubOdoo(
  { url: env.url ?? 'http://127.0.0.1:1', db: env.db ?? '', login: env.login, apiKey: env.apiKey ?? '', timeoutMs: 60_000 },
  { observer: (_remote, method) => calls.push(method) },
);
/**
 * Who makes and deletes the scratch picking: the hub's login unless ODOO_SETUP_LOGIN / ODOO_SETUP_API_KEY name an
 * administrator, so the hub may run as a plain Inventory user (which may not delete stock moves).
 */
const setup = process.env.ODOO_SETUP_API_KEY
  ? hubOdoo({ url: env.url ?? '', db: env.db ?? '', login: process.env.ODOO_SETUP_LOGIN ?? 'admin', apiKey: process.env.ODOO_SETUP_API_KEY, timeoutMs: 60_000 })
  : odoo;
const reader = odooReconReader(odoo);
const notifier = odooTrackingNotifier(odoo);
const searchReads = () => calls.filter((c) => c === 'stock.picking.search_read').length;

const m2o = z.union([z.tuple([z.number(), z.string()]), z.literal(false)]);
const ids = z.array(z.object({ id: z.number() }));
const scratch: number[] = [];

afterAll(async () => {
  if (!configured) return;
  const session = await setup.apiSession();
  for (const id of scratch) {
    await session.call('stock.picking', 'action_cancel', [[id]]).catch((e: unknown) => console.warn('contract cleanup:', e));
    await session.call('stock.picking', 'unlink', [[id]]).catch((e: unknown) => console.warn('contract cleanup:', e));
  }
});

describe.skipIf(!configured)(TITLE, () => {
  it('stock.picking has every field the reader declares, from the module it names', { timeout: 60_000 }, async () => {
    const session = await odoo.apiSession();
    const sources = odooPickingSources(odooVersionOf(session.major));
    const fields = z.record(z.string(), z.unknown()).parse(await session.call('stock.picking', 'fields_get', [sources.map((s) => s.field)], { attributes: ['type'] }));
    expect(Object.keys(fields).sort()).toEqual(sources.map((s) => s.field).sort());
    // ir.model.fields is readable by administrators only: the module check needs one.
    const rows = await session
      .call('ir.model.fields', 'search_read', [[['model', '=', 'stock.picking'], ['name', 'in', sources.map((s) => s.field)]]], { fields: ['name', 'modules'] })
      .then((r) => z.array(z.object({ name: z.string(), modules: z.string() })).parse(r), () => null);
    if (rows === null) return console.warn('ir.model.fields not readable by this user: modules not checked');
    for (const source of sources.filter((s) => s.field !== 'id')) {
      expect(rows.find((r) => r.name === source.field)?.modules.split(/,\s*/), source.field).toContain(source.module);
    }
  });

  it('pickings(ids): RECON_BATCH per request, each picking as Odoo reads it', { timeout: 120_000 }, async () => {
    const session = await odoo.apiSession();
    const f = odooPickingFields(odooVersionOf(session.major));
    const all = ids.parse(await session.call('stock.picking', 'search_read', [[]], { fields: ['id'], limit: 450, order: 'id asc' })).map((r) => r.id);
    const before = searchReads();
    const facts = await reader.pickings([...all, 987_654_321]);
    expect(searchReads() - before).toBe(Math.ceil((all.length + 1) / RECON_BATCH));
    const direct = z
      .array(z.object({ id: z.number(), name: z.string(), state: z.string(), carrier_tracking_ref: z.union([z.string(), z.literal(false)]), shipping_weight: z.number(), message_attachment_count: z.number(), date_done: z.union([z.string(), z.literal(false)]), carrier_id: m2o }))
      .parse(await session.call('stock.picking', 'read', [all], { fields: [f.name, f.state, f.trackingRefs, f.weight, f.attachments, f.doneAt, f.carrier] }));
    expect(facts.map((p) => p.id)).toEqual(all);
    expect(facts).toEqual(
      direct.map((d) => ({
        id: d.id,
        name: d.name,
        state: d.state,
        trackingRefs: d.carrier_tracking_ref === false ? [] : d.carrier_tracking_ref.split(',').map((r) => r.trim()).filter(Boolean),
        shippingWeightG: d.shipping_weight > 0 ? Math.round(d.shipping_weight * 1000) : null,
        attachments: d.message_attachment_count,
        dateDone: d.date_done === false ? null : Date.parse(`${d.date_done.replace(' ', 'T')}Z`),
        carrier: d.carrier_id === false ? null : d.carrier_id[1],
      })),
    );
  });

  it("doneWithTracking: exactly Odoo's done outgoing pickings with a reference in the window, paged by RECON_BATCH", { timeout: 120_000 }, async () => {
    const session = await odoo.apiSession();
    const domain = [['picking_type_code', '=', 'outgoing'], ['state', '=', 'done'], ['carrier_tracking_ref', '!=', false]];
    const expected = ids.parse(await session.call('stock.picking', 'search_read', [domain], { fields: ['id'], order: 'id asc' })).map((r) => r.id);
    const before = searchReads();
    const done = await reader.doneWithTracking(0, Date.now() + 86_400_000);
    expect(done.map((p) => p.id)).toEqual(expected);
    expect(searchReads() - before).toBe(Math.floor(expected.length / RECON_BATCH) + 1);
    const newest = [...done].sort((a, b) => (b.dateDone ?? 0) - (a.dateDone ?? 0))[0];
    if (!newest) return console.warn('no done delivery with a tracking reference: the window check needs one (run the station contract test first)');
    const second = await reader.doneWithTracking(newest.dateDone!, newest.dateDone! + 1000);
    expect(second.map((p) => p.id)).toContain(newest.id);
    expect(second.every((p) => p.dateDone === newest.dateDone)).toBe(true);
    expect((await reader.doneWithTracking(newest.dateDone! + 1000, newest.dateDone! + 2000)).map((p) => p.id)).not.toContain(newest.id);
  });

  it('tracking notices: one note per status with HTML kept and values escaped, one To-Do, none again after Mark Done', { timeout: 120_000 }, async () => {
    const session = await odoo.apiSession();
    const [template] = ids.parse(
      await session.call('stock.picking', 'search_read', [[['picking_type_code', '=', 'outgoing'], ['carrier_id', '!=', false], ['state', '!=', 'cancel']]], { fields: ['id'], limit: 1, order: 'id desc' }),
    );
    if (!template) throw new Error('no outgoing picking with a carrier: load the demo data (handbook §8)');
    const copied = z.union([z.number(), z.array(z.number()).min(1)]).parse(await (await setup.apiSession()).call('stock.picking', 'copy', [[template.id]]));
    const pickingId = typeof copied === 'number' ? copied : copied[0]!;
    scratch.push(pickingId);
    const change = (after: TrackingChange['after']): TrackingChange => ({
      pickingId, pickingName: null, trackingCode: `CT${pickingId}X`, carrier: 'UPS', before: 'in_transit', after,
      description: 'Returned <refused> & "signed"', location: 'Brooklyn, NY', at: Date.UTC(2025, 0, 6, 12),
    });
    await notifier.notify(change('delivered'));
    await notifier.notify(change('delivered'));
    await notifier.notify(change('returned_to_sender'));
    await notifier.notify(change('returned_to_sender'));

    const messages = z
      .array(z.object({ body: z.string(), subject: z.union([z.string(), z.literal(false)]), message_type: z.string() }))
      .parse(await session.call('mail.message', 'search_read', [[['model', '=', 'stock.picking'], ['res_id', '=', pickingId], ['body', 'ilike', `Tracking CT${pickingId}X`]]], { fields: ['body', 'subject', 'message_type'], order: 'id asc' }));
    expect(messages.map((m) => [m.subject, m.message_type])).toEqual([['Parcel delivered', 'comment'], ['Parcel returned to sender', 'comment']]);
    // Stored as sent (HTML kept, the values' < > & escaped): what the sandbox stores too.
    expect(messages.map((m) => m.body)).toEqual([trackingNote(change('delivered')).html, trackingNote(change('returned_to_sender')).html]);
    expect(messages[0]!.body).toContain('<b>Parcel delivered</b>: UPS parcel');
    expect(messages[0]!.body).toContain('Returned &lt;refused&gt; &amp; "signed"');

    const Activity = z.object({ id: z.number(), summary: z.string(), user_id: m2o, activity_type_id: m2o });
    const activities = async () =>
      z.array(Activity).parse(await session.call('mail.activity', 'search_read', [[['res_model', '=', 'stock.picking'], ['res_id', '=', pickingId]]], { fields: ['summary', 'user_id', 'activity_type_id'] }));
    // A user without the Access Rights group cannot read ir.model.data: then the type is Odoo's default, named To-Do.
    const todoType = await session
      .call('ir.model.data', 'search_read', [[['module', '=', 'mail'], ['name', '=', 'mail_activity_data_todo']]], { fields: ['res_id'] })
      .then((r) => z.array(z.object({ res_id: z.number() })).parse(r)[0]!.res_id, () => null);
    const [responsible] = z.array(z.object({ user_id: m2o })).parse(await session.call('stock.picking', 'read', [[pickingId]], { fields: ['user_id'] }));
    const [todo, ...more] = await activities();
    expect(more).toEqual([]);
    expect(todo).toMatchObject({ summary: `Parcel returned: inspect the return (CT${pickingId}X)` });
    if (todoType !== null) expect(todo!.activity_type_id === false ? null : todo!.activity_type_id[0]).toBe(todoType);
    else expect(todo!.activity_type_id === false ? null : todo!.activity_type_id[1]).toBe('To-Do');
    expect(todo!.user_id === false ? null : todo!.user_id[0]).toBe(responsible!.user_id === false ? session.uid : responsible!.user_id[0]);

    await session.call('mail.activity', 'action_feedback', [[todo!.id]], { feedback: 'inspected' });
    const creates = calls.filter((c) => c === 'mail.activity.create').length;
    await notifier.notify(change('returned_to_sender'));
    expect(calls.filter((c) => c === 'mail.activity.create').length).toBe(creates);
    expect(await activities()).toEqual([]);
  });
});
