/**
 * The carrier desk over a scripted platform: the order of its conversations (check, verify once per picking, quote,
 * id recorded before buying, policy, buy), resuming, and refusals that carry the problem for the exception queue.
 */
import { describe, expect, it } from 'vitest';
import { RatePolicySchema } from '../../../../app/domain/rate-policy.schema';
import type { AddressVerdict, Rate, Shipment } from '../../../../app/domain';
import { StationError } from '../../../../app/domain/errors';
import type { CarrierPlatform, Quote, ShipmentRequest, ShipmentState } from '../../../../app/ports';
import { ShippingDesk } from '../../../../sync/carrier/shipping-desk';

const rates: Rate[] = [
  { id: 'r1', carrier: 'USPS', service: 'GroundAdvantage', rate: '6.07', currency: 'USD', deliveryDays: 3, carrierAccount: 'ca_1' },
  { id: 'r2', carrier: 'UPS', service: 'NextDayAir', rate: '38.10', currency: 'USD', deliveryDays: 1, carrierAccount: 'ca_2' },
];
const label = { format: 'ZPL' as const, dpi: 203 as const, data: '^XA^FDx^FS^XZ' };
const bought = (shipmentId: string, rate: Rate): Shipment => ({ shipmentId, trackingCode: `T-${shipmentId}`, rate, label, platform: 'easypost', purchaseId: shipmentId });

class ScriptedPlatform implements CarrierPlatform {
  readonly kind = 'easypost' as const;
  readonly calls: string[] = [];
  verdict: AddressVerdict = { ok: true, address: { name: 'x', street1: 'x', city: 'x', zip: '90277', country: 'US' }, corrected: false };
  state: ShipmentState | null = null;
  private n = 0;
  async verifyAddress(): Promise<AddressVerdict> { this.calls.push('verify'); return this.verdict; }
  async quote(r: ShipmentRequest): Promise<Quote> { this.calls.push(`quote ${r.reference}`); return { shipmentId: `shp_${++this.n}`, rates, messages: [] }; }
  async buy(id: string, rateId: string): Promise<Shipment> { this.calls.push(`buy ${id} ${rateId}`); return bought(id, rates.find((r) => r.id === rateId) as Rate); }
  async readBack(id: string): Promise<ShipmentState> { this.calls.push(`read ${id}`); return this.state as ShipmentState; }
  async void(): Promise<never> { throw new Error('not used'); }
  async manifest(): Promise<never> { throw new Error('not used'); }
  async track(): Promise<never> { throw new Error('not used'); }
  async download(): Promise<never> { throw new Error('not used'); }
}

const request = (over: Partial<ShipmentRequest> = {}): ShipmentRequest => ({
  reference: 'WH/OUT/00012#1',
  from: { name: 'Warehouse', street1: '388 Townsend St', city: 'San Francisco', state: 'CA', zip: '94107', country: 'US' },
  to: { name: 'Elizabeth Swan', street1: '179 N Harbor Dr', city: 'Redondo Beach', state: 'CA', zip: '90277', country: 'US' },
  parcel: { weightG: 800, packageType: null },
  labelDpi: 203,
  services: [],
  odooCarrier: null,
  deadline: null,
  ...over,
});

const desk = (platform: ScriptedPlatform, over: Partial<ConstructorParameters<typeof ShippingDesk>[0]> = {}) =>
  new ShippingDesk({ platform, policies: { policies: {}, services: [] }, verifyAddresses: true, clock: { now: () => Date.UTC(2026, 11, 2, 12) }, ...over });

async function refused(p: Promise<unknown>): Promise<StationError> {
  try { await p; } catch (e) { if (e instanceof StationError) return e; throw e; }
  throw new Error('expected a refusal');
}

describe('ShippingDesk', () => {
  it('verifies the address once per picking, records the shipment before buying, buys what the policy chose', async () => {
    const platform = new ScriptedPlatform();
    const d = desk(platform);
    const seen: string[] = [];
    d.onShipmentCreated = (ref, id) => seen.push(`${ref} ${id} after ${platform.calls.length} calls`);
    const first = await d.buyLabel(request());
    await d.buyLabel(request({ reference: 'WH/OUT/00012#2' }));
    expect(platform.calls).toEqual(['verify', 'quote WH/OUT/00012#1', 'buy shp_1 r1', 'quote WH/OUT/00012#2', 'buy shp_2 r1']);
    expect(seen).toEqual(['WH/OUT/00012#1 shp_1 after 2 calls', 'WH/OUT/00012#2 shp_2 after 4 calls']);
    expect(first.choice).toEqual({ policy: 'cheapest', reason: 'cheapest of 2 allowed rates', offered: 2, allowed: 2 });
  });

  it("uses the Odoo delivery carrier's policy", async () => {
    const platform = new ScriptedPlatform();
    const d = desk(platform, { policies: { policies: { 'Express Delivery': RatePolicySchema.parse({ choose: 'fastest' }) }, services: [] } });
    const s = await d.buyLabel(request({ odooCarrier: 'Express Delivery' }));
    expect(s.rate.id).toBe('r2');
    expect(s.choice?.policy).toBe('fastest');
  });

  it('refuses an undeliverable address before quoting, with the problem for the exception queue', async () => {
    const platform = new ScriptedPlatform();
    platform.verdict = { ok: false, problems: ['Address not found'] };
    const e = await refused(desk(platform).buyLabel(request()));
    expect(e.code).toBe('REJECTED');
    expect(e.detail).toEqual({ carrierException: { kind: 'address_invalid', detail: 'The carrier platform cannot deliver to this address: Address not found', suggestedAction: expect.any(String) } });
    expect(platform.calls).toEqual(['verify']);
  });

  it('refuses missing data without asking the platform anything', async () => {
    const platform = new ScriptedPlatform();
    const e = await refused(desk(platform).buyLabel(request({ to: { ...request().to, street1: '' } })));
    expect(e.detail).toMatchObject({ carrierException: { kind: 'data_missing' } });
    expect(platform.calls).toEqual([]);
  });

  it('refuses a price above the ceiling after quoting, buying nothing', async () => {
    const platform = new ScriptedPlatform();
    const d = desk(platform, { policies: { policy: RatePolicySchema.parse({ maxPrice: '5.00' }), policies: {}, services: [] } });
    const e = await refused(d.buyLabel(request()));
    expect(e.detail).toMatchObject({ carrierException: { kind: 'price_ceiling' } });
    expect(platform.calls.some((c) => c.startsWith('buy'))).toBe(false);
  });

  it('resumes: a bought shipment is adopted (never bought again), an open one is bought by the policy', async () => {
    const platform = new ScriptedPlatform();
    platform.state = { bought: bought('shp_9', rates[0] as Rate) };
    const adopted = await desk(platform).buyLabel(request(), 'shp_9');
    expect(platform.calls).toEqual(['read shp_9']);
    expect(adopted).toMatchObject({ shipmentId: 'shp_9', choice: { reason: 'bought by an interrupted attempt, adopted' } });

    const again = new ScriptedPlatform();
    again.state = { open: { shipmentId: 'shp_9', rates, messages: [] } };
    await desk(again).buyLabel(request(), 'shp_9');
    expect(again.calls).toEqual(['read shp_9', 'buy shp_9 r1']);
  });

  it('does not verify when the station is set not to', async () => {
    const platform = new ScriptedPlatform();
    await desk(platform, { verifyAddresses: false }).buyLabel(request());
    expect(platform.calls[0]).toBe('quote WH/OUT/00012#1');
  });
});
