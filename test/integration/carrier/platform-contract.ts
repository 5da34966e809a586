/**
 * The contract every carrier platform behind `CarrierPlatform` keeps, run against each platform's sandbox over real
 * HTTP (easypost-contract.test.ts, shippo-contract.test.ts). What the desk, the void deliverer, returns and manifests
 * rely on is asserted here once, so a platform that passes can be configured without the rest of the station knowing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Address } from '../../../app/domain/address.schema';
import { StationError, isUnreachable } from '../../../app/domain/errors';
import type { CarrierPlatform, ShipmentRequest } from '../../../app/ports';

export interface ContractSandbox {
  url: string;
  /** 'drop' = the request is processed, then its reply is lost. 'rate-limit' = 429 with Retry-After. */
  failNext(n: number, kind: 'http500' | 'drop' | 'rate-limit' | 'malformed'): void;
  purchases(): { shipmentId: string; trackingCode: string }[];
  refunds(): { trackingCode: string; status: string }[];
  close(): Promise<void>;
}

export interface ContractWorld {
  sandbox: ContractSandbox;
  platform: CarrierPlatform;
  withKey(apiKey: string): CarrierPlatform;
  /** Tracking codes the sandbox answers with fixed histories, like the platform's test mode. */
  testTracking: { carrier: string; delivered: string; returned: string; failure: string };
}

export const WAREHOUSE: Address = { name: 'Jack Sparrow', company: 'Black Pearl Ltd', street1: '388 Townsend St', city: 'San Francisco', state: 'CA', zip: '94107', country: 'US', phone: '4155550100' };
export const CUSTOMER: Address = { name: 'Elizabeth Swan', street1: '179 N Harbor Dr', city: 'Redondo Beach', state: 'CA', zip: '90277', country: 'US', email: 'test@example.com' };
export const UNDELIVERABLE: Address = { name: 'Nobody', street1: '000 Nowhere Road', city: 'Nowhere', state: 'CA', zip: '00000', country: 'US' };

export const contractRequest = (reference: string, over: Partial<ShipmentRequest> = {}): ShipmentRequest => ({
  reference,
  from: WAREHOUSE,
  to: CUSTOMER,
  parcel: { weightG: 1200, packageType: { id: 3, name: 'Box M', barcode: null, tareG: 150, lengthMm: 254, widthMm: 203, heightMm: 102, maxWeightG: null } },
  labelDpi: 203,
  services: [],
  ...over,
});

async function failure(p: Promise<unknown>): Promise<StationError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof StationError) return e;
    throw e;
  }
  throw new Error('expected a StationError');
}

const cheapestUsps = (rates: readonly { id: string; carrier: string; rate: string }[]) =>
  [...rates].filter((r) => r.carrier.toUpperCase() === 'USPS').sort((a, b) => Number(a.rate) - Number(b.rate))[0];

