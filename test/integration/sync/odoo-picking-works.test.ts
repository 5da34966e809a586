/**
 * Several pickings in one delivery, through the real gateway and the Odoo sandbox over HTTP (16–19): read together,
 * label copies in one create, the fully packed ones validated with one `button_validate` (SMS question answered on
 * the way), and a picking's own trouble staying its own.
 */
import { describe, expect, it } from 'vitest';
import { wholePicking, world } from './odoo-world';

describe.each([16, 17, 18, 19] as const)('Odoo %i: picking works of several pickings', (version) => {
  async function packed(count: number, smsWizard = false) {
    const w = await world(version, { smsWizard });
    const seeded = w.sandbox.createPickings(count, { linesPerPicking: 2 });
    const pickings = await Promise.all(seeded.map(async (s) => (await w.gateway.findPicking(s.name))!));
    return { ...w, ids: seeded.map((s) => s.id), pickings };
  }

  it('reads them in one request (17+), copies every label in one create and validates them with one call', async () => {
    const { sandbox, gateway, ids, pickings } = await packed(3, true);
    sandbox.clearCalls();
    const works = await gateway.pickingWorks(ids);
    for (const [i, work] of works.works.entries()) {
      expect(await work.putInPack(wholePicking(pickings[i]!), { confirmLater: true })).toEqual({ packageId: null });
      await work.addTrackingRefs([`TRK${ids[i]}`]);
    }
    expect([...(await works.confirm(ids)).values()]).toEqual([null, null, null]);
    const copies = await works.attachLabels(new Map(ids.map((id) => [id, [{ trackingCode: `TRK${id}`, name: `Label-${id}.zpl`, zpl: '^XA^XZ' }]])));
    expect([...copies.values()]).toEqual([null, null, null]);
    expect([...(await works.validate(ids)).values()]).toEqual([null, null, null]);

    const calls = sandbox.calls().map((c) => `${c.model}.${c.method}`);
    expect(calls.filter((c) => c === 'stock.picking.web_read')).toHaveLength(version >= 17 ? 1 : 0);
    // What Odoo made of the three parcels: one read of the three pickings' move lines (16 also read them before).
    expect(calls.filter((c) => c === 'stock.move.line.search_read')).toHaveLength(version >= 17 ? 1 : 4);
    expect(calls.filter((c) => c.startsWith('ir.attachment.'))).toEqual([...(version >= 17 ? [] : ['ir.attachment.search_read']), 'ir.attachment.create']);
    expect(calls.filter((c) => c === 'stock.picking.button_validate').length).toBeLessThanOrEqual(2); // the second after the SMS question
    expect(sandbox.validations().sort()).toEqual([...ids].sort());
    for (const id of ids) expect(sandbox.picking(id)).toMatchObject({ state: 'done', carrier_tracking_ref: `TRK${id}`, attachments: [{ name: `Label-${id}.zpl` }] });

    // Again, as after a lost reply: found in place, nothing written twice.
    sandbox.clearCalls();
    const again = await gateway.pickingWorks(ids);
    await again.attachLabels(new Map(ids.map((id) => [id, [{ trackingCode: `TRK${id}`, name: `Label-${id}.zpl`, zpl: '^XA^XZ' }]])));
    expect([...(await again.validate(ids)).values()]).toEqual([null, null, null]);
    expect(sandbox.calls().filter((c) => !['read', 'web_read', 'search_read'].includes(c.method))).toEqual([]);
  });

  it('a set Odoo refuses is validated picking by picking: the cancelled one fails alone; a partly packed one goes alone with its backorder', async () => {
    const { sandbox, gateway, ids, pickings } = await packed(4);
    const [a, b, c, d] = ids as [number, number, number, number];
    const works = await gateway.pickingWorks(ids);
    for (const [i, work] of works.works.entries()) {
      const whole = wholePicking(pickings[i]!);
      // c ships only its first line: the rest goes to a backorder.
      await work.putInPack(ids[i] === c ? { ...whole, items: whole.items.slice(0, 1) } : whole);
    }
    sandbox.cancelInOdoo(d);
    sandbox.clearCalls();
    const results = await works.validate(ids);
    expect(results.get(a)).toBeNull();
    expect(results.get(b)).toBeNull();
    expect(results.get(c)).toBeNull();
    // Cancelled after the works read it: Odoo refuses its validation, and only its own.
    expect(results.get(d)).toMatchObject({ code: 'REJECTED' });
    // Read before the cancel, d looked ready: the set [a, b, d] was refused as a whole (nothing validated), so each went alone.
    expect(sandbox.calls().filter((x) => x.method === 'button_validate').map((x) => x.args[0])).toEqual([[a, b, d], [c], [a], [b], [d]]);
    expect([a, b, c].map((id) => sandbox.picking(id).state)).toEqual(['done', 'done', 'done']);
    expect(sandbox.records('stock.picking', [['backorder_id', '=', c]])).toHaveLength(1);
  });
});
