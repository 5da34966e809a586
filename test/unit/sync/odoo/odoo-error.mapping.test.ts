import { describe, expect, it } from 'vitest';
import { JsonRpcReplySchema } from '../../../../sync/odoo/jsonrpc-reply.schema';
import { codeForOdooError, redact, stationErrorFromHttp, stationErrorFromOdoo } from '../../../../sync/odoo/odoo-error.mapping';
import { stationErrorFromJson2 } from '../../../../sync/odoo/json2.client';
import { isUnreachable } from '../../../../app/domain/errors';
import { errorExamples } from './odoo-fixtures';

const EXPECTED: Record<string, string> = {
  'ERR-USERERROR': 'REJECTED',
  'ERR-VALIDATION': 'REJECTED',
  'ERR-ACCESSDENIED': 'AUTH',
  'ERR-ACCESSERROR': 'AUTH',
  'ERR-MISSING': 'NOT_FOUND',
  'ERR-SESSION-EXPIRED': 'AUTH',
  'ERR-NOTFOUND': 'NOT_FOUND',
  'ERR-REAL-WILD-1': 'SERVER',
};

describe('Odoo error envelopes (fixture shapes)', () => {
  it('covers every fixture example', () => {
    expect(errorExamples.map((e) => e.id).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(errorExamples.map((e) => [e.id, e.response] as const))('%s parses and maps to its code', (id, response) => {
    const reply = JsonRpcReplySchema.parse(response);
    expect(reply.error).toBeDefined();
    if (!reply.error) return;
    const error = stationErrorFromOdoo(reply.error, 'stock.picking.write', []);
    expect(error.code).toBe(EXPECTED[id]);
    expect(error.message).not.toContain('Traceback');
  });

  it('keeps the server message but never the secret', () => {
    const error = stationErrorFromOdoo(
      { code: 200, message: 'Odoo Server Error', data: { name: 'odoo.exceptions.UserError', message: 'bad key s3cr3t-api-key', debug: 'Traceback s3cr3t-api-key' } },
      'x.y',
      ['s3cr3t-api-key'],
    );
    expect(error.message).toBe('Odoo refused x.y: UserError: bad key ***');
    expect(error.detail).toMatchObject({ odooName: 'odoo.exceptions.UserError' });
    expect(JSON.stringify(error.detail)).not.toContain('s3cr3t');
  });

  it('treats concurrency and unknown classes as retryable server errors and AccessDenied as final', () => {
    for (const name of ['psycopg2.errors.SerializationFailure', 'psycopg2.errors.DeadlockDetected', 'psycopg2.errors.LockNotAvailable', 'psycopg2.OperationalError', 'odoo.exceptions.ConcurrencyError', 'builtins.Exception', undefined]) {
      expect(codeForOdooError(name), String(name)).toBe('SERVER');
    }
    expect(stationErrorFromOdoo({ code: 200, message: 'x', data: { name: 'odoo.exceptions.AccessDenied' } }, 'w', []).retryable).toBe(false);
  });

  it('refuses for good what the server will never accept: invalid fields, wrong arguments, schema errors, business errors', () => {
    for (const name of ['builtins.ValueError', 'builtins.KeyError', 'builtins.TypeError', 'builtins.AttributeError', 'psycopg2.errors.UndefinedColumn', 'odoo.exceptions.RedirectWarning', 'odoo.exceptions.SomethingNew']) {
      expect(codeForOdooError(name), name).toBe('REJECTED');
    }
  });

  it('names what Odoo refused, and an answered error is never "unreachable" (the 19 reply to a 16–18 field)', () => {
    const reply = JsonRpcReplySchema.parse({
      jsonrpc: '2.0',
      id: 7,
      error: { code: 0, message: 'Odoo Server Error', data: { name: 'builtins.ValueError', message: "Invalid field 'mobile' on 'res.partner'", debug: 'Traceback …', arguments: [], context: {} } },
    });
    const error = stationErrorFromOdoo(reply.error!, 'res.partner.read', []);
    expect(error.message).toBe("Odoo refused res.partner.read: ValueError: Invalid field 'mobile' on 'res.partner'");
    expect(error.code).toBe('REJECTED');
    expect(error.retryable).toBe(false);
    expect(isUnreachable(error)).toBe(false);
  });

  it('maps HTTP statuses', () => {
    expect([500, 502, 503, 504, 401, 403, 404, 429, 400].map((s) => stationErrorFromHttp(s, 'w').code)).toEqual([
      'SERVER', 'UNAVAILABLE', 'UNAVAILABLE', 'UNAVAILABLE', 'AUTH', 'AUTH', 'NOT_FOUND', 'RATE_LIMITED', 'REJECTED',
    ]);
  });

  it("reads a 429's Retry-After, seconds or an HTTP date, the same way on JSON-RPC and JSON-2", () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    for (const map of [(h: string | null) => stationErrorFromHttp(429, 'w', h), (h: string | null) => stationErrorFromJson2(429, undefined, 'w', [], h)]) {
      expect(map('2')).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 2000, message: 'odoo w: HTTP 429, retry after 2 s' });
      // An HTTP date has whole seconds: up to 1 s less than asked, never more.
      expect(map(inTenSeconds).retryAfterMs).toBeGreaterThan(8_900);
      expect(map(inTenSeconds).retryAfterMs).toBeLessThanOrEqual(10_000);
      expect(map(null)).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: undefined, message: 'odoo w: HTTP 429' });
      expect(map('soon').retryAfterMs).toBeUndefined();
    }
    // Only a throttle's Retry-After is read: an outage behind a 503 is probed, not held for a time.
    expect(stationErrorFromHttp(503, 'w', '120').retryAfterMs).toBeUndefined();
  });

  it('redacts every occurrence', () => {
    expect(redact('k=abc; again abc', ['abc', ''])).toBe('k=***; again ***');
  });
});

describe('an API key fetch cannot send', () => {
  it('is a CONFIG error with the key masked, and the error naming it is not kept as the cause', async () => {
    const { transportError } = await import('../../../../sync/odoo/odoo-error.mapping');
    const key = 'k3y-from-a-file\nsecond-line';
    let thrown: unknown;
    try {
      await fetch('http://127.0.0.1:65011/json/2/res.users/context_get', { method: 'POST', headers: { authorization: `bearer ${key}` } });
    } catch (error) {
      thrown = error;
    }
    const mapped = transportError(thrown, 'res.users.context_get', 1000, [key]);
    expect(mapped.code).toBe('CONFIG');
    expect(mapped.message).not.toContain('k3y-from-a-file');
    expect(mapped.cause).toBeUndefined();
    expect(JSON.stringify(mapped, Object.getOwnPropertyNames(mapped))).not.toContain('k3y-from-a-file');
  });
});
