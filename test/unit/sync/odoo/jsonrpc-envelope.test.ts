import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonRpcReplySchema } from '../../../../sync/odoo/jsonrpc-reply.schema';
import { PartnerRecordSchema, VersionInfoSchema, WindowActionSchema, charOrFalse, createdId, many2one } from '../../../../sync/odoo/odoo-records.schema';
import { OdooFault } from '../../../../sync/sim/odoo/odoo-fault.sim';
import { errorEnvelope, parseRpcRequest, resultEnvelope } from '../../../../sync/sim/odoo/rpc-envelope.sim';
import { envelopeExamples, errorExamples, externalApiCalls } from './odoo-fixtures';

describe('JSON-RPC envelopes', () => {
  it('parses the verbatim success envelope of odoo/http.py', () => {
    const env01 = envelopeExamples.find((e) => e.id === 'ENV-01');
    expect(JsonRpcReplySchema.parse(env01?.response)).toEqual({ jsonrpc: '2.0', id: null, result: { res1: 'val1' } });
  });

  it('accepts a reply without a result key (a Python None on 16)', () => {
    const reply = JsonRpcReplySchema.parse({ jsonrpc: '2.0', id: 44 });
    expect(reply.error).toBeUndefined();
    expect((reply as { result?: unknown }).result).toBeUndefined();
  });

  it('rejects what is not an envelope', () => {
    expect(JsonRpcReplySchema.safeParse({ result: 1 }).success).toBe(false);
    expect(JsonRpcReplySchema.safeParse({ jsonrpc: '2.0', error: { message: 'no code' } }).success).toBe(false);
  });

  it('reads the documented common.version and a read() result', () => {
    const version = externalApiCalls.find((c) => c.service === 'common' && c.method === 'version');
    expect(VersionInfoSchema.parse(version?.result).server_version_info[0]).toBe(13);
    const read = externalApiCalls.find((c) => c.op === 'read');
    const rows = z.array(z.object({ id: z.number(), name: z.string(), country_id: many2one, comment: charOrFalse })).parse(read?.result);
    expect(rows[0]).toEqual({ id: 7, name: 'Agrolait', country_id: [21, 'Belgium'], comment: false });
  });

  it('accepts create() answering an id or a list of one id', () => {
    expect(createdId.parse(7)).toBe(7);
    expect(createdId.parse([7])).toBe(7);
  });

  it('requires false, not null, for empty partner fields', () => {
    const partner = { id: 1, name: 'Deco Addict', parent_id: false, is_company: true, street: false, street2: false, city: false, zip: false, state_id: false, country_id: false, phone: false, email: false };
    expect(PartnerRecordSchema.safeParse(partner).success).toBe(true);
    expect(PartnerRecordSchema.safeParse({ ...partner, street: null }).success).toBe(false);
  });

  it('recognises a wizard action and ignores the 18 package repr', () => {
    expect(WindowActionSchema.safeParse({ type: 'ir.actions.act_window', res_model: 'choose.delivery.package', context: { default_picking_id: 3 } }).success).toBe(true);
    expect(WindowActionSchema.safeParse('stock.quant.package(1,)').success).toBe(false);
    expect(WindowActionSchema.safeParse(true).success).toBe(false);
  });
});

describe('sandbox envelopes mirror the fixtures', () => {
  it('builds the same error shape as Odoo 16-18', () => {
    const fixture = errorExamples.find((e) => e.id === 'ERR-USERERROR')?.response as { error: { data: Record<string, unknown> } };
    const built = errorEnvelope(42, OdooFault.user('You cannot validate a transfer if no quantities are reserved nor done.')) as typeof fixture & { error: { code: number } };
    expect(Object.keys(built.error.data).sort()).toEqual(Object.keys(fixture.error.data).sort());
    expect(built.error.code).toBe(200);
    expect(built.error.data.name).toBe('odoo.exceptions.UserError');
    expect(JsonRpcReplySchema.safeParse(built).success).toBe(true);
  });

  it('omits the result key for None', () => {
    expect(resultEnvelope(9, undefined)).toEqual({ jsonrpc: '2.0', id: 9 });
    expect(resultEnvelope(9, false)).toEqual({ jsonrpc: '2.0', id: 9, result: false });
  });

  it('parses the documented request envelopes', () => {
    expect(parseRpcRequest({ jsonrpc: '2.0', method: 'call', params: { service: 'common', method: 'login', args: ['db', 'u', 'p'] }, id: 123456789 })).toEqual({
      id: 123456789, service: 'common', method: 'login', args: ['db', 'u', 'p'],
    });
    expect(parseRpcRequest({ jsonrpc: '2.0', method: 'call', params: { arg1: 'val1' }, id: null })).toBeNull();
  });
});
