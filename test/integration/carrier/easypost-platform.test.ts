/**
 * EasyPostPlatform against the protocol-real carrier sandbox over real HTTP on 127.0.0.1: every conversation of the
 * platform port, the error mapping, replies lost and adopted, refunds asked twice, scan forms and trackers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Shipment } from '../../../app/domain/shipment.schema';
import type { ShipmentRequest } from '../../../app/ports';
import { createEasyPostPlatform, type EasyPostPlatform } from '../../../sync/carrier/easypost.platform';
import { CarrierSandbox } from '../../../sync/sim/carrier/carrier-sandbox.sim';
import { CUSTOMER as customer, UNDELIVERABLE as nowhere, WAREHOUSE as warehouse, contractRequest } from './platform-contract';

const KEY = 'sandbox-carrier-key';

const request = (over: Partial<ShipmentRequest> = {}): ShipmentRequest => contractRequest('WH/OUT/00012#1', { parcel: { weightG: 436.6, packageType: null }, ...over });

let sandbox: CarrierSandbox;
let platform: EasyPostPlatform;

beforeEach(async () => {
  sandbox = await CarrierSandbox.start();
  platform = createEasyPostPlatform({ baseUrl: sandbox.url, apiKey: KEY, timeoutMs: 5000 });
});

afterEach(async () => {
  await sandbox.close();
});

/** Quotes and buys the cheapest USPS rate. */
async function bought(over: Partial<ShipmentRequest> = {}): Promise<Shipment> {
  const req = request(over);
  const quote = await platform.quote(req);
  const rate = quote.rates.find((r) => r.carrier === 'USPS' && r.service === 'GroundAdvantage');
  if (!rate) throw new Error('no USPS GroundAdvantage rate');
  return platform.buy(quote.shipmentId, rate.id, req);
}

describe('address verification', () => {
  it('a deliverable address is accepted as EasyPost corrects it', async () => {
    const verdict = await platform.verifyAddress({ ...customer, street2: 'Apt 4' });
    expect(verdict).toMatchObject({ ok: true, corrected: true, address: { name: 'Elizabeth Swan', street1: '179 N HARBOR DR APT 4', city: 'REDONDO BEACH', zip: expect.stringMatching(/^90277-\d{4}$/) } });
    expect(verdict.ok && verdict.address.street2).toBeFalsy();
  });

  it('000 Nowhere Road fails with the platform\'s messages; a street without a house number says so', async () => {
    expect(await platform.verifyAddress(nowhere)).toEqual({ ok: false, problems: ['Address not found'] });
    expect(await platform.verifyAddress({ ...customer, street1: 'Harbor Drive' })).toEqual({ ok: false, problems: ['Address not found', 'House number is missing'] });
  });

  it('a 422 ADDRESS.VERIFY.FAILURE (verify_strict) is a verdict too', async () => {
    sandbox.failNext(1, 'address-invalid');
    expect(await platform.verifyAddress(customer)).toEqual({ ok: false, problems: ['Address not found', 'House number is missing'] });
  });

  it('on the wire: verify answers 201 with verifications, verify_strict a 422 in the cassette\'s shape', async () => {
    const auth = { authorization: `Basic ${Buffer.from(`${KEY}:`).toString('base64')}`, 'content-type': 'application/json' };
    const address = { street1: nowhere.street1, city: nowhere.city, state: nowhere.state, zip: nowhere.zip, country: 'US' };
    const soft = await fetch(`${sandbox.url}/addresses`, { method: 'POST', headers: auth, body: JSON.stringify({ address, verify: true }) });
    expect(soft.status).toBe(201);
    expect(await soft.json()).toMatchObject({ object: 'Address', verifications: { delivery: { success: false, errors: [{ code: 'E.ADDRESS.NOT_FOUND', field: 'address' }] } } });
    const strict = await fetch(`${sandbox.url}/addresses`, { method: 'POST', headers: auth, body: JSON.stringify({ address, verify_strict: true }) });
    expect(strict.status).toBe(422);
    expect(await strict.json()).toEqual({
      error: { code: 'ADDRESS.VERIFY.FAILURE', message: 'Unable to verify address.', errors: [{ code: 'E.ADDRESS.NOT_FOUND', field: 'address', message: 'Address not found', suggestion: null }] },
    });
  });
});

