import { describe, expect, it } from 'vitest';
import { isUnreachable } from '../../../app/domain/errors';
import type { Parcel } from '../../../app/domain/parcel.schema';
import type { Picking } from '../../../app/domain/picking.schema';
import { OdooJsonRpc } from '../../../sync/odoo/jsonrpc.client';
import { OdooJsonRpcGateway } from '../../../sync/odoo/odoo.gateway';
import { cleanups, rejection, world } from './odoo-world';

/** Splits each line across two parcels where it can, so both parcels are partial moves. */
function twoParcels(picking: Picking): [Parcel, Parcel] {
  const first: Parcel['items'] = [];
  const second: Parcel['items'] = [];
  for (const line of picking.lines) {
    const a = Math.ceil(line.quantity / 2);
    first.push({ moveId: line.moveId, productId: line.productId, quantity: a });
    if (line.quantity - a > 0) second.push({ moveId: line.moveId, productId: line.productId, quantity: line.quantity - a });
  }
  if (second.length === 0) second.push(first.pop() as Parcel['items'][number]);
  const types = picking.packageTypes;
  return [
    { pickingId: picking.id, index: 1, items: first, packageTypeId: types[0]?.id ?? null, weightG: 1234 },
    { pickingId: picking.id, index: 2, items: second, packageTypeId: types[1]?.id ?? null, weightG: 2345 },
  ];
}

