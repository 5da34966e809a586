/**
 * ShippoPlatform against the Shippo sandbox over real HTTP on 127.0.0.1: what it sends, what it makes of the
 * replies, and that a label is never bought twice (a second buy, a restarted station, two buys at once, a lost reply).
 */
import { describe, expect, it } from 'vitest';
import { CUSTOMER, UNDELIVERABLE, WAREHOUSE } from './platform-contract';
import { buyUsps, rejection, request, shippoWorld } from './shippo-world';

const BOX = { id: 3, name: 'Box M', barcode: null, tareG: 150, lengthMm: 254, widthMm: 203.2, heightMm: 101.6, maxWeightG: null };

describe('addresses', () => {
  it('passes a deliverable address (cleaned), refuses the undeliverable one, leaves non-US ones unvalidated', async () => {
    const { platform } = await shippoWorld();
    const p = platform();
    expect(await p.verifyAddress(CUSTOMER)).toEqual({ ok: true, address: CUSTOMER, corrected: false });
    const cleaned = await p.verifyAddress({ ...CUSTOMER, street1: '179 N Harbor Drive' });
    expect(cleaned).toMatchObject({ ok: true, corrected: true, address: { street1: '179 N Harbor Dr', name: 'Elizabeth Swan' } });
    const bad = await p.verifyAddress(UNDELIVERABLE);
    expect(bad).toEqual({ ok: false, problems: [expect.stringContaining('could not be found')] });
    const abroad = { name: 'Test International', street1: '10 Downing St', city: 'London', zip: 'SW1A 2AA', country: 'GB' };
    expect(await p.verifyAddress(abroad)).toEqual({ ok: true, address: abroad, corrected: false });
  });

  it("turns Shippo's 400 on an address into the verdict's problems", async () => {
    const { platform } = await shippoWorld();
    const verdict = await platform().verifyAddress({ ...CUSTOMER, country: 'USA' });
    expect(verdict).toEqual({ ok: false, problems: ['country: Ensure this field has no more than 2 characters.'] });
  });
});

describe('quote', () => {
  it('sends metric units, the reference and the return flag, and maps rates by servicelevel token', async () => {
    const { platform, api } = await shippoWorld();
    const quote = await platform().quote(request('WH/OUT/00012#R1', { parcel: { weightG: 436.6, packageType: BOX }, isReturn: true }));
    expect(quote.shipmentId).toMatch(/^[0-9a-f]{32}$/);
    const sent = (await api('GET', `/shipments/${quote.shipmentId}`)).body;
    expect(sent).toMatchObject({
      parcels: [{ weight: '437', mass_unit: 'g', length: '25.4', width: '20.4', height: '10.2', distance_unit: 'cm' }],
      metadata: 'WH/OUT/00012#R1',
      extra: { reference_1: 'WH/OUT/00012#R1', is_return: true },
    });
    expect(quote.rates.map((r) => r.service).sort()).toEqual(['ups_ground', 'ups_next_day_air', 'usps_ground_advantage', 'usps_priority', 'usps_priority_express']);
    expect(quote.rates.find((r) => r.service === 'usps_priority')).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      carrier: 'USPS',
      service: 'usps_priority',
      rate: '7.42',
      currency: 'USD',
      deliveryDays: 2,
      deliveryDate: null,
      carrierAccount: 'b741b99f95e841639b54272834bc478c',
    });
    expect(quote.messages).toEqual([]);
  });

  it('sends kilograms from 1 kg on, and passes on why a carrier offered nothing', async () => {
    const { platform, api } = await shippoWorld();
    const light = await platform().quote(request('WH/OUT/1#1', { parcel: { weightG: 1200, packageType: BOX } }));
    expect((await api('GET', `/shipments/${light.shipmentId}`)).body).toMatchObject({ parcels: [{ weight: '1.200', mass_unit: 'kg' }] });
    const heavy = await platform().quote(request('WH/OUT/1#2', { parcel: { weightG: 40_000, packageType: BOX } }));
    expect(new Set(heavy.rates.map((r) => r.carrier))).toEqual(new Set(['UPS']));
    expect(heavy.messages).toEqual(["USPS: The parcel's weight exceeds USPS's maximum of 70 lb."]);
  });

  it('refuses a parcel without sizes before creating anything', async () => {
    const { platform, api } = await shippoWorld();
    const e = await rejection(platform().quote(request('WH/OUT/2#1', { parcel: { weightG: 500, packageType: null } })));
    expect(e).toMatchObject({ code: 'REJECTED', detail: { code: 'PARCEL_SIZE_MISSING' } });
    expect((await api('GET', '/transactions')).body).toMatchObject({ results: [] });
  });
});