describe('quote, buy, read back', () => {
  it('quotes USPS and UPS rates with transit days, dates and carrier accounts', async () => {
    const quote = await platform.quote(request());
    expect(quote.shipmentId).toMatch(/^shp_/);
    expect(quote.messages).toEqual([]);
    expect(new Set(quote.rates.map((r) => r.carrier))).toEqual(new Set(['USPS', 'UPS']));
    expect(quote.rates).toContainEqual(expect.objectContaining({ carrier: 'USPS', service: 'GroundAdvantage', rate: '6.07', deliveryDays: 3, deliveryDate: null, carrierAccount: expect.stringMatching(/^ca_/) }));
    const ups = quote.rates.find((r) => r.service === 'Ground');
    expect(ups).toMatchObject({ deliveryDays: 4, deliveryDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(sandbox.purchases()).toEqual([]);
  });

  it('buys the rate asked for and returns the ZPL label; the purchase is the shipment', async () => {
    const shipment = await bought();
    expect(shipment).toMatchObject({ platform: 'easypost', purchaseId: shipment.shipmentId, isReturn: false, rate: { service: 'GroundAdvantage', rate: '6.07' }, label: { format: 'ZPL', dpi: 203 } });
    expect(shipment.label.data).toContain(`^FD${shipment.trackingCode}^FS`);
    expect(sandbox.purchases()).toEqual([{ shipmentId: shipment.shipmentId, trackingCode: shipment.trackingCode }]);
  });

  it('a return label (is_return) prints the customer as sender and the warehouse as recipient', async () => {
    const shipment = await bought({ reference: 'WH/OUT/00012#R1', isReturn: true });
    expect(shipment.isReturn).toBe(true);
    const shipTo = shipment.label.data.slice(shipment.label.data.indexOf('SHIP TO:'));
    expect(shipTo).toContain('BLACK PEARL LTD');
    expect(shipTo).not.toContain('ELIZABETH SWAN');
  });

  it('a lost buy reply: read back adopts the label, buying again adopts it too — one purchase', async () => {
    const req = request();
    const quote = await platform.quote(req);
    const rateId = quote.rates[0]?.id ?? '';
    sandbox.failNext(1, 'drop');
    await expect(platform.buy(quote.shipmentId, rateId, req)).rejects.toMatchObject({ code: 'NETWORK' });
    const state = await platform.readBack(quote.shipmentId, req);
    if (!('bought' in state)) throw new Error('expected the shipment bought');
    const again = await platform.buy(quote.shipmentId, rateId, req);
    expect(again).toEqual(state.bought);
    expect(sandbox.purchases()).toEqual([{ shipmentId: quote.shipmentId, trackingCode: again.trackingCode }]);
  });

  it('read back of an open shipment answers its quote; of another picking\'s shipment, REJECTED', async () => {
    const quote = await platform.quote(request());
    expect(await platform.readBack(quote.shipmentId, request())).toEqual({ open: quote });
    await expect(platform.readBack(quote.shipmentId, request({ reference: 'WH/OUT/00099#1' }))).rejects.toMatchObject({ code: 'REJECTED', detail: { code: 'REFERENCE_MISMATCH' } });
  });

  it.each([
    ['http500', 'SERVER'],
    ['rate-limit', 'RATE_LIMITED'],
    ['malformed', 'INVALID_REPLY'],
    ['drop', 'NETWORK'],
  ] as const)("failNext(1, '%s') → %s, then the call goes through", async (kind, code) => {
    sandbox.failNext(1, kind);
    await expect(platform.quote(request())).rejects.toMatchObject({ code, ...(kind === 'rate-limit' ? { retryAfterMs: 1000 } : {}) });
    await expect(platform.quote(request())).resolves.toMatchObject({ shipmentId: expect.stringMatching(/^shp_/) });
  });

  it('a wrong key → AUTH; an unknown shipment → NOT_FOUND; a rate of another shipment → REJECTED', async () => {
    const stranger = createEasyPostPlatform({ baseUrl: sandbox.url, apiKey: 'sk_wrong', timeoutMs: 5000 });
    await expect(stranger.quote(request())).rejects.toMatchObject({ code: 'AUTH' });
    await expect(platform.readBack('shp_00000000000000000000000000000000', request())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [a, b] = [await platform.quote(request()), await platform.quote(request())];
    await expect(platform.buy(a.shipmentId, b.rates[0]?.id ?? '', request())).rejects.toMatchObject({ code: 'REJECTED', detail: { code: 'SHIPMENT.POSTAGE.FAILURE' } });
    expect(sandbox.purchases()).toEqual([]);
  });
});

describe('void', () => {
  it('a refund is submitted; voiding again answers the current status and asks for no second refund', async () => {
    const shipment = await bought();
    expect(await platform.void(shipment)).toEqual({ status: 'submitted' });
    expect(await platform.void(shipment)).toEqual({ status: 'submitted' });
    expect(sandbox.refunds()).toEqual([{ trackingCode: shipment.trackingCode, status: 'submitted' }]);
    sandbox.settleRefund(shipment.shipmentId, 'refunded');
    expect(await platform.void(shipment)).toEqual({ status: 'refunded' });
    expect(sandbox.refunds()).toEqual([{ trackingCode: shipment.trackingCode, status: 'refunded' }]);
  });

  it('a rejected refund is answered as rejected once, and may be asked again', async () => {
    const shipment = await bought();
    await platform.void(shipment);
    sandbox.settleRefund(shipment.shipmentId, 'rejected');
    expect(await platform.void(shipment)).toEqual({ status: 'submitted' });
    expect(sandbox.refunds().map((r) => r.status)).toEqual(['rejected', 'submitted']);
  });

  it('a lost refund reply: voiding again answers its status, one refund', async () => {
    const shipment = await bought();
    sandbox.failNext(1, 'drop');
    await expect(platform.void(shipment)).rejects.toMatchObject({ code: 'NETWORK' });
    expect(await platform.void(shipment)).toEqual({ status: 'submitted' });
    expect(sandbox.refunds()).toHaveLength(1);
  });
});

/** Offsets of `%PDF` objects and the xref table agree: what a PDF reader checks before it shows a page. */
function expectWellFormedPdf(pdf: Buffer): void {
  const text = pdf.toString('latin1');
  expect(text.startsWith('%PDF-1.')).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
  expect(text.slice(startxref, startxref + 4)).toBe('xref');
  const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n\r$/gm)].map((m) => Number(m[1]));
  expect(offsets.length).toBeGreaterThan(0);
  offsets.forEach((at, i) => expect(text.slice(at, at + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
}

describe('manifest (scan form)', () => {
  it('one form for the day\'s shipments, its PDF downloaded; a lost reply or a second ask adopts the same form', async () => {
    const day = [await bought(), await bought({ reference: 'WH/OUT/00013#1' })];
    sandbox.failNext(1, 'drop');
    await expect(platform.manifest(day, warehouse)).rejects.toMatchObject({ code: 'NETWORK' });
    const manifest = await platform.manifest(day, warehouse);
    expect(manifest).toMatchObject({ manifestId: expect.stringMatching(/^sf_/), carrier: 'USPS', status: 'created', trackingCodes: day.map((s) => s.trackingCode) });
    expect(await platform.manifest(day, warehouse)).toEqual(manifest);
    const pdf = await platform.download(manifest.documentUrl ?? '');
    expectWellFormedPdf(pdf);
    for (const s of day) expect(pdf.toString('latin1')).toContain(s.trackingCode);
  });

  it('a shipment already on a form, a refunded one or one never bought is refused as EasyPost does', async () => {
    const [first, second, refunded] = [await bought(), await bought(), await bought()];
    await platform.manifest([first], warehouse);
    const refusal = (why: string) => ({ code: 'REJECTED', message: expect.stringContaining(why), detail: { status: 422, code: 'SCAN_FORM.CREATE.FAILURE' } });
    await expect(platform.manifest([first, second], warehouse)).rejects.toMatchObject(refusal('already on a scan form'));
    await platform.void(refunded);
    await expect(platform.manifest([refunded], warehouse)).rejects.toMatchObject(refusal('refunded'));
    const open = await platform.quote(request());
    const never = { ...second, shipmentId: open.shipmentId, purchaseId: open.shipmentId };
    await expect(platform.manifest([never], warehouse)).rejects.toMatchObject(refusal('not purchased'));
    await expect(platform.download(`${sandbox.url.replace(/\/v2$/, '')}/forms/sf_00.pdf`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('track', () => {
  it.each([
    ['EZ1000000001', 'pre_transit', 2],
    ['EZ2000000002', 'in_transit', 4],
    ['EZ3000000003', 'out_for_delivery', 6],
    ['EZ4000000004', 'delivered', 7],
    ['EZ5000000005', 'returned_to_sender', 7],
    ['EZ6000000006', 'delivery_failed', 7],
    ['EZ7000000007', 'unknown', 0],
  ] as const)('%s → %s with its history, oldest first', async (code, status, events) => {
    const report = await platform.track('USPS', code);
    expect(report).toMatchObject({ carrier: 'USPS', trackingCode: code, status, unmapped: [] });
    expect(report.events).toHaveLength(events);
    const times = report.events.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    if (events > 0) expect(report.events.at(-1)?.status).toBe(status);
  });

  it('a label the platform sold is tracked from pre_transit, and asking twice answers the same tracker', async () => {
    const shipment = await bought();
    const first = await platform.track('USPS', shipment.trackingCode);
    expect(first).toMatchObject({ status: 'pre_transit', events: [{ description: 'Pre-Shipment Info Sent to USPS' }, { location: 'HOUSTON, TX 77063' }] });
    expect(await platform.track('USPS', shipment.trackingCode)).toEqual(first);
  });
});