describe.each([16, 17, 18, 19] as const)('Odoo %i', (version) => {
  it('finds, packs two parcels, tracks, attaches and validates — each step idempotent', async () => {
    const { sandbox, gateway } = await world(version);
    const [seeded] = sandbox.createPickings(1, { linesPerPicking: 3 });
    const picking = await gateway.findPicking(seeded!.name);
    expect(picking).not.toBeNull();
    expect(picking!.name).toBe(seeded!.name);
    expect(picking!.lines.map((l) => l.barcode)).toEqual(seeded!.lines.map((l) => l.barcode));
    expect(picking!.lines.map((l) => l.unitWeightG)).toEqual(seeded!.lines.map((l) => l.unitWeightG));
    expect(picking!.partner).toMatchObject({ country: 'US', state: 'CA' });
    expect(picking!.warehouse).toMatchObject({ name: 'YourCompany', city: 'San Francisco', country: 'US', zip: '94134' });
    expect(picking!.packageTypes.length).toBeGreaterThanOrEqual(2);
    expect(picking!.packageTypes[0]).toMatchObject({ lengthMm: 300, tareG: 250 });
    expect(await gateway.version()).toEqual({ serverVersion: `${version}.0`, major: version });

    const [p1, p2] = twoParcels(picking!);
    const pack1 = await gateway.putInPack(p1);
    const pack2 = await gateway.putInPack(p2);
    expect(pack1.packageId).not.toBe(pack2.packageId);
    expect(await gateway.putInPack(p1)).toEqual(pack1);
    let view = sandbox.picking(picking!.id);
    expect(view.packages.map((p) => [p.id, p.shipping_weight, p.package_type_id])).toEqual([
      [pack1.packageId, 1.234, p1.packageTypeId],
      [pack2.packageId, 2.345, p2.packageTypeId],
    ]);

    await gateway.addTrackingRef(picking!.id, '9400111899223197428490');
    await gateway.addTrackingRef(picking!.id, '9400111899223197428490');
    await gateway.addTrackingRef(picking!.id, '9400111899223197428506');
    expect(sandbox.picking(picking!.id).carrier_tracking_ref).toBe('9400111899223197428490,9400111899223197428506');

    const zpl = '^XA^FO50,50^BCN,100^FD9400111899223197428490^FS^XZ';
    const a1 = await gateway.attachLabel(picking!.id, 'Label-9400111899223197428490.zpl', zpl);
    const a2 = await gateway.attachLabel(picking!.id, 'Label-9400111899223197428490.zpl', zpl);
    expect(a2).toEqual(a1);
    expect(sandbox.picking(picking!.id).attachments).toEqual([{ name: 'Label-9400111899223197428490.zpl', size: zpl.length }]);

    await gateway.validate(picking!.id);
    view = sandbox.picking(picking!.id);
    expect(view.state).toBe('done');
    // The customer has a phone and stock_sms asks once per company before the first delivery is validated.
    expect(sandbox.operations().filter((o) => o.model === 'confirm.stock.sms').map((o) => o.method)).toEqual(['dont_send_sms']);
    const opsAfterFirst = sandbox.operations().length;
    await gateway.validate(picking!.id);
    expect(sandbox.operations()).toHaveLength(opsAfterFirst);
    // Everything was packed: no backorder appears.
    expect(await gateway.findPicking(picking!.origin ?? '')).toBeNull();
  });

  it('leaves the unpacked rest to a backorder when the packer shipped less', async () => {
    const { sandbox, gateway } = await world(version, { smsWizard: false });
    const [seeded] = sandbox.createPickings(1, { linesPerPicking: 2 });
    const picking = (await gateway.findPicking(seeded!.name))!;
    const line = picking.lines[0]!;
    await gateway.putInPack({ pickingId: picking.id, index: 1, items: [{ moveId: line.moveId, productId: line.productId, quantity: 1 }], packageTypeId: null, weightG: 900 });
    await gateway.validate(picking.id);
    expect(sandbox.picking(picking.id).state).toBe('done');
    const backorder = await gateway.findPicking(picking.origin ?? '');
    expect(backorder).not.toBeNull();
    expect(backorder!.id).not.toBe(picking.id);
    expect(sandbox.operations().some((o) => o.model === 'stock.backorder.confirmation' && o.method === 'process')).toBe(true);
  });

  it('validates once when the first try stopped at the SMS dialog and validation is asked again', async () => {
    const { sandbox, gateway } = await world(version);
    const [seeded] = sandbox.createPickings(1, { linesPerPicking: 1 });
    const picking = (await gateway.findPicking(seeded!.name))!;
    const line = picking.lines[0]!;
    await gateway.putInPack({ pickingId: picking.id, index: 1, items: [{ moveId: line.moveId, productId: line.productId, quantity: line.quantity }], packageTypeId: null, weightG: 900 });
    sandbox.failNext(1, 'http500', { model: 'confirm.stock.sms', method: 'dont_send_sms' });
    await rejection(gateway.validate(picking.id));
    expect(sandbox.picking(picking.id).state).toBe('assigned');
    expect(sandbox.validations()).toEqual([]);

    await gateway.validate(picking.id);
    expect(sandbox.picking(picking.id).state).toBe('done');
    // Asked twice, the dialog opened twice; the picking moved to done once.
    expect(sandbox.operations().filter((o) => o.method === 'button_validate')).toHaveLength(2);
    expect(sandbox.validations()).toEqual([picking.id]);
  });

  it("one picking work reads the picking once for the check and every write; two labels cost one write and one create (no search while the picking has no attachment)", async () => {
    const { sandbox, gateway } = await world(version);
    const [seeded] = sandbox.createPickings(1, { linesPerPicking: 2 });
    const [p1, p2] = twoParcels((await gateway.findPicking(seeded!.name))!);
    sandbox.clearCalls();
    const work = await gateway.pickingWork(seeded!.id);
    const facts = await work.pickingFacts(seeded!.id, { lines: true, address: true });
    expect(facts).toMatchObject({ name: seeded!.name, state: 'assigned', trackingRefs: [] });
    expect(facts.lines).toHaveLength(2);
    expect(facts.address?.city).toBeTruthy();
    await work.putInPack(p1);
    await work.putInPack(p2);
    const labels = [1, 2].map((i) => ({ trackingCode: `TRK${i}`, name: `Label-${i}.zpl`, zpl: `^XA^FD${i}^XZ` }));
    await work.addTrackingRefs(labels.map((l) => l.trackingCode));
    await work.attachLabels(labels);
    await work.validate();
    const calls = sandbox.calls().map((c) => `${c.model}.${c.method}`);
    // 17+: the picking, its partner, moves and lines in one web_read; 16 reads each once.
    const reads = version >= 17 ? ['stock.picking.web_read'] : ['stock.picking.read', 'stock.move.search_read', 'res.partner.read', 'stock.move.line.search_read'];
    expect(calls.slice(0, reads.length)).toEqual(reads);
    expect(calls.filter((c) => c === 'stock.picking.read' || c === 'stock.move.search_read' || c === 'res.partner.read')).toHaveLength(version >= 17 ? 0 : 3);
    expect(calls.filter((c) => c === 'stock.picking.write')).toHaveLength(1);
    // 17+: the snapshot's message_attachment_count (0) says no copy is there yet; 16 searches by name.
    expect(calls.filter((c) => c.startsWith('ir.attachment.'))).toEqual([...(version >= 17 ? [] : ['ir.attachment.search_read']), 'ir.attachment.create']);
    expect(sandbox.picking(seeded!.id)).toMatchObject({ carrier_tracking_ref: 'TRK1,TRK2', state: 'done' });
    expect(sandbox.picking(seeded!.id).attachments.map((a) => a.name)).toEqual(['Label-1.zpl', 'Label-2.zpl']);

    // Again, as after a lost reply: everything is found in place, nothing is written twice.
    sandbox.clearCalls();
    const again = await gateway.pickingWork(seeded!.id);
    await again.putInPack(p2);
    await again.addTrackingRefs(labels.map((l) => l.trackingCode));
    await again.attachLabels(labels);
    await again.validate();
    expect(sandbox.calls().filter((c) => !['read', 'web_read', 'search_read'].includes(c.method)).map((c) => `${c.model}.${c.method}`)).toEqual([]);
  });

  it('does not pack twice when the put-in-pack reply was lost', async () => {
    const { sandbox, gateway } = await world(version);
    const [seeded] = sandbox.createPickings(1, { linesPerPicking: 2 });
    const picking = (await gateway.findPicking(seeded!.name))!;
    const [p1] = twoParcels(picking);
    sandbox.failNext(1, 'drop', { model: version >= 19 ? 'stock.put.in.pack' : 'choose.delivery.package', method: 'action_put_in_pack' });
    expect((await rejection(gateway.putInPack(p1))).code).toBe('NETWORK');
    expect(sandbox.picking(picking.id).packages).toHaveLength(1);
    const retried = await gateway.putInPack(p1);
    const view = sandbox.picking(picking.id);
    expect(view.packages).toHaveLength(1);
    expect(view.packages[0]).toMatchObject({ id: retried.packageId, shipping_weight: 1.234 });
  });
});