describe('buy', () => {
  it('buys a ZPLII label, downloads it from label_url and records the transaction as the purchase', async () => {
    const { sandbox, platform, api } = await shippoWorld();
    const { quote, rate, shipment } = await buyUsps(platform(), 'WH/OUT/3#1');
    expect(shipment).toMatchObject({ shipmentId: quote.shipmentId, platform: 'shippo', isReturn: false, rate, label: { format: 'ZPL', dpi: 203 } });
    expect(shipment.trackingCode).toMatch(/^92055901\d{14}$/);
    expect(shipment.label.data).toContain(`^FD${shipment.trackingCode}^FS`);
    const transaction = (await api('GET', `/transactions/${shipment.purchaseId}`)).body;
    expect(transaction).toMatchObject({ status: 'SUCCESS', label_file_type: 'ZPLII', rate: { object_id: rate.id }, metadata: `shipment ${quote.shipmentId} WH/OUT/3#1` });
    expect(sandbox.purchases()).toEqual([{ shipmentId: quote.shipmentId, trackingCode: shipment.trackingCode }]);
  });

  it('prints a return label from the customer to the warehouse', async () => {
    const { platform } = await shippoWorld();
    const { shipment } = await buyUsps(platform(), 'WH/OUT/4#R1', { isReturn: true });
    const shipTo = shipment.label.data.slice(shipment.label.data.indexOf('SHIP TO:'));
    expect(shipment.isReturn).toBe(true);
    expect(shipTo).toContain(WAREHOUSE.name.toUpperCase());
    expect(shipTo).not.toContain(CUSTOMER.name.toUpperCase());
  });

  it('waits for a label Shippo is still making (QUEUED even with async: false)', async () => {
    const { platform } = await shippoWorld({ queuedLabels: true });
    const { shipment } = await buyUsps(platform(), 'WH/OUT/5#1');
    expect(shipment.label.data).toContain('^XA');
  });

  it('reports a carrier that did not answer as UNAVAILABLE, and the next buy goes through once', async () => {
    const { sandbox, platform } = await shippoWorld();
    const p = platform();
    const req = request('WH/OUT/6#1');
    const quote = await p.quote(req);
    const rate = quote.rates[0];
    if (!rate) throw new Error('no rate');
    sandbox.carrierTimeoutNext();
    const e = await rejection(p.buy(quote.shipmentId, rate.id, req));
    expect(e).toMatchObject({ code: 'UNAVAILABLE', detail: { code: 'carrier_timeout' } });
    expect(e.message).toContain('API did not respond');
    const bought = await p.buy(quote.shipmentId, rate.id, req);
    expect(sandbox.purchases()).toEqual([{ shipmentId: quote.shipmentId, trackingCode: bought.trackingCode }]);
  });

  it('refuses a rate that is not one of the shipment’s', async () => {
    const { platform } = await shippoWorld();
    const p = platform();
    const req = request('WH/OUT/7#1');
    const quote = await p.quote(req);
    expect(await rejection(p.buy(quote.shipmentId, 'f'.repeat(32), req))).toMatchObject({ code: 'REJECTED', detail: { code: 'RATE_NOT_OFFERED' } });
  });
});

