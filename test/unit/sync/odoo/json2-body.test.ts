import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { json2Body } from '../../../../sync/odoo/json2.client';
import { dialectOf } from '../../../../sync/odoo/odoo-version.dialect';
import { readFixture } from '../../../support/third-party-fixtures';

const docRequest = z
  .object({ doc_examples: z.array(z.object({ id: z.string(), body: z.unknown().optional() })) })
  .parse(JSON.parse(readFixture('utf8', 'odoo-jsonrpc', 'json2_api.json')))
  .doc_examples.find((e) => e.id === 'J2-DOC-REQ');

describe('JSON-2 named arguments (Odoo 19 ORM signatures)', () => {
  it('builds the documented search_read body from an execute_kw-style call', () => {
    const domain = [['name', 'ilike', '%deco%'], ['is_company', '=', true]];
    expect(json2Body('res.partner', 'search_read', [domain], { fields: ['name'], context: { lang: 'en_US' } })).toEqual(docRequest?.body);
  });

  it('names the positional arguments of model and record methods', () => {
    expect(json2Body('stock.picking', 'search', [[['name', '=', 'X']]], { limit: 1 })).toEqual({ domain: [['name', '=', 'X']], limit: 1 });
    expect(json2Body('stock.picking', 'read', [[7, 8]], { fields: ['state'] })).toEqual({ ids: [7, 8], fields: ['state'] });
    expect(json2Body('stock.package', 'write', [[3], { shipping_weight: 1.2 }])).toEqual({ ids: [3], vals: { shipping_weight: 1.2 } });
    expect(json2Body('ir.attachment', 'create', [{ name: 'a' }])).toEqual({ vals_list: [{ name: 'a' }] });
    expect(json2Body('stock.put.in.pack', 'create', [[{ shipping_weight: 1 }]], { context: { a: 1 } })).toEqual({ vals_list: [{ shipping_weight: 1 }], context: { a: 1 } });
    expect(json2Body('stock.picking', 'button_validate', [[5]], { context: { skip_sms: true } })).toEqual({ ids: [5], context: { skip_sms: true } });
  });

  it('refuses positional arguments it cannot name rather than guess', () => {
    expect(() => json2Body('stock.picking', 'button_validate', [[5], 'extra'])).toThrow(expect.objectContaining({ code: 'CONFIG' }));
  });
});

describe('per-version dialect', () => {
  it('uses JSON-RPC and 16–18 names up to 18, JSON-2 and 19 names from 19', () => {
    expect(dialectOf(18)).toMatchObject({ transport: 'jsonrpc', packageModel: 'stock.quant.package', putInPackWizard: { model: 'choose.delivery.package' } });
    expect(dialectOf(18).partnerFields).toContain('mobile');
    expect(dialectOf(19)).toMatchObject({ transport: 'json2', packageModel: 'stock.package', putInPackWizard: { model: 'stock.put.in.pack' } });
    expect(dialectOf(19).partnerFields).not.toContain('mobile');
    const context = { default_package_carrier_type: 'none' };
    expect(dialectOf(19).putInPackWizard.values(1, 1.5, 4, context)).toEqual({ shipping_weight: 1.5, package_carrier_type: 'none', package_type_id: 4 });
    expect(dialectOf(17).putInPackWizard.values(1, 1.5, null, {})).toEqual({ picking_id: 1, shipping_weight: 1.5 });
  });
});
