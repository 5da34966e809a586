/**
 * The hub's Odoo side of reconciliation and tracking, over real HTTP against the Odoo sandbox: JSON-RPC (16–18) and
 * JSON-2 (19). Pickings are read RECON_BATCH at a time (1,000 in 5 requests), done pickings with a tracking reference
 * page through a time window, and a tracking change is told in the chatter (plus a To-Do where a person must act)
 * once in effect, whatever replies are lost and however often the hub retries.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TrackingChange } from '../../../app/recon/recon.ports';
import { RECON_BATCH } from '../../../app/recon/recon.ports';
import { hubOdoo } from '../../../sync/recon/hub-odoo.client';
import { ODOO_FIELD_MAPS } from '../../../sync/recon/odoo-recon.fields';
import { odooReconReader } from '../../../sync/recon/odoo-recon.reader';
import { odooTrackingNotifier } from '../../../sync/recon/odoo-tracking.notifier';
import { OdooSandbox } from '../../../sync/sim/odoo/odoo-sandbox.sim';
import type { SandboxCall } from '../../../sync/sim/odoo/odoo-sandbox.sim';
import type { SandboxVersion } from '../../../sync/sim/odoo/stock-models.sim';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function world(version: SandboxVersion) {
  const sandbox = new OdooSandbox({ version });
  const { url } = await sandbox.listen(0, '127.0.0.1');
  closers.push(() => sandbox.close());
  const odoo = hubOdoo({ url, db: 'station', login: 'admin', apiKey: 'sandbox-key', timeoutMs: 10_000 });
  // Logged in first, so that the requests counted are the reads themselves.
  await odoo.apiSession();
  const requests = () => sandbox.hits.jsonrpc + sandbox.hits.json2;
  return { sandbox, odoo, reader: odooReconReader(odoo), notifier: odooTrackingNotifier(odoo), requests };
}

const T0 = Date.UTC(2025, 0, 6, 12, 0, 0);
const MIN = 60_000;
const picks = (calls: SandboxCall[]) => calls.filter((c) => c.model === 'stock.picking' && c.method === 'search_read');

describe.each([16, 17, 18, 19] as const)('Odoo %i: reconciliation reads', (version) => {
  it(`reads 1,000 pickings in ${1000 / RECON_BATCH} requests of at most ${RECON_BATCH}, with the facts as Odoo has them`, async () => {
    const { sandbox, reader, requests } = await world(version);
    const seeded = sandbox.createPickings(1000, { linesPerPicking: 1 });
    const [first, second, third] = seeded;
    sandbox.byHand.shipDone(first!.id, ' 1Z001 , 1Z002,', T0);
    sandbox.createInOdoo('ir.attachment', { name: 'Label-1Z001.zpl', res_model: 'stock.picking', res_id: first!.id, datas: Buffer.from('^XA^XZ').toString('base64') });
    sandbox.createInOdoo('ir.attachment', { name: 'Label-1Z002.zpl', res_model: 'stock.picking', res_id: first!.id, datas: Buffer.from('^XA^XZ').toString('base64') });
    sandbox.cancelInOdoo(third!.id);
    sandbox.clearCalls();
    const before = requests();

    // 1,000 distinct ids: one of them no picking's (deleted in Odoo), one given twice.
    const ids = [...seeded.slice(0, 999).map((p) => p.id), 999_999, first!.id];
    const facts = await reader.pickings(ids);

    expect(requests() - before).toBe(5);
    // The domain: positional on JSON-RPC, named on JSON-2.
    const domains = picks(sandbox.calls()).map((c) => (c.args[0] ?? c.kwargs.domain) as [string, string, number[]][]);
    expect(domains.map((d) => d[0]![2].length)).toEqual([200, 200, 200, 200, 200]);
    expect(facts).toHaveLength(999);
    const byId = new Map(facts.map((f) => [f.id, f]));
    const unitKg = sandbox.records('product.product', [['barcode', '=', first!.lines[0]!.barcode]])[0]!.weight as number;
    expect(byId.get(first!.id)).toEqual({
      id: first!.id,
      name: first!.name,
      state: 'done',
      trackingRefs: ['1Z001', '1Z002'],
      shippingWeightG: Math.round(unitKg * first!.lines[0]!.quantity * 1000),
      attachments: 2,
      dateDone: T0,
      carrier: 'Standard delivery',
    });
    expect(byId.get(second!.id)).toMatchObject({ state: 'assigned', trackingRefs: [], attachments: 0, dateDone: null });
    expect(byId.get(third!.id)).toMatchObject({ state: 'cancel' });
    expect(byId.has(999_999)).toBe(false);
  });

  it('pages the done outgoing pickings with a tracking reference in [since, until), by id, and nothing else', async () => {
    const { sandbox, reader, requests } = await world(version);
    const seeded = sandbox.createPickings(460, { linesPerPicking: 1 });
    // 450 shipped in the window (its first and last second included), the rest around it or without a reference.
    seeded.slice(0, 450).forEach((p, i) => sandbox.byHand.shipDone(p.id, `TRK${i}`, T0 + (i % 60) * MIN));
    const [early, late, atUntil, noRef, cleared, incoming] = seeded.slice(450);
    sandbox.byHand.shipDone(early!.id, 'EARLY', T0 - 1000);
    sandbox.byHand.shipDone(late!.id, 'LATE', T0 + 61 * MIN);
    sandbox.byHand.shipDone(atUntil!.id, 'AT-UNTIL', T0 + 60 * MIN);
    sandbox.byHand.shipDone(noRef!.id, false, T0 + MIN);
    sandbox.byHand.shipDone(cleared!.id, 'GONE', T0 + MIN);
    sandbox.byHand.clearTrackingRef(cleared!.id);
    const receipts = sandbox.createInOdoo('stock.picking.type', { name: 'Receipts', code: 'incoming', sequence_code: 'IN', warehouse_id: 1, company_id: 1 });
    sandbox.byHand.shipDone(incoming!.id, 'INBOUND', T0 + MIN);
    sandbox.writeInOdoo('stock.picking', incoming!.id, { picking_type_id: receipts });
    const before = requests();

    // `until` a fraction past the hour: a picking done at T0+60min (a whole second) is before it.
    const done = await reader.doneWithTracking(T0, T0 + 60 * MIN + 500);

    expect(done.map((p) => p.trackingRefs[0]).sort()).toEqual([...seeded.slice(0, 450).map((_, i) => `TRK${i}`), 'AT-UNTIL'].sort());
    expect(done.every((p) => p.state === 'done' && p.dateDone !== null && p.dateDone >= T0)).toBe(true);
    // 451 rows: three pages (200, 200, 51), the last one short.
    expect(requests() - before).toBe(3);
    expect(await reader.doneWithTracking(T0, T0 + 60 * MIN)).toHaveLength(450);
  });

  it("reads the ledger's pickings and those done with tracking in the window in one paging: ⌈both / 200⌉ requests", async () => {
    const { sandbox, reader, requests } = await world(version);
    const seeded = sandbox.createPickings(330, { linesPerPicking: 1 });
    // 250 the stations packed (one done in the window too), 79 shipped from Odoo in the window, one outside it.
    const ledger = seeded.slice(0, 250).map((p) => p.id);
    seeded.slice(249, 329).forEach((p, i) => sandbox.byHand.shipDone(p.id, `HAND${i}`, T0 + i * 1000));
    sandbox.byHand.shipDone(seeded[329]!.id, 'OUTSIDE', T0 - 1000);
    const before = requests();

    const read = await reader.window([...ledger, 999_999], T0, T0 + 60 * MIN);

    expect(requests() - before).toBe(2);
    expect(read.map((p) => p.id)).toEqual(seeded.slice(0, 329).map((p) => p.id));
    expect(read.find((p) => p.id === seeded[249]!.id)).toMatchObject({ state: 'done', trackingRefs: ['HAND0'] });
    expect(read.find((p) => p.id === seeded[0]!.id)).toMatchObject({ state: 'assigned', trackingRefs: [] });
    expect(await reader.window([], T0, T0)).toEqual([]);
  });

  it('a picking whose tracking reference or labels a user removed reads so', async () => {
    const { sandbox, reader } = await world(version);
    const [p] = sandbox.createPickings(1);
    sandbox.byHand.shipDone(p!.id, 'A1,B2', T0);
    sandbox.createInOdoo('ir.attachment', { name: 'Label-A1.zpl', res_model: 'stock.picking', res_id: p!.id, datas: 'XkFeWFo=' });
    expect(await reader.pickings([p!.id])).toMatchObject([{ trackingRefs: ['A1', 'B2'], attachments: 1 }]);
    sandbox.byHand.clearTrackingRef(p!.id);
    expect(sandbox.byHand.removeAttachments(p!.id)).toBe(1);
    expect(await reader.pickings([p!.id])).toMatchObject([{ trackingRefs: [], attachments: 0 }]);
  });

  it('declares where each canonical field comes from, and reads exactly those fields', async () => {
    const { sandbox, reader } = await world(version);
    const [p] = sandbox.createPickings(1);
    sandbox.clearCalls();
    await reader.pickings([p!.id]);
    const map = ODOO_FIELD_MAPS[String(version) as '16' | '17' | '18' | '19'];
    const fields = picks(sandbox.calls())[0]!.kwargs.fields as string[];
    for (const field of fields.filter((f) => f !== 'weight_uom_name')) expect(Object.values(map).some((where) => where.startsWith(`stock.picking.${field} `))).toBe(true);
    expect(map['picking.trackingRefs']).toBe(`stock.picking.carrier_tracking_ref (${version === 16 ? 'delivery' : 'stock_delivery'}): comma-separated, one per parcel; split and trimmed`);
    expect(map['picking.weight']).toMatch(version >= 18 ? /^stock\.picking\.shipping_weight \(stock\)/ : /^stock\.picking\.shipping_weight \((stock_)?delivery\)/);
  });
});

const change = (pickingId: number, after: TrackingChange['after'], extra: Partial<TrackingChange> = {}): TrackingChange => ({
  pickingId,
  pickingName: null,
  trackingCode: '1Z999AA10123456784',
  carrier: 'UPS',
  before: 'in_transit',
  after,
  description: 'Delivered, front door <left by "driver"> & signed',
  location: 'Brooklyn, NY',
  at: T0,
  ...extra,
});

describe.each([16, 17, 18, 19] as const)('Odoo %i: tracking notices', (version) => {
  it('delivered: one chatter note with its own subject and every value escaped, told once however often it is sent', async () => {
    const { sandbox, notifier } = await world(version);
    const [p] = sandbox.createPickings(1);
    await notifier.notify(change(p!.id, 'delivered'));
    await notifier.notify(change(p!.id, 'delivered'));
    const messages = sandbox.records('mail.message', [['model', '=', 'stock.picking'], ['res_id', '=', p!.id]]);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ subject: 'Parcel delivered', message_type: 'comment' });
    expect(messages[0]!.body).toBe(
      '<p><b>Parcel delivered</b>: UPS parcel 1Z999AA10123456784 (was: parcel in transit)</p>' +
        '<p>Delivered, front door &lt;left by "driver"&gt; &amp; signed<br>Location: Brooklyn, NY<br>Time: 2025-01-06 12:00 UTC</p>' +
        '<p>Tracking 1Z999AA10123456784: delivered</p>',
    );
    expect(sandbox.records('mail.activity', [['res_id', '=', p!.id]])).toEqual([]);
  });

  it("returned to sender: a note and a To-Do for the picking's Responsible, once, even when replies are lost", async () => {
    const { sandbox, notifier } = await world(version);
    const [p] = sandbox.createPickings(1);
    const responsible = sandbox.byHand.setResponsible(p!.id, 'Clara Service');
    const returned = change(p!.id, 'returned_to_sender', { description: 'Returned to shipper: refused by recipient' });
    sandbox.failNext(1, 'drop', { model: 'mail.activity', method: 'create' });
    await expect(notifier.notify(returned)).rejects.toMatchObject({ code: 'NETWORK' });
    await notifier.notify(returned);
    sandbox.failNext(1, 'drop', { model: 'stock.picking', method: 'message_post' });
    await notifier.notify(change(p!.id, 'exception')).catch(() => undefined);
    await notifier.notify(change(p!.id, 'exception'));

    const activities = sandbox.records('mail.activity', [['res_id', '=', p!.id]]);
    expect(activities.map((a) => [a.summary, a.res_model, a.user_id, a.activity_type_id])).toEqual([
      ['Parcel returned: inspect the return (1Z999AA10123456784)', 'stock.picking', [responsible, 'Clara Service'], [1, 'To-Do']],
      ['Carrier exception: check the shipment (1Z999AA10123456784)', 'stock.picking', [responsible, 'Clara Service'], [1, 'To-Do']],
    ]);
    expect(sandbox.picking(p!.id).messages.map((m) => /Tracking \S+: \w+/.exec(m)?.[0])).toEqual([
      'Tracking 1Z999AA10123456784: returned_to_sender',
      'Tracking 1Z999AA10123456784: exception',
    ]);
  });

  it('delivery failed: the To-Do goes to the API user when the picking has no Responsible; a retry after Mark Done adds none', async () => {
    const { sandbox, notifier } = await world(version);
    const [p] = sandbox.createPickings(1);
    const failed = change(p!.id, 'delivery_failed', { description: 'Address not found', location: null, at: null, carrier: null, before: null });
    await notifier.notify(failed);
    const [todo] = sandbox.records('mail.activity', [['res_id', '=', p!.id]]);
    expect(todo).toMatchObject({ summary: 'Delivery failed: contact the customer (1Z999AA10123456784)', user_id: [2, 'Mitchell Admin'] });
    expect(sandbox.picking(p!.id).messages[0]).toBe(
      '<p><b>Delivery attempt failed</b>: parcel 1Z999AA10123456784</p><p>Address not found</p><p>Tracking 1Z999AA10123456784: delivery_failed</p>',
    );
    // A user marks it done (16–18 delete it, 19 archives it); the same change sent again must not bring it back.
    sandbox.byHand.markActivityDone(todo!.id as number, 'customer called back');
    sandbox.clearCalls();
    await notifier.notify(failed);
    expect(sandbox.calls().filter((c) => c.method === 'create' || c.method === 'message_post')).toEqual([]);
    const all = version >= 17 ? [['active', 'in', [true, false]]] : [];
    expect(sandbox.records('mail.activity', [['res_id', '=', p!.id], ...all])).toHaveLength(version >= 19 ? 1 : 0);
  });
});
