/**
 * The carrier desk over the EasyPost platform against the protocol-real CarrierSandbox over real HTTP on 127.0.0.1.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StationError } from '../../../app/domain/errors';
import type { ShipmentRequest } from '../../../app/ports';
import { CarrierSandbox, type SandboxFault } from '../../../sync/sim/carrier/carrier-sandbox.sim';
import { easyPostDesk } from '../../support/easypost-desk';

const KEY = 'sandbox-carrier-key';

const request = (over: Partial<ShipmentRequest> = {}): ShipmentRequest => ({
  reference: 'WH/OUT/00012#1',
  from: { name: 'Jack Sparrow', company: 'Black Pearl Ltd', street1: '388 Townsend St', street2: 'Apt 20', city: 'San Francisco', state: 'CA', zip: '94107', country: 'US', phone: '5555555555' },
  to: { name: 'Elizabeth Swan', street1: '179 N Harbor Dr', city: 'Redondo Beach', state: 'CA', zip: '90277', country: 'US', email: 'test@example.com' },
  parcel: { weightG: 436.6, packageType: { id: 3, name: 'Box M', barcode: null, tareG: 150, lengthMm: 254, widthMm: 203.2, heightMm: 101.6, maxWeightG: null } },
  labelDpi: 203,
  services: [],
  ...over,
});

async function caught(p: Promise<unknown>): Promise<StationError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof StationError) return e;
    throw e;
  }
  throw new Error('expected a StationError');
}

let sandbox: CarrierSandbox;
let baseUrl: string;

beforeEach(async () => {
  sandbox = new CarrierSandbox();
  baseUrl = (await sandbox.listen(0)).url;
});

afterEach(async () => {
  await sandbox.close();
});

const gateway = (apiKey = KEY, timeoutMs = 5000) => easyPostDesk({ baseUrl, apiKey, timeoutMs });

describe('buyLabel end to end', () => {
  it('creates, reports the id before buying, buys the cheapest rate and downloads the ZPL', async () => {
    const gw = gateway();
    const seen: [string, string, number][] = [];
    gw.onShipmentCreated = (reference, id) => seen.push([reference, id, sandbox.purchases().length]);

    const shipment = await gw.buyLabel(request());

    expect(shipment.shipmentId).toMatch(/^shp_[0-9a-f]{32}$/);
    expect(seen).toEqual([['WH/OUT/00012#1', shipment.shipmentId, 0]]); // called while nothing was bought yet
    expect(shipment.rate).toMatchObject({ carrier: 'USPS', service: 'GroundAdvantage', rate: '6.07', currency: 'USD' });
    expect(shipment.trackingCode).toMatch(/^9400\d{18}$/);
    expect(shipment.label).toMatchObject({ format: 'ZPL', dpi: 203 });
    expect(shipment.label.data).toContain(`^FD${shipment.trackingCode}^FS`);
    expect(sandbox.purchases()).toEqual([expect.objectContaining({ shipmentId: shipment.shipmentId, trackingCode: shipment.trackingCode })]);
    expect(sandbox.shipments()).toEqual([{ id: shipment.shipmentId, reference: 'WH/OUT/00012#1', trackingCode: shipment.trackingCode, bought: true }]);
  });

  it('picks the preferred service over a cheaper one', async () => {
    const shipment = await gateway().buyLabel(request({ services: ['Ground', 'Priority'] }));
    expect(shipment.rate).toMatchObject({ carrier: 'UPS', service: 'Ground', rate: '10.50' });
    expect(shipment.trackingCode).toMatch(/^1Z/);
  });

  it('converts the label when the purchase returns only a PNG (label_resolution 300 → 203 dpi ZPL)', async () => {
    await sandbox.close();
    sandbox = new CarrierSandbox({ deferZplConversion: true });
    baseUrl = (await sandbox.listen(0)).url;
    const shipment = await gateway().buyLabel(request({ labelDpi: 300 }));
    expect(shipment.label.dpi).toBe(203); // what was received, not what the printer wants
    expect(shipment.label.data).toContain('^XA');
  });

  it('reuses an already bought shipment and never buys twice', async () => {
    const first = await gateway().buyLabel(request());
    const again = await gateway().buyLabel(request(), first.shipmentId);
    // The same label; why its rate won is not known to the resumed call, and it says so.
    expect(again).toEqual({ ...first, choice: { ...first.choice, reason: 'bought by an interrupted attempt, adopted', offered: 0, allowed: 0 } });
    expect(sandbox.purchases()).toHaveLength(1);
  });

  it('refuses to resume a shipment that belongs to another reference', async () => {
    const first = await gateway().buyLabel(request());
    const e = await caught(gateway().buyLabel(request({ reference: 'WH/OUT/00099#1' }), first.shipmentId));
    expect(e.code).toBe('REJECTED');
  });

  it('an unknown existing shipment id → NOT_FOUND', async () => {
    const e = await caught(gateway().buyLabel(request(), 'shp_00000000000000000000000000000000'));
    expect(e.code).toBe('NOT_FOUND');
  });
});

describe('resume after a lost buy reply', () => {
  it("'drop' during buy → NETWORK, then resuming with the id reuses the purchase: exactly one", async () => {
    const gw = gateway();
    let created: string | undefined;
    gw.onShipmentCreated = (_ref, id) => {
      created = id;
      sandbox.failNext(1, 'drop'); // the very next request is the buy
    };
    const e = await caught(gw.buyLabel(request()));
    expect(e.code).toBe('NETWORK');
    expect(sandbox.purchases()).toHaveLength(1); // the platform did buy it

    const resumed = await gw.buyLabel(request(), created);
    expect(resumed.shipmentId).toBe(created);
    expect(sandbox.purchases()).toEqual([expect.objectContaining({ shipmentId: created, trackingCode: resumed.trackingCode })]);
  });

  it('a second buy on the wire is refused with 422 SHIPMENT.POSTAGE.FAILURE', async () => {
    const first = await gateway().buyLabel(request());
    const auth = `Basic ${Buffer.from(`${KEY}:`).toString('base64')}`;
    const res = await fetch(`${baseUrl}/shipments/${first.shipmentId}/buy`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ rate: { id: first.rate.id } }),
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { code: 'SHIPMENT.POSTAGE.FAILURE' } });
    expect(sandbox.purchases()).toHaveLength(1);
  });
});

describe('faults → StationError codes', () => {
  it.each<[SandboxFault, string]>([
    ['http500', 'SERVER'],
    ['drop', 'NETWORK'],
    ['rate-limit', 'RATE_LIMITED'],
    ['malformed', 'INVALID_REPLY'],
    ['address-invalid', 'REJECTED'],
  ])("failNext(1, '%s') → %s", async (kind, code) => {
    sandbox.failNext(1, kind);
    const e = await caught(gateway().buyLabel(request()));
    expect(e.code).toBe(code);
    if (kind === 'rate-limit') expect(e.retryAfterMs).toBe(1000);
    if (kind === 'address-invalid') expect(e.detail).toMatchObject({ status: 422, code: 'ADDRESS.VERIFY.FAILURE' });
    // The fault is spent: the next attempt goes through.
    await expect(gateway().buyLabel(request())).resolves.toMatchObject({ label: { format: 'ZPL' } });
  });

  it('a wrong API key → AUTH, and the key never shows in the error', async () => {
    const secret = 'sk_live_do_not_leak_123';
    const e = await caught(gateway(secret).buyLabel(request()));
    expect(e.code).toBe('AUTH');
    expect(e.detail).toMatchObject({ status: 401 });
    expect(`${e.message} ${JSON.stringify(e.detail)}`).not.toContain(secret);
  });

  it('nothing listening → NETWORK', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const gw = easyPostDesk({ baseUrl: `http://127.0.0.1:${port}/v2`, apiKey: KEY, timeoutMs: 2000 });
    expect((await caught(gw.buyLabel(request()))).code).toBe('NETWORK');
  });

  it('a server that never answers → TIMEOUT', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const port = (silent.address() as AddressInfo).port;
      const gw = easyPostDesk({ baseUrl: `http://127.0.0.1:${port}/v2`, apiKey: KEY, timeoutMs: 300 });
      expect((await caught(gw.buyLabel(request()))).code).toBe('TIMEOUT');
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });

  it('refuses plain http to a non-loopback host at construction', () => {
    expect(() => easyPostDesk({ baseUrl: 'http://api.easypost.com/v2', apiKey: KEY })).toThrow(expect.objectContaining({ code: 'CONFIG' }));
  });
});

describe('sandbox wire details', () => {
  const auth = { authorization: `Basic ${Buffer.from(`${KEY}:`).toString('base64')}`, 'content-type': 'application/json' };

  it('create answers 201 with string rates; empty shipment → 422 PARAMETER.REQUIRED as in test_error', async () => {
    const bad = await fetch(`${baseUrl}/shipments`, { method: 'POST', headers: auth, body: JSON.stringify({ shipment: {} }) });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toEqual({ error: { code: 'PARAMETER.REQUIRED', message: 'Missing required parameter.', errors: [{ field: 'shipment', message: 'cannot be blank' }] } });
  });

  it('POST /trackers answers 200 (not 201) with EasyPost test statuses', async () => {
    const res = await fetch(`${baseUrl}/trackers`, { method: 'POST', headers: auth, body: JSON.stringify({ tracker: { tracking_code: 'EZ4000000004', carrier: 'USPS' } }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ object: 'Tracker', tracking_code: 'EZ4000000004', status: 'delivered' });
  });

  it('unauthenticated → 401 envelope', async () => {
    const res = await fetch(`${baseUrl}/shipments/shp_x`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'APIKEY.REQUIRED' } });
  });
});