describe('never twice', () => {
  it('answers the existing label to a second buy of another rate, from this station or a restarted one', async () => {
    const { sandbox, platform } = await shippoWorld();
    const { req, quote, shipment } = await buyUsps(platform(), 'WH/OUT/8#1');
    const other = quote.rates.find((r) => r.carrier === 'UPS');
    if (!other) throw new Error('no UPS rate');
    for (const station of [platform(), platform()]) {
      const again = await station.buy(quote.shipmentId, other.id, req);
      expect(again).toMatchObject({ trackingCode: shipment.trackingCode, purchaseId: shipment.purchaseId, rate: { id: shipment.rate.id } });
    }
    expect(sandbox.purchases()).toHaveLength(1);
  });

  it('buys once when two buys of one shipment run at the same time', async () => {
    const { sandbox, platform } = await shippoWorld();
    const p = platform();
    const req = request('WH/OUT/9#1');
    const quote = await p.quote(req);
    const [a, b] = quote.rates;
    if (!a || !b) throw new Error('rates missing');
    const [x, y] = await Promise.all([p.buy(quote.shipmentId, a.id, req), p.buy(quote.shipmentId, b.id, req)]);
    expect(y.trackingCode).toBe(x.trackingCode);
    expect(sandbox.purchases()).toHaveLength(1);
  });

  it('fails a buy whose reply was lost as unreachable; reading back or buying again adopts that purchase', async () => {
    const { sandbox, platform } = await shippoWorld();
    const p = platform();
    for (const resume of ['readBack', 'buy'] as const) {
      const req = request(`WH/OUT/10#${resume}`);
      const quote = await p.quote(req);
      const rate = quote.rates[0];
      if (!rate) throw new Error('no rate');
      sandbox.failNext(1, 'drop');
      expect((await rejection(p.buy(quote.shipmentId, rate.id, req))).code).toBe('NETWORK');
      const adopted = resume === 'buy' ? await p.buy(quote.shipmentId, rate.id, req) : await p.readBack(quote.shipmentId, req).then((s) => ('bought' in s ? s.bought : null));
      expect(sandbox.purchases().at(-1)).toEqual({ shipmentId: quote.shipmentId, trackingCode: adopted?.trackingCode });
    }
    expect(sandbox.purchases()).toHaveLength(2);
  });

  it('reads back an open shipment, refuses someone else’s, and says NOT_FOUND for an unknown one', async () => {
    const { platform } = await shippoWorld();
    const p = platform();
    const req = request('WH/OUT/11#1');
    const quote = await p.quote(req);
    expect(await p.readBack(quote.shipmentId, req)).toEqual({ open: quote });
    expect(await rejection(platform().readBack(quote.shipmentId, request('WH/OUT/99#1')))).toMatchObject({ code: 'REJECTED', detail: { code: 'REFERENCE_MISMATCH' } });
    expect((await rejection(p.readBack('0'.repeat(32), req))).code).toBe('NOT_FOUND');
  });

  it('finds the purchase behind pages of failed attempts on the same rate', async () => {
    const { sandbox, platform, api } = await shippoWorld();
    const { req, quote, rate, shipment } = await buyUsps(platform(), 'WH/OUT/12#1');
    sandbox.carrierTimeoutNext(30);
    for (let i = 0; i < 30; i++) expect((await api('POST', '/transactions', { rate: rate.id, async: false })).body).toMatchObject({ status: 'ERROR' });
    const firstPage = (await api('GET', `/transactions?rate=${rate.id}&results=25`)).body;
    expect(firstPage).toMatchObject({ next: expect.stringContaining('page=2'), previous: null });
    const state = await platform().readBack(quote.shipmentId, req);
    expect('bought' in state && state.bought.trackingCode).toBe(shipment.trackingCode);
  });
});
