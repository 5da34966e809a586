import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isUnreachable } from '../../../../app/domain/errors';
import { stationErrorFromJson2 } from '../../../../sync/odoo/json2.client';
import { readFixture } from '../../../support/third-party-fixtures';

/** test/fixtures/odoo-jsonrpc/json2_api.json: Odoo's documented replies and those its own test-suite asserts. */
const fixture = z
  .object({
    doc_examples: z.array(z.object({ id: z.string(), status: z.number().optional(), body: z.unknown().optional() })),
    odoo_test_asserted: z.array(z.object({ id: z.string(), status: z.number(), body_text: z.string().optional(), content_type: z.string().optional() })),
  })
  .parse(JSON.parse(readFixture('utf8', 'odoo-jsonrpc', 'json2_api.json')));

const bodyOf = (e: { body_text?: string | undefined; content_type?: string | undefined }): unknown =>
  e.body_text !== undefined && e.content_type?.startsWith('application/json') ? JSON.parse(e.body_text) : undefined;

describe('JSON-2 error replies (fixture shapes)', () => {
  it('maps the documented 401 to AUTH, without the key', () => {
    const doc = fixture.doc_examples.find((e) => e.id === 'J2-DOC-401')!;
    const error = stationErrorFromJson2(doc.status!, doc.body, 'res.partner.search_read', ['6578616d706c65206a736f6e20617069206b6579']);
    expect(error.code).toBe('AUTH');
    expect(error.message).toBe('Odoo refused res.partner.search_read: Unauthorized: Invalid apikey');
    expect(error.message).not.toContain('Traceback');
  });

  it.each([
    ['J2-T-BADJSON', 'REJECTED'],
    ['J2-T-NOTOBJ', 'REJECTED'],
    ['J2-T-MISSINGARG', 'REJECTED'],
    ['J2-T-APIMODEL-IDS', 'REJECTED'],
    ['J2-T-NOAUTH', 'AUTH'],
    ['J2-T-FORMCT', 'REJECTED'],
    ['J2-T-MULTIDB', 'NOT_FOUND'],
  ] as const)('maps %s as Odoo asserts it to %s', (id, code) => {
    const example = fixture.odoo_test_asserted.find((e) => e.id === id)!;
    const error = stationErrorFromJson2(example.status, bodyOf(example), 'res.users.search', []);
    expect(error.code).toBe(code);
    if (typeof bodyOf(example) === 'string') expect(error.message).toContain(String(bodyOf(example)));
  });

  it('classifies 500s by the exception: an invalid field is final, a serialization failure is retried; neither is offline', () => {
    const serialized = (name: string, message: string) => ({ name, message, arguments: [message], context: {}, debug: 'Traceback …' });
    const invalid = stationErrorFromJson2(500, serialized('builtins.ValueError', "Invalid field 'mobile' on 'res.partner'"), 'res.partner.read', []);
    expect(invalid).toMatchObject({ code: 'REJECTED', message: "Odoo refused res.partner.read: ValueError: Invalid field 'mobile' on 'res.partner'" });
    const conflict = stationErrorFromJson2(500, serialized('psycopg2.errors.SerializationFailure', 'could not serialize access'), 'stock.picking.write', []);
    expect(conflict.code).toBe('SERVER');
    expect(conflict.retryable).toBe(true);
    expect([invalid, conflict].some(isUnreachable)).toBe(false);
    expect(stationErrorFromJson2(422, serialized('odoo.exceptions.UserError', 'nothing to validate'), 'stock.picking.button_validate', []).code).toBe('REJECTED');
  });

  it('takes a proxy 502–504 and 429 as the remote out of reach, whatever the body', () => {
    expect([502, 503, 504, 429].map((s) => stationErrorFromJson2(s, undefined, 'x.y', []).code)).toEqual(['UNAVAILABLE', 'UNAVAILABLE', 'UNAVAILABLE', 'RATE_LIMITED']);
    expect(isUnreachable(stationErrorFromJson2(503, undefined, 'x.y', []))).toBe(true);
    expect(stationErrorFromJson2(500, undefined, 'x.y', []).code).toBe('SERVER');
  });
});
