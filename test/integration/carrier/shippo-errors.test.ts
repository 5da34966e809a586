/**
 * How ShippoPlatform reads failures, over real HTTP: the Shippo sandbox's faults and DRF envelopes, and a bare
 * server on 127.0.0.1 for the statuses and socket behaviours the sandbox has no reason to produce.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PlatformHttp } from '../../../sync/carrier/platform-http';
import { readShippoError, shippoCodeFor } from '../../../sync/carrier/shippo.errors';
import { createShippoPlatform } from '../../../sync/carrier/shippo.platform';
import { SHIPPO_SANDBOX_KEY } from '../../../sync/sim/carrier/shippo/shippo-sandbox.sim';
import { z } from 'zod';
import { buyUsps, rejection, request, shippoWorld } from './shippo-world';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A bare HTTP server: `GET /tracks/usps/<status>` answers that status; every request's headers are kept. */
async function bareServer(opts: { silent?: boolean } = {}) {
  const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    if (opts.silent) return; // never answers
    const status = Number(/^\/tracks\/usps\/(\d{3})$/.exec(req.url ?? '')?.[1] ?? 200);
    if (req.url === '/label.zpl') return void res.end('^XA^FDx^FS^XZ');
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ detail: `status ${status}` }));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

describe('replies Shippo refuses with', () => {
  it('AUTH for a token Shippo does not know, with its detail', async () => {
    const { platform } = await shippoWorld();
    const e = await rejection(platform({ apiKey: 'shippo_test_wrong' }).quote(request('E/1')));
    expect(e).toMatchObject({ code: 'AUTH', detail: { status: 401, errors: [] } });
    expect(e.message).toContain('Token does not exist');
    expect(e.message).not.toContain('shippo_test_wrong');
  });

  it('RATE_LIMITED with the wait from Retry-After, SERVER for Django’s 500 page, INVALID_REPLY for a cut reply', async () => {
    const { sandbox, platform } = await shippoWorld({ retryAfterSeconds: 3 });
    const p = platform();
    sandbox.failNext(1, 'rate-limit');
    expect(await rejection(p.quote(request('E/2')))).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 3000 });
    sandbox.failNext(1, 'http500');
    const server = await rejection(p.quote(request('E/3')));
    expect(server.code).toBe('SERVER');
    expect(server.message).toContain('no error envelope');
    sandbox.failNext(1, 'malformed');
    expect((await rejection(p.quote(request('E/4')))).code).toBe('INVALID_REPLY');
    expect(sandbox.purchases()).toEqual([]);
  });

  it('REJECTED with the field errors of a 400, nested like the body', async () => {
    const { url } = await shippoWorld();
    const http = new PlatformHttp({ baseUrl: new URL(url), authorization: `ShippoToken ${SHIPPO_SANDBOX_KEY}`, timeoutMs: 5000, readError: readShippoError, codeFor: shippoCodeFor });
    const any = z.unknown();
    const empty = await rejection(http.json('POST', '/shipments', any, {}));
    expect(empty).toMatchObject({ code: 'REJECTED', detail: { status: 400, errors: ['address_from: This field is required.', 'address_to: This field is required.', 'parcels: This field is required.'] } });
    const body = { address_from: 'f'.repeat(32), address_to: { name: 'A', street1: '1 Main St', zip: '90277', country: 'US', city: 5 }, parcels: [{ length: 1, width: 1, height: 1, distance_unit: 'cm', mass_unit: 'stone' }] };
    const nested = await rejection(http.json('POST', '/shipments', any, body));
    expect((nested.detail as { errors: string[] }).errors).toEqual(['address_to.city: Enter a valid value.', 'parcels.weight: This field is required.', 'parcels.mass_unit: "stone" is not a valid choice.']);
    expect(await rejection(http.json('POST', '/transactions', any, { rate: 'nope' }))).toMatchObject({ detail: { errors: ['rate: Invalid pk "nope" - object does not exist.'] } });
  });

  it('INVALID_REPLY for a label that is not ZPL (a purchase made without ZPLII), naming the file type', async () => {
    const { platform, api } = await shippoWorld();
    const p = platform();
    const req = request('E/5');
    const quote = await p.quote(req);
    await api('POST', '/transactions', { rate: quote.rates[0]?.id, async: false });
    const e = await rejection(platform().readBack(quote.shipmentId, req));
    expect(e.code).toBe('INVALID_REPLY');
    expect(e.message).toContain('label_file_type PDF_4x6');
  });
});

