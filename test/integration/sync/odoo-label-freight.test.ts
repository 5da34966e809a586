/**
 * What the station's labels show in Odoo, through the real gateway and the Odoo sandbox over HTTP (16–19): the
 * picking's deadline read with it, the labels' freight in `carrier_price` in the write that adds their tracking
 * codes, and a voided label taken back (code out, cost re-written, copy renamed VOID-…, one chatter note) — each
 * write idempotent when a delivery is retried.
 */
import { describe, expect, it } from 'vitest';
import type { FreightTotal } from '../../../app/domain/freight.schema';
import { world } from './odoo-world';

const total = (amount: string, labels: number): FreightTotal => ({ kind: 'total', amount, currency: 'USD', labels });

describe.each([16, 17, 18, 19] as const)('Odoo %i: deadline and freight', (version) => {
  it("reads each picking's deadline (date_deadline) on a scan and in the prefetch's batch load", async () => {
    const { sandbox, gateway } = await world(version);
    const seeded = sandbox.createPickings(3);
    sandbox.writeInOdoo('stock.picking', seeded[2]!.id, { date_deadline: false });
    expect((await gateway.findPicking(seeded[0]!.name))?.deadline).toBe('2025-01-07');
    const { pickings } = await gateway.loadPickings(seeded.map((s) => s.id));
    expect(pickings.map((p) => p.deadline)).toEqual(['2025-01-07', '2025-01-08', null]);
  });

  it('writes the freight with the tracking codes, takes a voided label back, and says each thing once', async () => {
    const { sandbox, gateway } = await world(version);
    const [seeded] = sandbox.createPickings(1);
    const id = seeded!.id;
    const works = await gateway.pickingWorks([id]);
    await works.works[0]!.addTrackingRefs(['T1', 'T2'], total('13.65', 2));
    await works.attachLabels(new Map([[id, [1, 2].map((i) => ({ trackingCode: `T${i}`, name: `Label-WH-OUT-1-${i}-T${i}.zpl`, zpl: '^XA^XZ' }))]]));
    expect(sandbox.picking(id)).toMatchObject({ carrier_tracking_ref: 'T1,T2', carrier_price: 13.65 });
    // One write holds both.
    expect(sandbox.operations().filter((o) => o.model === 'stock.picking' && o.method === 'write')).toHaveLength(1);

    const voidT1 = { trackingCode: 'T1', labelName: 'Label-WH-OUT-1-1-T1.zpl', parcelIndex: 1, freight: total('6.07', 1), stationId: 'bench-1', reason: 'box crushed' };
    for (let attempt = 0; attempt < 2; attempt++) await (await gateway.pickingWorks([id])).works[0]!.voidLabel(voidT1);
    // A copy whose name the station lost is found by its parcel and tracking code.
    await (await gateway.pickingWorks([id])).works[0]!.voidLabel({ ...voidT1, trackingCode: 'T2', labelName: null, parcelIndex: 2, freight: total('0.00', 0) });

    const after = sandbox.picking(id);
    expect(after).toMatchObject({ carrier_tracking_ref: false, carrier_price: 0 });
    expect(after.attachments.map((a) => a.name)).toEqual(['VOID-Label-WH-OUT-1-1-T1.zpl', 'VOID-Label-WH-OUT-1-2-T2.zpl']);
    expect(after.messages).toEqual(['Label T1 voided at station bench-1: box crushed', 'Label T2 voided at station bench-1: box crushed']);
    const renames = sandbox.operations().filter((o) => o.model === 'ir.attachment' && o.method === 'write');
    expect(renames).toHaveLength(2);
  });

  it('labels in several currencies: tracking codes written, Shipping Cost left alone, the chatter says why once', async () => {
    const { sandbox, gateway } = await world(version);
    const [seeded] = sandbox.createPickings(1);
    const mixed: FreightTotal = { kind: 'mixed', currencies: ['EUR', 'USD'], labels: 2 };
    await (await gateway.pickingWorks([seeded!.id])).works[0]!.addTrackingRefs(['T1'], total('7.58', 1));
    await (await gateway.pickingWorks([seeded!.id])).works[0]!.addTrackingRefs(['T1', 'T2'], mixed);
    await (await gateway.pickingWorks([seeded!.id])).works[0]!.addTrackingRefs(['T1', 'T2'], mixed);
    expect(sandbox.picking(seeded!.id)).toMatchObject({
      carrier_tracking_ref: 'T1,T2',
      carrier_price: 7.58,
      messages: ["Shipping Cost not set by the packing station: its labels were bought in several currencies (EUR, USD); each label&#39;s rate is kept at the station."],
    });
  });
});