describe('Odoo failures', () => {
  it('maps a wrong api key to AUTH without leaking the key', async () => {
    const { gateway } = await world(17, { apiKey: 'wrong-secret-key' });
    const error = await rejection(gateway.findPicking('WH/OUT/00001'));
    expect(error.code).toBe('AUTH');
    expect(error.retryable).toBe(false);
    expect(error.message).not.toContain('wrong-secret-key');
  });

  it.each([
    [18, 'http500', 'SERVER'],
    [18, 'drop', 'NETWORK'],
    [18, 'odoo-error', 'SERVER'],
    [18, 'malformed', 'INVALID_REPLY'],
    [19, 'http500', 'SERVER'],
    [19, 'drop', 'NETWORK'],
    [19, 'odoo-error', 'SERVER'],
    [19, 'invalid-field', 'REJECTED'],
    [19, 'malformed', 'INVALID_REPLY'],
  ] as const)('Odoo %i: maps an injected %s to %s', async (version, kind, code) => {
    const { sandbox, gateway } = await world(version);
    const [seeded] = sandbox.createPickings(1);
    await gateway.version();
    sandbox.failNext(1, kind);
    expect((await rejection(gateway.findPicking(seeded!.name))).code).toBe(code);
    expect((await gateway.findPicking(seeded!.name))?.name).toBe(seeded!.name);
  });

  it('reports a server-side ValueError as a refusal naming the call, never as "unreachable"', async () => {
    const { sandbox, gateway } = await world(18);
    const [seeded] = sandbox.createPickings(1);
    sandbox.failNext(1, 'invalid-field', { model: 'res.partner', method: 'read' });
    const error = await rejection(gateway.findPicking(seeded!.name));
    expect(error.message).toBe("Odoo refused res.partner.read: ValueError: Invalid field 'mobile' on 'res.partner'");
    expect(error.code).toBe('REJECTED');
    expect(isUnreachable(error)).toBe(false);
  });

  it('maps a foreign move to REJECTED, an Odoo UserError to REJECTED and a refused connection to NETWORK', async () => {
    const { sandbox, gateway, url } = await world(16);
    const [seeded] = sandbox.createPickings(1);
    const picking = (await gateway.findPicking(seeded!.name))!;
    const parcel = { pickingId: picking.id, index: 1, items: [{ moveId: 999, productId: 1, quantity: 1 }], packageTypeId: null, weightG: 10 };
    expect((await rejection(gateway.putInPack(parcel))).code).toBe('REJECTED');

    await gateway.validate(picking.id);
    const rpc = new OdooJsonRpc({ url });
    const userError = await rejection(rpc.call('object', 'execute_kw', ['station', 2, 'sandbox-key', 'stock.picking', 'button_validate', [[picking.id]], {}]));
    expect(userError.code).toBe('REJECTED');
    expect(userError.message).toContain('Odoo refused stock.picking.button_validate: UserError:');
    expect(userError.message).not.toContain('sandbox-key');
    const missing = await rejection(rpc.call('object', 'execute_kw', ['station', 2, 'sandbox-key', 'stock.picking', 'read', [[4242]], { fields: ['name'] }]));
    expect(missing.code).toBe('NOT_FOUND');

    await sandbox.close();
    expect((await rejection(new OdooJsonRpcGateway({ url, db: 'station', login: 'admin', apiKey: 'sandbox-key' }).version())).code).toBe('NETWORK');
  });

  it('completes the immediate transfer wizard on 16 when nothing was packed', async () => {
    const { sandbox, gateway } = await world(16, { smsWizard: false });
    const [seeded] = sandbox.createPickings(1);
    await gateway.validate(seeded!.id);
    expect(sandbox.picking(seeded!.id).state).toBe('done');
    expect(sandbox.operations().map((o) => `${o.model}.${o.method}`)).toEqual([
      'stock.picking.button_validate',
      'stock.immediate.transfer.create',
      'stock.immediate.transfer.process',
    ]);
  });

  it('maps a timeout to TIMEOUT', async () => {
    const { createServer } = await import('node:http');
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    cleanups.push(async () => {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const { port } = silent.address() as { port: number };
    const rpc = new OdooJsonRpc({ url: `http://127.0.0.1:${port}`, timeoutMs: 200 });
    expect((await rejection(rpc.call('common', 'version', []))).code).toBe('TIMEOUT');
  });
});