describe('statuses and sockets', () => {
  it('maps 403 → AUTH, 404 → NOT_FOUND, 409 → RATE_LIMITED, 422 → REJECTED, 500 → SERVER, 502/503/504 → UNAVAILABLE', async () => {
    const { url } = await bareServer();
    const p = createShippoPlatform({ baseUrl: url, apiKey: 'k', timeoutMs: 2000 });
    const codes: Record<string, string> = {};
    for (const status of [403, 404, 409, 422, 500, 502, 503, 504]) codes[status] = (await rejection(p.track('usps', String(status)))).code;
    expect(codes).toEqual({ 403: 'AUTH', 404: 'NOT_FOUND', 409: 'RATE_LIMITED', 422: 'REJECTED', 500: 'SERVER', 502: 'UNAVAILABLE', 503: 'UNAVAILABLE', 504: 'UNAVAILABLE' });
  });

  it('sends the token and the pinned API version to the API, and no credentials to a file URL', async () => {
    const { url, seen } = await bareServer();
    const p = createShippoPlatform({ baseUrl: url, apiKey: 'shippo_test_abc', timeoutMs: 2000 });
    await rejection(p.track('usps', '404'));
    await p.download(`${url}/label.zpl`);
    expect(seen[0]?.headers).toMatchObject({ authorization: 'ShippoToken shippo_test_abc', 'shippo-api-version': '2018-02-08' });
    expect(seen[1]?.headers.authorization).toBeUndefined();
  });

  it('NETWORK when nothing listens, TIMEOUT when the server never answers', async () => {
    const closed = await bareServer();
    closed.server.close();
    servers.splice(servers.indexOf(closed.server), 1);
    expect((await rejection(createShippoPlatform({ baseUrl: closed.url, apiKey: 'k', timeoutMs: 2000 }).track('usps', '200'))).code).toBe('NETWORK');
    const silent = await bareServer({ silent: true });
    const e = await rejection(createShippoPlatform({ baseUrl: silent.url, apiKey: 'k', timeoutMs: 150 }).track('usps', '200'));
    expect(e.code).toBe('TIMEOUT');
  });

  it('refuses plain http off loopback and a missing key as CONFIG', async () => {
    expect(() => createShippoPlatform({ baseUrl: 'http://api.goshippo.com', apiKey: 'k' })).toThrow(expect.objectContaining({ code: 'CONFIG' }));
    expect(() => createShippoPlatform({ baseUrl: 'https://api.goshippo.com', apiKey: '' })).toThrow(expect.objectContaining({ code: 'CONFIG' }));
    const p = createShippoPlatform({ baseUrl: 'https://api.goshippo.com', apiKey: 'k' });
    expect((await rejection(p.download('http://shippo-delivery.example.com/label.pdf'))).code).toBe('CONFIG');
  });
});

describe('observer and limiter', () => {
  it('tells every call by route and outcome, and takes the limiter once per request', async () => {
    const { sandbox, platform } = await shippoWorld();
    const calls: string[] = [];
    let taken = 0;
    const p = platform({ observer: (remote, method, ms, outcome) => calls.push(`${remote} ${method} ${outcome}`), take: () => taken++ });
    const { shipment } = await buyUsps(p, 'E/6');
    await p.track('USPS', shipment.trackingCode);
    sandbox.failNext(1, 'http500');
    await rejection(p.track('USPS', shipment.trackingCode));
    expect(calls).toEqual([
      'carrier POST /shipments ok',
      'carrier POST /transactions ok',
      'carrier GET label ok',
      'carrier GET /tracks/:carrier/:number ok',
      'carrier GET /tracks/:carrier/:number SERVER',
    ]);
    expect(taken).toBe(calls.length);
  });
});
