/** Odoo 19's JSON-2 wire against the sandbox: bearer key, database header, named arguments, errors by HTTP status. */
import { describe, expect, it } from 'vitest';
import { OdooJson2 } from '../../../sync/odoo/json2.client';
import { OdooJsonRpcGateway } from '../../../sync/odoo/odoo.gateway';
import { rejection, world } from './odoo-world';

const client = (url: string, opts: { apiKey?: string; db?: string } = {}) =>
  new OdooJson2({ url, db: opts.db ?? 'station', apiKey: opts.apiKey ?? 'sandbox-key', major: 19, timeoutMs: 5_000 });

describe('Odoo 19 over JSON-2', () => {
  it('answers 401 without a bearer key or with a wrong one, as Odoo documents it', async () => {
    const { url } = await world(19);
    const post = (headers: Record<string, string>) =>
      fetch(`${url}/json/2/res.partner/search_read`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ domain: [], fields: ['name'] }) });
    for (const headers of [{}, { authorization: 'bearer not-the-key' }] as Record<string, string>[]) {
      const response = await post(headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ name: 'werkzeug.exceptions.Unauthorized', message: 'Invalid apikey' });
    }
    const ok = await post({ authorization: 'bearer sandbox-key', 'x-odoo-database': 'station' });
    expect(ok.status).toBe(200);
    expect(Array.isArray(await ok.json())).toBe(true);

    const error = await rejection(client(url, { apiKey: 'wrong-secret-key' }).call('res.partner', 'search', [[]]));
    expect(error.code).toBe('AUTH');
    expect(error.message).not.toContain('wrong-secret-key');
    // The gateway proves the key when it connects, as `authenticate` does on 16–18.
    const { gateway } = await world(19, { apiKey: 'wrong-secret-key' });
    const refused = await rejection(gateway.version());
    expect(refused.code).toBe('AUTH');
    expect(refused.message).toBe('Odoo refused res.users.context_get: Unauthorized: Invalid apikey');
  });

  it('the gateway detects 19 through common.version and does its object calls on JSON-2', async () => {
    const { sandbox, gateway } = await world(19);
    const [seeded] = sandbox.createPickings(1);
    expect(await gateway.version()).toEqual({ serverVersion: '19.0', major: 19 });
    const before = sandbox.hits.jsonrpc;
    expect((await gateway.findPicking(seeded!.name))?.name).toBe(seeded!.name);
    expect(sandbox.hits.jsonrpc).toBe(before);
    expect(sandbox.hits.json2).toBeGreaterThan(5);
  });

  it('reports every JSON-2 call to the metrics observer, by model.method and outcome', async () => {
    const { sandbox, url } = await world(19);
    const [seeded] = sandbox.createPickings(1);
    const seen: string[] = [];
    const observer = (remote: string, method: string, _ms: number, outcome: string) => void seen.push(`${remote} ${method} ${outcome}`);
    const gateway = new OdooJsonRpcGateway({ url, db: 'station', login: 'admin', apiKey: 'sandbox-key', observer });
    await gateway.findPicking(seeded!.name);
    expect(seen).toContain('odoo res.users.context_get ok');
    expect(seen).toContain('odoo stock.picking.search ok');
    await rejection(new OdooJson2({ url, db: 'station', apiKey: 'nope', major: 19, observer }).call('res.partner', 'search', [[]]));
    expect(seen.at(-1)).toBe('odoo res.partner.search AUTH');
  });

  it('refuses the 16–18-only fields and models the way 19 does', async () => {
    const { url } = await world(19);
    const odoo = client(url);
    const mobile = await rejection(odoo.call('res.partner', 'read', [[1]], { fields: ['name', 'mobile'] }));
    expect(mobile.message).toBe("Odoo refused res.partner.read: ValueError: Invalid field 'mobile' on 'res.partner'");
    expect(mobile.code).toBe('REJECTED');
    expect((await rejection(odoo.call('stock.picking', 'search_read', [[]], { fields: ['move_ids_without_package'] }))).code).toBe('REJECTED');
    for (const model of ['stock.quant.package', 'choose.delivery.package', 'stock.immediate.transfer']) {
      expect((await rejection(odoo.call(model, 'search', [[]]))).code, model).toBe('NOT_FOUND');
    }
  });

  it('maps the controller own refusals: a missing argument (422), ids on a model method, another database (404)', async () => {
    const { url } = await world(19);
    const missing = await rejection(client(url).post('res.partner', 'search', {}));
    expect(missing.code).toBe('REJECTED');
    expect(missing.message).toContain("missing a required argument: 'domain'");
    expect((await rejection(client(url).post('res.partner', 'create', { ids: [1], vals_list: [{}] }))).code).toBe('REJECTED');
    expect((await rejection(client(url, { db: 'other' }).call('res.partner', 'search', [[]]))).code).toBe('NOT_FOUND');
  });

  it('maps an Odoo UserError (422) to REJECTED and a serialization failure (500) to SERVER', async () => {
    const { sandbox, url } = await world(19);
    const [seeded] = sandbox.createPickings(1);
    sandbox.validateInOdoo(seeded!.id);
    const done = await rejection(client(url).call('stock.picking', 'button_validate', [[seeded!.id]]));
    expect(done.code).toBe('REJECTED');
    expect(done.message).toContain('Odoo refused stock.picking.button_validate: UserError:');
    sandbox.failNext(1, 'odoo-error');
    expect((await rejection(client(url).call('stock.picking', 'read', [[seeded!.id]], { fields: ['state'] }))).code).toBe('SERVER');
  });
});