export function describePlatformContract(name: string, makeWorld: () => Promise<ContractWorld>): void {
  describe(`${name} keeps the carrier platform contract`, () => {
    let world: ContractWorld;
    let platform: CarrierPlatform;

    beforeEach(async () => {
      world = await makeWorld();
      platform = world.platform;
    });
    afterEach(async () => {
      await world.sandbox.close();
    });

    const buyOne = async (reference: string, over: Partial<ShipmentRequest> = {}) => {
      const request = contractRequest(reference, over);
      const quote = await platform.quote(request);
      const rate = cheapestUsps(quote.rates);
      if (!rate) throw new Error(`${name} offered no USPS rate`);
      return { request, quote, rate, shipment: await platform.buy(quote.shipmentId, rate.id, request) };
    };

    it('verifies a deliverable address and refuses an undeliverable one with its problems', async () => {
      const ok = await platform.verifyAddress(CUSTOMER);
      expect(ok).toMatchObject({ ok: true, address: { zip: expect.stringMatching(/^90277/), country: 'US' } });
      const bad = await platform.verifyAddress(UNDELIVERABLE);
      expect(bad.ok).toBe(false);
      expect(!bad.ok && bad.problems.every((p) => p.trim().length > 0)).toBe(true);
    });

    it('quotes several carriers with money as decimal strings, transit days and carrier accounts, buying nothing', async () => {
      const quote = await platform.quote(contractRequest('CT/OUT/1#1'));
      expect(quote.shipmentId).not.toBe('');
      expect(new Set(quote.rates.map((r) => r.carrier)).size).toBeGreaterThanOrEqual(2);
      for (const r of quote.rates) {
        expect(r.rate).toMatch(/^\d+(\.\d+)?$/);
        expect(r.currency).toMatch(/^[A-Z]{3}$/);
        expect(r.carrierAccount).toEqual(expect.any(String));
      }
      expect(quote.rates.some((r) => typeof r.deliveryDays === 'number')).toBe(true);
      expect(world.sandbox.purchases()).toEqual([]);
    });

    it('buys the chosen rate and returns a ZPL label with its tracking code and platform ids', async () => {
      const { quote, rate, shipment } = await buyOne('CT/OUT/2#1');
      expect(shipment).toMatchObject({ shipmentId: quote.shipmentId, platform: platform.kind, rate: { id: rate.id, carrier: rate.carrier, rate: rate.rate } });
      expect(shipment.purchaseId).toEqual(expect.any(String));
      expect(shipment.label.format).toBe('ZPL');
      expect(shipment.label.data).toContain('^XA');
      expect(world.sandbox.purchases()).toEqual([{ shipmentId: quote.shipmentId, trackingCode: shipment.trackingCode }]);
    });

    it('never buys twice: buying a bought shipment again, or after a lost reply, answers the same label', async () => {
      const { request, quote, rate, shipment } = await buyOne('CT/OUT/3#1');
      const again = await platform.buy(quote.shipmentId, rate.id, request);
      expect(again.trackingCode).toBe(shipment.trackingCode);

      const second = contractRequest('CT/OUT/3#2');
      const q2 = await platform.quote(second);
      const r2 = cheapestUsps(q2.rates);
      world.sandbox.failNext(1, 'drop');
      const lost = await failure(platform.buy(q2.shipmentId, r2?.id ?? '', second));
      expect(isUnreachable(lost)).toBe(true);
      const state = await platform.readBack(q2.shipmentId, second);
      expect('bought' in state).toBe(true);
      const adopted = 'bought' in state ? state.bought : null;
      expect(adopted?.label.data).toContain('^XA');
      expect(world.sandbox.purchases().map((p) => p.trackingCode)).toEqual([shipment.trackingCode, adopted?.trackingCode]);
    });

    it('reads back an open shipment with its rates', async () => {
      const request = contractRequest('CT/OUT/4#1');
      const quote = await platform.quote(request);
      const state = await platform.readBack(quote.shipmentId, request);
      expect('open' in state && state.open.rates.map((r) => r.id).sort()).toEqual(quote.rates.map((r) => r.id).sort());
    });

    it('voids a label once: a second void answers the status, one refund at the platform', async () => {
      const { shipment } = await buyOne('CT/OUT/5#1');
      const first = await platform.void(shipment);
      expect(['submitted', 'refunded']).toContain(first.status);
      const second = await platform.void(shipment);
      expect(['submitted', 'refunded']).toContain(second.status);
      expect(world.sandbox.refunds()).toEqual([{ trackingCode: shipment.trackingCode, status: expect.any(String) }]);
    });

    it('buys a return label for the same addresses', async () => {
      const { shipment } = await buyOne('CT/OUT/6#R1', { isReturn: true });
      expect(shipment.isReturn).toBe(true);
      expect(shipment.label.data).toContain('^XA');
    });

    it("manifests the day's shipments of one carrier and serves the form as a PDF", async () => {
      const a = await buyOne('CT/OUT/7#1');
      const b = await buyOne('CT/OUT/7#2');
      const manifest = await platform.manifest([a.shipment, b.shipment], WAREHOUSE);
      expect(manifest).toMatchObject({ carrier: expect.stringMatching(/usps/i), status: expect.stringMatching(/^(created|pending)$/) });
      expect(manifest.manifestId).not.toBe('');
      if (manifest.status === 'created') {
        expect([...manifest.trackingCodes].sort()).toEqual([a.shipment.trackingCode, b.shipment.trackingCode].sort());
        expect(manifest.documentUrl).toEqual(expect.any(String));
        const pdf = await platform.download(manifest.documentUrl as string);
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      }
    });

    it('tracks through the canonical model: a new label, and the test codes of the platform', async () => {
      const { shipment } = await buyOne('CT/OUT/8#1');
      const fresh = await platform.track(shipment.rate.carrier, shipment.trackingCode);
      expect(fresh).toMatchObject({ trackingCode: shipment.trackingCode, unmapped: [] });
      expect(['pre_transit', 'unknown']).toContain(fresh.status);
      const { carrier, delivered, returned, failure: failed } = world.testTracking;
      const done = await platform.track(carrier, delivered);
      expect(done.status).toBe('delivered');
      expect(done.events.length).toBeGreaterThanOrEqual(2);
      const times = done.events.map((e) => Date.parse(e.at));
      expect(times).toEqual([...times].sort((x, y) => x - y));
      expect(done.events.at(-1)?.status).toBe('delivered');
      expect((await platform.track(carrier, returned)).status).toBe('returned_to_sender');
      expect(['delivery_failed', 'exception']).toContain((await platform.track(carrier, failed)).status);
    });

    it('says AUTH for a wrong key, RATE_LIMITED with the wait, SERVER for a 500, INVALID_REPLY for garbage', async () => {
      expect((await failure(world.withKey('wrong-key').quote(contractRequest('CT/OUT/9#1')))).code).toBe('AUTH');
      world.sandbox.failNext(1, 'rate-limit');
      const limited = await failure(platform.quote(contractRequest('CT/OUT/9#2')));
      expect(limited.code).toBe('RATE_LIMITED');
      expect(limited.retryAfterMs).toBeGreaterThanOrEqual(1000);
      world.sandbox.failNext(1, 'http500');
      expect((await failure(platform.quote(contractRequest('CT/OUT/9#3')))).code).toBe('SERVER');
      world.sandbox.failNext(1, 'malformed');
      expect((await failure(platform.quote(contractRequest('CT/OUT/9#4')))).code).toBe('INVALID_REPLY');
      expect(world.sandbox.purchases()).toEqual([]);
    });

    it('refuses a request the platform finds invalid as REJECTED, with its message', async () => {
      const e = await failure(platform.buy('shp_does_not_exist_000000000000000', 'rate_nope', contractRequest('CT/OUT/10#1')));
      expect(['REJECTED', 'NOT_FOUND']).toContain(e.code);
      expect(e.message.length).toBeGreaterThan(0);
    });
  });
}
