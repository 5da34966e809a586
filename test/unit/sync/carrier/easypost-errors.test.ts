import { describe, expect, it } from 'vitest';
import { StationError } from '../../../../app/domain/errors';
import { readEasyPostError } from '../../../../sync/carrier/easypost.errors';
import {
  DEFAULT_RETRY_AFTER_MS,
  errorFromFetchFailure,
  errorFromReply as platformErrorFromReply,
  type PlatformErrorDetail,
} from '../../../../sync/carrier/platform-http';
import { readCassette, readDocsResponse } from './cassette.fixture';

/** A non-2xx reply as EasyPost's client reads it: the shared platform mapping with EasyPost's envelope. */
const errorFromReply = (status: number, text: string, retryAfter: string | null, what: string) =>
  platformErrorFromReply({ readError: readEasyPostError }, status, text, retryAfter, what);

/** The recorded error reply of a cassette, as the text the server sent. */
const recordedError = (cassette: string) => {
  const reply = readCassette(cassette).find((r) => r.status >= 400);
  if (!reply) throw new Error(`${cassette} has no error reply`);
  return { status: reply.status, text: JSON.stringify(reply.body) };
};

describe('errorFromReply with EasyPost error envelopes', () => {
  it('FieldError form (test_error): 422 PARAMETER.REQUIRED → REJECTED with the field in detail', () => {
    const { status, text } = recordedError('test_error.yaml');
    const e = errorFromReply(status, text, null, 'POST /shipments');
    expect(e.code).toBe('REJECTED');
    expect(e.retryable).toBe(false);
    expect(e.detail).toEqual<PlatformErrorDetail>({ status: 422, code: 'PARAMETER.REQUIRED', errors: ['shipment: cannot be blank'], messages: ['cannot be blank'] });
    expect(e.message).toContain('Missing required parameter.');
  });

  it('string-list form (test_error_alternative_format): 404 NOT_FOUND → NOT_FOUND', () => {
    const { status, text } = recordedError('test_error_alternative_format.yaml');
    const e = errorFromReply(status, text, null, 'POST /claims');
    expect(e.code).toBe('NOT_FOUND');
    expect(e.detail).toMatchObject({ code: 'NOT_FOUND', errors: ['No eligible insurance found with provided tracking code.'] });
  });

  it('address verification failure keeps ADDRESS.VERIFY.FAILURE in detail', () => {
    const { status, text } = recordedError('test_address_verify_invalid_address.yaml');
    const e = errorFromReply(status, text, null, 'POST /shipments');
    expect(e.code).toBe('REJECTED');
    expect(e.detail).toMatchObject({ code: 'ADDRESS.VERIFY.FAILURE', errors: ['address: Address not found', 'street1: House number is missing'] });
    const guide = errorFromReply(422, JSON.stringify(readDocsResponse('guides/errors-guide-catch-error.json')), null, 'POST /addresses');
    expect(guide.detail).toMatchObject({ code: 'ADDRESS.VERIFY.FAILURE' });
  });

  it('joins a message given as a list, like the upstream clients', () => {
    const e = errorFromReply(422, JSON.stringify({ error: { code: 'SHIPMENT.POSTAGE.FAILURE', message: ['a', 'b'], errors: [] } }), null, 'POST /x');
    expect(e.message).toContain('SHIPMENT.POSTAGE.FAILURE: a, b');
    expect(e.detail).toMatchObject({ code: 'SHIPMENT.POSTAGE.FAILURE' });
  });

  it.each([
    [400, 'REJECTED'],
    [401, 'AUTH'],
    [402, 'REJECTED'],
    [403, 'AUTH'],
    [404, 'NOT_FOUND'],
    [408, 'TIMEOUT'],
    [422, 'REJECTED'],
    [500, 'SERVER'],
    [502, 'UNAVAILABLE'],
    [503, 'UNAVAILABLE'],
    [504, 'UNAVAILABLE'],
  ] as const)('HTTP %i → %s', (status, code) => {
    expect(errorFromReply(status, JSON.stringify({ error: { code: 'X', message: 'm' } }), null, 'GET /x').code).toBe(code);
  });

  it('maps by status when the body is not an envelope (proxy HTML)', () => {
    const e = errorFromReply(502, '<html>Bad gateway</html>', null, 'GET /shipments/shp_1');
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.detail).toEqual({ status: 502, code: null, errors: [], messages: [] });
  });

  it('429 → RATE_LIMITED with Retry-After in ms, or a default', () => {
    const body = JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'slow down' } });
    expect(errorFromReply(429, body, '3', 'POST /shipments').retryAfterMs).toBe(3000);
    const e = errorFromReply(429, body, null, 'POST /shipments');
    expect([e.code, e.retryAfterMs, e.retryable]).toEqual(['RATE_LIMITED', DEFAULT_RETRY_AFTER_MS, true]);
  });
});

describe('errorFromFetchFailure', () => {
  it('our AbortSignal timeout → TIMEOUT, anything else → NETWORK', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(errorFromFetchFailure(timeout, 'POST /shipments', 500).code).toBe('TIMEOUT');
    const refused = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') });
    const e = errorFromFetchFailure(refused, 'POST /shipments', 500);
    expect(e).toBeInstanceOf(StationError);
    expect(e.code).toBe('NETWORK');
    expect(e.message).toContain('ECONNREFUSED');
  });
});
