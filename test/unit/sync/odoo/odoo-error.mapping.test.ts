import { describe, expect, it } from 'vitest';
import { JsonRpcReplySchema } from '../../../../sync/odoo/jsonrpc-reply.schema';
import { codeForOdooError, redact, stationErrorFromHttp, stationErrorFromOdoo } from '../../../../sync/odoo/odoo-error.mapping';
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
    const error = stationErrorFromOdoo(reply.error, 'odoo stock.picking.write', []);
    expect(error.code).toBe(EXPECTED[id]);
    expect(error.message).not.toContain('Traceback');
  });

  it('keeps the server message but never the secret', () => {
    const error = stationErrorFromOdoo(
      { code: 200, message: 'Odoo Server Error', data: { name: 'odoo.exceptions.UserError', message: 'bad key s3cr3t-api-key', debug: 'Traceback s3cr3t-api-key' } },
      'odoo x.y',
      ['s3cr3t-api-key'],
    );
    expect(error.message).toBe('odoo x.y: odoo.exceptions.UserError: bad key ***');
    expect(JSON.stringify(error.detail)).not.toContain('s3cr3t');
  });

  it('treats unknown exception classes as retryable server errors and AccessDenied as final', () => {
    expect(codeForOdooError('psycopg2.errors.SerializationFailure')).toBe('SERVER');
    expect(codeForOdooError(undefined)).toBe('SERVER');
    expect(stationErrorFromOdoo({ code: 200, message: 'x', data: { name: 'odoo.exceptions.AccessDenied' } }, 'w', []).retryable).toBe(false);
  });

  it('maps HTTP statuses', () => {
    expect([500, 502, 503, 504, 401, 403, 404, 429, 400].map((s) => stationErrorFromHttp(s, 'w').code)).toEqual([
      'SERVER', 'UNAVAILABLE', 'UNAVAILABLE', 'UNAVAILABLE', 'AUTH', 'AUTH', 'NOT_FOUND', 'RATE_LIMITED', 'REJECTED',
    ]);
  });

  it('redacts every occurrence', () => {
    expect(redact('k=abc; again abc', ['abc', ''])).toBe('k=***; again ***');
  });
});
