/**
 * Opt-in contract test against a REAL Odoo (16–19; never in CI): the station's gateway finds a ready delivery, puts it
 * in a pack with a weight, writes the tracking reference, attaches the label and validates — checked by reading Odoo
 * itself. 19 goes over JSON-2 with the API key, 16–18 over JSON-RPC. It changes the database: use a throwaway copy
 * (`createdb -T odoo19_template odoo19`). Run (handbook §8 for starting a server):
 *   ODOO_URL=http://127.0.0.1:8069 ODOO_DB=odoo19 ODOO_LOGIN=admin ODOO_API_KEY=<key> npx vitest run test/integration/sync/odoo-contract.test.ts
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { OdooExec } from '../../../sync/odoo/odoo-exec';
import { OdooJson2 } from '../../../sync/odoo/json2.client';
import { OdooJsonRpc } from '../../../sync/odoo/jsonrpc.client';
import { OdooJsonRpcGateway } from '../../../sync/odoo/odoo.gateway';
import { dialectOf } from '../../../sync/odoo/odoo-version.dialect';

const env = { url: process.env.ODOO_URL, db: process.env.ODOO_DB, login: process.env.ODOO_LOGIN ?? 'admin', apiKey: process.env.ODOO_API_KEY };
const configured = Boolean(env.url && env.db && env.apiKey);
const TITLE = configured ? `real Odoo at ${env.url ?? ''} (${env.db ?? ''})` : 'real Odoo contract — skipped: set ODOO_URL, ODOO_DB, ODOO_LOGIN, ODOO_API_KEY to run it';

/** Direct calls for the checks, over the transport the version speaks (what the gateway reads back is not proof). */
async function rawOdoo(major: number): Promise<OdooExec> {
  const { url = '', db = '', login, apiKey = '' } = env;
  if (dialectOf(major).transport === 'json2') return new OdooJson2({ url, db, apiKey, major });
  const rpc = new OdooJsonRpc({ url });
  const uid = z.number().parse(await rpc.call('common', 'authenticate', [db, login, apiKey, {}]));
  return { major, call: (model, method, args, kwargs = {}) => rpc.call('object', 'execute_kw', [db, uid, apiKey, model, method, args, kwargs]) };
}

describe.skipIf(!configured)(TITLE, () => {
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
    expect(await gateway.putInPack(parcel)).toEqual(packed);
    const model = dialectOf(major).packageModel;
    const [pkg] = z.array(z.object({ shipping_weight: z.number() })).parse(await odoo.call(model, 'read', [[packed.packageId]], { fields: ['shipping_weight'] }));
    expect(pkg?.shipping_weight).toBeCloseTo(1.234, 6);

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
});
